import { arbeitnowFormat } from './arbeitnow.parser';
import { ashbyFormat } from './ashby.parser';
import { atomFormat } from './atom.parser';
import type { FeedFormat } from './format';
import { genericJsonFormat } from './generic-json.parser';
import { genericXmlFormat } from './generic-xml.parser';
import { greenhouseFormat } from './greenhouse.parser';
import { himalayasFormat } from './himalayas.parser';
import { htmlMappingFormat } from './html-mapping.parser';
import { indeedXmlFormat } from './indeed-xml.parser';
import { jobatusFormat } from './jobatus.parser';
import { jobrapidoFormat } from './jobrapido.parser';
import { joobleFormat } from './jooble.parser';
import { jobicyFormat } from './jobicy.parser';
import { jsonFeedFormat } from './json-feed.parser';
import type { JsonFeedFormat } from './json-format';
import { jsonLdFormat } from './json-ld.parser';
import { jsonMappingFormat } from './json-mapping.parser';
import { leverFormat } from './lever.parser';
import { personioFormat } from './personio.parser';
import { recruiteeFormat } from './recruitee.parser';
import { remoteOkFormat } from './remoteok.parser';
import { remotiveFormat } from './remotive.parser';
import { rssFormat } from './rss.parser';
import { smartRecruitersFormat } from './smartrecruiters.parser';
import { usajobsFormat } from './usajobs.parser';
import { workableFormat } from './workable.parser';
import { xmlMappingFormat } from './xml-mapping.parser';

/** JSON formats recognised by shape, in the order they are tried. */
export const JSON_FORMATS: JsonFeedFormat[] = [
  jsonFeedFormat,
  greenhouseFormat,
  ashbyFormat,
  workableFormat,
  smartRecruitersFormat,
  recruiteeFormat,
  leverFormat,
  remoteOkFormat,
  remotiveFormat,
  arbeitnowFormat,
  himalayasFormat,
  jobicyFormat,
  usajobsFormat,
];

/** The formats that read a document through the feed's field mapping, by the kind of document. */
export const MAPPING_FORMATS = { xml: xmlMappingFormat, json: jsonMappingFormat, html: htmlMappingFormat };

/** Every format jobfeed reads, by the name feeds and `--format` use. */
export const FORMATS: Record<string, FeedFormat> = Object.fromEntries(
  [
    indeedXmlFormat,
    rssFormat,
    atomFormat,
    personioFormat,
    jobatusFormat,
    jobrapidoFormat,
    joobleFormat,
    ...JSON_FORMATS,
    jsonLdFormat,
    ...Object.values(MAPPING_FORMATS),
    genericXmlFormat,
    genericJsonFormat,
  ].map((format) => [format.name, format]),
);

export const FORMAT_NAMES = Object.keys(FORMATS);
