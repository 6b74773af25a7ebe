import { placeOf } from '../../src/ingest/normalize/place';

const place = (city: string | null, region: string | null, country: string | null) => ({
  city,
  region,
  country,
});

describe('place', () => {
  test.each([
    ['Austin, TX', place('Austin', 'TX', 'US')],
    ['Charlotte NC', place('Charlotte', 'NC', 'US')],
    ['New York, NY', place('New York', 'NY', 'US')],
    ['Portland, ME', place('Portland', 'ME', 'US')],
    ['Chicago, IL, US', place('Chicago', 'IL', 'US')],
    ['Remote, US', place(null, null, 'US')],
    ['Remote (USA)', place(null, null, 'US')],
    ['Toronto, ON, CA', place('Toronto', 'ON', 'CA')],
    ['San Jose, CA', place('San Jose', 'CA', 'US')],
    ['Berlin, DE', place('Berlin', null, 'DE')],
    ['10115 Berlin, Deutschland', place('Berlin', null, 'DE')],
    ['Hybrid - Berlin', place('Berlin', null, 'DE')],
    ['Munich, Bavaria, Germany', place('Munich', 'Bavaria', 'DE')],
    ['London, UK', place('London', null, 'GB')],
    ['Lyon, France', place('Lyon', null, 'FR')],
    ['Madrid, España', place('Madrid', null, 'ES')],
    ['São Paulo, Brasil', place('São Paulo', null, 'BR')],
    ['Paris', place('Paris', null, 'FR')],
    ['Springfield', place('Springfield', null, 'US')],
  ])('%j is %j', (location, expected) => {
    expect(placeOf({}, location)).toEqual(expected);
  });

  test.each([
    'Remote - EMEA',
    'Anywhere in the World',
    'Remote',
    'Multiple Locations',
    // An Italian town of 7,000 is no sure reading of the English name of Köln.
    'Cologne',
    // CA is California and Canada: nothing beside it says which.
    'Remote, CA',
    // DE is Delaware and Germany, and the gazetteer knows no München under either.
    'München, DE',
    // A Spanish city, and Grenada's name in Spanish.
    'Granada',
  ])('%j gives no place rather than a guess', (location) => {
    expect(placeOf({}, location)).toBeNull();
  });

  test('a country the text names is kept when its city is unknown to the gazetteer', () => {
    expect(placeOf({}, 'München, Deutschland')).toEqual(place(null, null, 'DE'));
  });

  test("a reader's separate elements are taken as given, the country read from a name or code", () => {
    expect(placeOf({ city: 'Santa Monica', region: 'CA', country: 'US' }, 'ignored')).toEqual(
      place('Santa Monica', 'CA', 'US'),
    );
    expect(placeOf({ city: 'Phoenix', region: 'AZ' }, null)).toEqual(place('Phoenix', 'AZ', 'US'));
    expect(placeOf({ city: 'Berlin', country: 'Deutschland' }, null)).toEqual(place('Berlin', null, 'DE'));
    expect(placeOf({ city: 'Anywhere', country: 'US' }, null)).toEqual(place(null, null, 'US'));
    expect(placeOf({ city: 'Remote' }, 'Remote')).toBeNull();
  });

  test('no location is no place', () => {
    expect(placeOf({}, null)).toBeNull();
  });
});
