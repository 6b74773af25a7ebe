import type { RawPosting } from '../../domain/posting';
import { salaryText } from './format';
import {
  arrayAt,
  isObject,
  jsonFormat,
  objectAt,
  objects,
  scalarText,
  textAt,
  type JsonObject,
} from './json-format';

/** USAJOBS RateIntervalCode, as codes ("PA") or names ("Per Year"), -> the words the salary normalizer reads. */
const RATE_INTERVALS: Record<string, string> = {
  pa: 'year',
  'per year': 'year',
  pm: 'month',
  'per month': 'month',
  pw: 'week',
  'per week': 'week',
  pd: 'day',
  'per day': 'day',
  ph: 'hour',
  'per hour': 'hour',
};

/**
 * The USAJOBS Search API, `GET https://data.usajobs.gov/api/search` (Authorization-Key header): `{ LanguageCode,
 * SearchParameters, SearchResult: { SearchResultCount, SearchResultCountAll, SearchResultItems: [{ MatchedObjectId,
 * MatchedObjectDescriptor: { PositionID, PositionTitle, PositionURI, ApplyURI[], PositionLocationDisplay,
 * PositionLocation[{ LocationName, CityName, … }], OrganizationName, DepartmentName, JobCategory[], JobGrade[],
 * PositionSchedule[{ Name }], PositionOfferingType[], QualificationSummary, PositionRemuneration[{ MinimumRange,
 * MaximumRange, RateIntervalCode }], PublicationStartDate, ApplicationCloseDate, UserArea: { Details: { JobSummary,
 * WhoMayApply, LowGrade, HighGrade, RemoteIndicator, TeleworkEligible, … } } } }], UserArea: { NumberOfPages } } }`.
 * Not read: JobCategory, JobGrade and grades, WhoMayApply, PositionOfferingType (permanent, term), TeleworkEligible
 * (telework is not remote), MajorDuties and the other UserArea texts; only the first page of results.
 */
export const usajobsFormat = jsonFormat({
  name: 'usajobs',
  description: 'a USAJOBS Search API response',
  matches: (document) => Array.isArray(arrayAt(objectAt(document, 'SearchResult'), 'SearchResultItems')),
  read: (document) =>
    objects(arrayAt(objectAt(document, 'SearchResult'), 'SearchResultItems')).map((item) =>
      toRawPosting(item, objectAt(item, 'MatchedObjectDescriptor') ?? {}),
    ),
});

function toRawPosting(item: JsonObject, position: JsonObject): RawPosting {
  const details = objectAt(objectAt(position, 'UserArea'), 'Details');
  const pay = arrayAt(position, 'PositionRemuneration')?.find(isObject);
  const remote = details?.['RemoteIndicator'];
  return {
    externalId: textAt(item, 'MatchedObjectId') ?? textAt(position, 'PositionID'),
    title: textAt(position, 'PositionTitle'),
    company: textAt(position, 'OrganizationName') ?? textAt(position, 'DepartmentName'),
    description: textAt(details, 'JobSummary') ?? textAt(position, 'QualificationSummary'),
    url: textAt(position, 'PositionURI') ?? scalarText(arrayAt(position, 'ApplyURI')?.[0]),
    date: textAt(position, 'PublicationStartDate'),
    validThrough: textAt(position, 'ApplicationCloseDate'),
    location: locationOf(position),
    remote: typeof remote === 'boolean' ? scalarText(remote) : undefined,
    employmentType:
      (arrayAt(position, 'PositionSchedule') ?? [])
        .map((schedule) => textAt(schedule, 'Name'))
        .filter(Boolean)
        .join(', ') || undefined,
    salary: salaryText(
      textAt(pay, 'MinimumRange'),
      textAt(pay, 'MaximumRange'),
      'USD',
      RATE_INTERVALS[textAt(pay, 'RateIntervalCode')?.toLowerCase() ?? ''],
    ),
  };
}

/** The display text, unless it only says "Multiple Locations": then the locations themselves. */
function locationOf(position: JsonObject): string | undefined {
  const display = textAt(position, 'PositionLocationDisplay');
  if (display && !/^multiple locations$/i.test(display)) return display;
  const names = (arrayAt(position, 'PositionLocation') ?? []).map((place) => textAt(place, 'LocationName'));
  return [...new Set(names.filter(Boolean))].join('; ') || display;
}
