import { formatLogLine } from '../../src/cli/demo/demo-log-format';

const at = Date.UTC(2026, 0, 2, 12, 4, 5);

describe("the demo's readable log lines", () => {
  test('a request is its time, method, URL, status and duration', () => {
    const line = JSON.stringify({
      level: 30,
      time: at,
      pid: 1,
      hostname: 'h',
      name: 'jobfeed',
      module: 'http',
      req: { id: 'x', method: 'GET', url: '/api/v1/jobs/recent', headers: { host: 'localhost' } },
      res: { statusCode: 200, headers: {} },
      responseTime: 4,
      msg: 'request completed',
    });
    expect(formatLogLine(line)).toBe('12:04:05 GET /api/v1/jobs/recent 200 4 ms');
  });

  test('another event is its time, level, module, message and own fields; an error by its message', () => {
    const line = JSON.stringify({
      level: 50,
      time: at,
      pid: 1,
      hostname: 'h',
      name: 'jobfeed',
      module: 'ingest',
      feedId: 'f1',
      inserted: 6,
      err: { type: 'Error', message: 'partner down', stack: 'Error: partner down\n    at x' },
      msg: 'job failed',
    });
    expect(formatLogLine(line)).toBe(
      '12:04:05 error ingest: job failed feedId=f1 inserted=6 error="partner down"',
    );
  });

  test('a line that is not JSON is kept as it is', () => {
    expect(formatLogLine('plain text\n')).toBe('plain text');
  });
});
