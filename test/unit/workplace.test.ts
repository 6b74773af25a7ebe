import { workplaceOf } from '../../src/ingest/normalize/remote';

describe('workplace', () => {
  test.each([
    ['true', 'remote'],
    ['TELECOMMUTE', 'remote'],
    ['Fully Remote', 'remote'],
    ['remote', 'remote'],
    ['hybrid', 'hybrid'],
    ['OnSite', 'onsite'],
    ['on-site', 'onsite'],
    ['Hybrid (2 days in office)', 'hybrid'],
    ['Remote work not possible', 'onsite'],
    ['no remote', 'onsite'],
  ])('the explicit field %j is %s', (explicit, workplace) => {
    expect(workplaceOf(explicit, undefined, 'Accounts Clerk', null)).toBe(workplace);
  });

  test('an explicit "false" is onsite, or hybrid when the location says hybrid', () => {
    expect(workplaceOf('false', undefined, 'Accounts Clerk', 'Leeds')).toBe('onsite');
    expect(workplaceOf('false', undefined, 'Accounts Clerk', 'Hybrid - Leeds')).toBe('hybrid');
  });

  test.each([
    ['Anywhere in the World', 'remote'],
    ['Remote, US', 'remote'],
    ['100% remote', 'remote'],
    ['Remote - EMEA', 'remote'],
    ['Worldwide', 'remote'],
    ['Remote.', 'remote'],
    ['Hybrid - Berlin', 'hybrid'],
    ['Remote / Hybrid, Lisbon', 'hybrid'],
    ['Berlin', null],
    ['Not remote: Utrecht office', 'onsite'],
  ])('the location %j is %s', (location, workplace) => {
    expect(workplaceOf(undefined, undefined, 'Accounts Clerk', location)).toBe(workplace);
  });

  test.each([
    ['Product Designer – Remote', 'remote'],
    ['Backend Engineer (Remote)', 'remote'],
    ['Backend Engineer (Remote - US)', 'remote'],
    ['Data Analyst [Hybrid]', 'hybrid'],
    ['Support Agent | On-site', 'onsite'],
    ['Remote: Copy Editor', 'remote'],
    ['Copy Editor, 100% remote', 'remote'],
    ['Remote Sensing Engineer', null],
    ['GIS Analyst - Remote Sensing', null],
    ['Remote Support Technician', null],
    ['Account Executive, Worldwide', null],
  ])('the title %j is %s', (title, workplace) => {
    expect(workplaceOf(undefined, undefined, title, null)).toBe(workplace);
  });

  test('the explicit field outranks tags, tags the title, the title the location', () => {
    expect(workplaceOf('hybrid', ['Remote'], 'Editor (Remote)', 'Remote')).toBe('hybrid');
    expect(workplaceOf(undefined, ['Engineering', 'Remote'], 'Editor [Hybrid]', null)).toBe('remote');
    expect(workplaceOf(undefined, undefined, 'Editor [Hybrid]', 'Remote')).toBe('hybrid');
  });

  test('a remote-only board declares every posting remote through the explicit field', () => {
    expect(workplaceOf('remote', undefined, 'Remote Sensing Engineer', 'Denver, CO')).toBe('remote');
  });

  test('nothing said is null', () => {
    expect(workplaceOf(undefined, undefined, 'Line Cook', null)).toBeNull();
    expect(workplaceOf('  ', [], 'Line Cook', 'Portland, ME')).toBeNull();
  });
});
