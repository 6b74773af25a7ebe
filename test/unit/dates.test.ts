import { decideDayOrder, parseDate, parsePostingDate } from '../../src/ingest/normalize/dates';

const fetchedAt = new Date('2026-11-28T12:00:00Z');

describe('dates', () => {
  test.each([
    ['Mon, 02 Oct 2023 12:00:00 +0000', '2023-10-02T12:00:00.000Z'],
    ['Thu, 05 Oct 2023 07:30:00 PDT', '2023-10-05T14:30:00.000Z'],
    ['2023-10-02T12:00:00+02:00', '2023-10-02T10:00:00.000Z'],
    ['2023-10-02T12:00:00', '2023-10-02T12:00:00.000Z'],
    ['2023-10-02 12:00:00', '2023-10-02T12:00:00.000Z'],
    ['2023-10-02', '2023-10-02T00:00:00.000Z'],
    ['2023/10/02', '2023-10-02T00:00:00.000Z'],
    ['1696248000', '2023-10-02T12:00:00.000Z'],
    ['1696248000000', '2023-10-02T12:00:00.000Z'],
    ['12.10.2023', '2023-10-12T00:00:00.000Z'],
    ['12. Oktober 2023', '2023-10-12T00:00:00.000Z'],
    ['12 octobre 2023', '2023-10-12T00:00:00.000Z'],
    ['1er février 2024', '2024-02-01T00:00:00.000Z'],
    ['12 de octubre de 2023', '2023-10-12T00:00:00.000Z'],
    ['12 oktober 2023', '2023-10-12T00:00:00.000Z'],
    ['12 de outubro de 2023', '2023-10-12T00:00:00.000Z'],
    ['October 12, 2023', '2023-10-12T00:00:00.000Z'],
    ['3 juil. 2023 09:15', '2023-07-03T09:15:00.000Z'],
    ['Tue Nov 24 02:00:00 UTC 2026', '2026-11-24T02:00:00.000Z'],
    ['Tue Nov 24 2026 02:00:00 GMT+0000 (Coordinated Universal Time)', '2026-11-24T02:00:00.000Z'],
  ])('%j is %s', (raw, iso) => {
    expect(parseDate(raw, fetchedAt)?.toISOString()).toBe(iso);
  });

  test.each([
    ['2 years ago', 2 * 365],
    ['3 weeks ago', 21],
    ['yesterday', 1],
    ['today', 0],
    ['30+ days ago', 30],
    ['vor 3 Tagen', 3],
    ['vor einem Monat', 30],
    ['gestern', 1],
    ['il y a 2 semaines', 14],
    ['il y a 3 jours', 3],
    ['hace 5 días', 5],
    ['hace 2 semanas', 14],
    ['3 dagen geleden', 3],
    ['há 2 dias', 2],
    ['hoje', 0],
  ])('%j is %d days before the fetch', (raw, days) => {
    expect(parsePostingDate(raw, fetchedAt)?.getTime()).toBe(fetchedAt.getTime() - days * 86_400_000);
  });

  test('numeric dates follow the day order given, month-first by default', () => {
    expect(parseDate('02/10/2023', fetchedAt)?.toISOString()).toBe('2023-02-10T00:00:00.000Z');
    expect(parseDate('02/10/2023', fetchedAt, 'day-first')?.toISOString()).toBe('2023-10-02T00:00:00.000Z');
    expect(parseDate('14/10/2023', fetchedAt, 'month-first')).toBeNull();
  });

  test('text that is no date is null, not a guess', () => {
    for (const raw of [
      'sometime soon',
      'sometime in week 1',
      'TBC-1',
      '2',
      'Remote',
      '31/02/2023',
      'vor 3 Wochenenden',
      '2023-13-01',
    ])
      expect(parseDate(raw, fetchedAt, 'day-first')).toBeNull();
  });

  test('a future posting date is clamped to the fetch, an end date is not', () => {
    expect(parsePostingDate('2027-01-01', fetchedAt)?.toISOString()).toBe(fetchedAt.toISOString());
    expect(parseDate('2027-01-01', fetchedAt)?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('the day order of a feed', () => {
  test('a first part above 12 proves day-first, and the warning counts the proof', () => {
    const decided = decideDayOrder(
      ['14/10/2023', '02/10/2023', '20/09/2023', 'Mon, 02 Oct 2023 12:00:00 GMT'],
      fetchedAt,
    );
    expect(decided).toEqual({
      dayOrder: 'day-first',
      warning: 'dates read as day-first (dd/mm/yyyy): 2 of 3 numeric dates prove it',
    });
  });

  test('a second part above 12 proves month-first; values proving the other order are named', () => {
    const decided = decideDayOrder(['10/25/2026', '11/14/2026', '13/01/2026'], fetchedAt);
    expect(decided.dayOrder).toBe('month-first');
    expect(decided.warning).toBe(
      'dates read as month-first (mm/dd/yyyy): 2 of 3 numeric dates prove it, 1 proves the other order and cannot be read',
    );
  });

  test('a reading after the fetch disproves its order', () => {
    // 11/12/2026 day-first is 11 December, after the fetch on 28 November: so it is 12 November.
    expect(decideDayOrder(['11/12/2026'], fetchedAt).dayOrder).toBe('month-first');
    expect(decideDayOrder(['12/11/2026'], fetchedAt).dayOrder).toBe('day-first');
  });

  test('ambiguous values default to month-first with a warning; no numeric dates, no warning', () => {
    const decided = decideDayOrder(['02/10/2023', '03/04/2023'], fetchedAt);
    expect(decided.dayOrder).toBe('month-first');
    expect(decided.warning).toMatch(/^dates such as 02\/10\/2023 could be dd\/mm\/yyyy or mm\/dd\/yyyy/);
    expect(decideDayOrder(['2023-10-02', '3 days ago'], fetchedAt)).toEqual({
      dayOrder: 'month-first',
      warning: null,
    });
  });
});
