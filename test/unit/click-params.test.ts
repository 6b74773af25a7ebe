import { readClickParams } from '../../src/api/click-params';
import { isBotAgent, isPrefetch } from '../../src/api/bot-agents';

const PLACEMENT = '0123456789abcdef01234567';

describe('the click parameters of GET /r/:id, read without ever refusing the redirect', () => {
  test.each([
    [{}, { placement: null, host: null, ranking: 'recency', dwellMs: null }, null],
    [
      { p: PLACEMENT, ranking: 'context', dwell: '1200' },
      { placement: PLACEMENT, host: null, ranking: 'context', dwellMs: 1200 },
      null,
    ],
    [
      { p: PLACEMENT, dwell: '799' },
      { placement: PLACEMENT, host: null, ranking: 'recency', dwellMs: 799 },
      'too_fast',
    ],
    [
      { p: PLACEMENT, dwell: '800' },
      { placement: PLACEMENT, host: null, ranking: 'recency', dwellMs: 800 },
      null,
    ],
    [{ p: PLACEMENT }, { placement: PLACEMENT, host: null, ranking: 'recency', dwellMs: null }, 'too_fast'],
    [
      { p: PLACEMENT, dwell: '-5' },
      { placement: PLACEMENT, host: null, ranking: 'recency', dwellMs: null },
      'too_fast',
    ],
    [
      { p: PLACEMENT, dwell: ['900', '900'] },
      { placement: PLACEMENT, host: null, ranking: 'recency', dwellMs: null },
      'too_fast',
    ],
    [
      { p: '$ne', dwell: '5000' },
      { placement: null, host: null, ranking: 'recency', dwellMs: 5000 },
      'unknown',
    ],
    [{ p: { $ne: '' } }, { placement: null, host: null, ranking: 'recency', dwellMs: null }, 'unknown'],
    [{ ranking: 'magic' }, { placement: null, host: null, ranking: 'recency', dwellMs: null }, 'unknown'],
    [{ dwell: '10' }, { placement: null, host: null, ranking: 'recency', dwellMs: 10 }, null],
    [
      { p: PLACEMENT, host: 'https://news.example', dwell: '900' },
      { placement: PLACEMENT, host: 'https://news.example', ranking: 'recency', dwellMs: 900 },
      null,
    ],
    [
      { p: PLACEMENT, host: 'https://news.example/politics', dwell: '900' },
      { placement: PLACEMENT, host: null, ranking: 'recency', dwellMs: 900 },
      null,
    ],
    [
      { p: PLACEMENT, host: { $ne: '' }, dwell: '900' },
      { placement: PLACEMENT, host: null, ranking: 'recency', dwellMs: 900 },
      null,
    ],
  ])('%j reads as %j, rejected as %s', (query, params, rejection) => {
    expect(readClickParams(query)).toEqual({ params, rejection });
  });
});

describe('who is not a person', () => {
  test.each([
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'python-requests/2.32.3',
    'curl/8.5.0',
    '',
  ])('%j is a bot', (agent) => {
    expect(isBotAgent({ 'user-agent': agent })).toBe(true);
  });

  test('a desktop browser is not a bot, and is a prefetch only when it says so', () => {
    const person = {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
    };
    expect(isBotAgent(person)).toBe(false);
    expect(isPrefetch(person)).toBe(false);
    expect(isPrefetch({ ...person, 'sec-purpose': 'prefetch;prerender' })).toBe(true);
  });
});
