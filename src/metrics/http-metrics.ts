import type { Request, RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** Times every response by method, route pattern (never the raw path, which would grow without bound) and status. */
export function httpMetricsMiddleware(registry: Registry): RequestHandler {
  const duration = new Histogram({
    name: 'jobfeed_http_request_duration_seconds',
    help: 'HTTP request durations by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (req, res, next) => {
    const stop = duration.startTimer();
    res.once('finish', () => stop({ method: req.method, route: routeOf(req), status: res.statusCode }));
    next();
  };
}

function routeOf(req: Request): string {
  const pattern: unknown = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return req.baseUrl || '(unmatched)';
}
