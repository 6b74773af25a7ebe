import { categoryOf } from '../../src/ingest/normalize/category';
import { seniorityOf } from '../../src/ingest/normalize/seniority';

describe('category', () => {
  test.each([
    ['Jr. Full Stack Developer', 'engineering'],
    ['Senior Data Engineer', 'data'],
    ['Marketing Data Analyst', 'data'],
    ['Senior Sales Engineer', 'sales'],
    ['Product Marketing Manager', 'marketing'],
    ['Product Owner, Payments', 'product'],
    ['Software Engineer - Marketing Platform', 'engineering'],
    ['Registered Nurse (Nights)', 'healthcare'],
    ['Softwareentwickler (m/w/d)', 'engineering'],
    ['Pflegehelfer (m/w/d)', 'healthcare'],
    ['Enseignant de mathématiques', 'education'],
    ['Camarero/a', 'hospitality'],
    ['Forklift Driver', 'logistics'],
    ['Machine Operator - 2nd Shift', 'manufacturing'],
    ['Paralegal', 'legal'],
    ['Talent Acquisition Partner', 'hr'],
    ['Accounts Payable Clerk', 'finance'],
    ['Customer Success Manager', 'customer-support'],
    ['Police Officer', 'public-sector'],
    ['Municipal Clerk', 'public-sector'],
    ['Office Manager', 'operations'],
    ['UX Designer', 'design'],
  ])('the title %j is %s', (title, category) => {
    expect(categoryOf(title, '')).toBe(category);
  });

  test('a title without terms goes by what the description names most, at least twice', () => {
    expect(categoryOf('Associate II', 'Join our warehouse team: picking, packing and shipping orders.')).toBe(
      'logistics',
    );
    expect(categoryOf('Associate II', 'A growing software company in Leeds.')).toBe('other');
    expect(categoryOf('Associate II', '')).toBe('other');
  });
});

describe('seniority', () => {
  test.each([
    ['Summer Intern, Finance', 'intern'],
    ['Praktikum Marketing', 'intern'],
    ['Stagiaire comptable', 'intern'],
    ['Jr. Full Stack Developer', 'junior'],
    ['Entry Level Recruiter', 'junior'],
    ['Mid-Level Designer', 'mid'],
    ['Sr Alfresco Developer- Lead', 'lead'],
    ['Senior Accountant', 'senior'],
    ['Principal Software Developer', 'lead'],
    ['Staff Engineer, Platform', 'lead'],
    ['Head of Design', 'executive'],
    ['VP Engineering', 'executive'],
    ['Chief Financial Officer', 'executive'],
    ['Staff Nurse', null],
    ['Lead Generation Specialist', null],
    ['Elementary School Principal', null],
    ['Account Executive', null],
    ['Line Cook', null],
  ])('the title %j is %s', (title, seniority) => {
    expect(seniorityOf(title)).toBe(seniority);
  });
});
