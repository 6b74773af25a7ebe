import { fromCapitals, spacedDashes } from '../../src/ingest/normalize/title-text';

describe('titles written in capitals', () => {
  test.each([
    ['JAVA DEVELOPER', 'Java Developer'],
    ['CDL-A DRIVER - 2ND SHIFT', 'CDL-A Driver - 2nd Shift'],
    ['REGISTERED NURSE (RN) - ICU', 'Registered Nurse (RN) - ICU'],
    ['SR. SOFTWARE ENGINEER II', 'Sr. Software Engineer II'],
    ['DIRECTOR OF SALES AND MARKETING', 'Director of Sales and Marketing'],
    ['WAREHOUSE ASSOCIATE - PORTLAND, OR', 'Warehouse Associate - Portland, OR'],
    ['IOS DEVELOPER', 'iOS Developer'],
    ['HVAC TECHNICIAN', 'HVAC Technician'],
    ['KPMG AUDITOR', 'KPMG Auditor'],
    ["TRUCK DRIVER'S HELPER", "Truck Driver's Helper"],
    ['CLASS A CDL DRIVER', 'Class A CDL Driver'],
    ['X-RAY TECH', 'X-Ray Tech'],
    ['INGÉNIEUR LOGICIEL (H/F)', 'Ingénieur Logiciel (H/F)'],
    ['SOFTWAREENTWICKLER FÜR DIE CLOUD (M/W/D)', 'Softwareentwickler für die Cloud (M/W/D)'],
    ['MANAGER - OF COUNSEL', 'Manager - Of Counsel'],
  ])('%j reads %j', (title, shown) => {
    expect(fromCapitals(title)).toBe(shown);
  });

  test.each([
    // Already cased, or partly: the partner's casing stays.
    'Java Developer',
    'JAVA Developer',
    'Senior Engineer, iOS',
    // Only acronyms and short words: nothing to tell them from words by.
    'RN - ICU',
    'SQL DBA',
    'CEO',
    'LPN/CNA',
    // No Latin vowels to tell words from acronyms by.
    'ПРОГРАММИСТ',
  ])('%j stays as it is', (title) => {
    expect(fromCapitals(title)).toBe(title);
  });
});

describe('dashes in titles', () => {
  test.each([
    ['Sr Alfresco Developer- Lead', 'Sr Alfresco Developer - Lead'],
    ['Night Nurse -Weekends', 'Night Nurse - Weekends'],
    ['Sales Associate– Berlin', 'Sales Associate – Berlin'],
  ])('%j reads %j', (title, shown) => {
    expect(spacedDashes(title)).toBe(shown);
  });

  test.each([
    'Developer - Lead',
    'Full- or Part-Time Cashier',
    'Temps plein- à temps partiel',
    'Software- und Systementwickler (m/w/d)',
    'E-Commerce Manager',
    'Nurse (Nights) -',
  ])('%j stays as it is', (title) => {
    expect(spacedDashes(title)).toBe(title);
  });
});
