import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** The route label of responses the read cache sends from memory, before Express routes them. */
export const READ_CACHE_ROUTE = '(read cache)';

export interface HttpMetrics {
  /** Express middleware: times every response by method, route pattern and status. */
  middleware: RequestHandler;
  /**
   * Times a response the read cache's fast path has just sent, from `startedAt` (process.hrtime.bigint()) until it
   * was handed to the socket: a cached answer is written whole at once, so no 'finish' listener is needed.
   */
  observeCached(req: IncomingMessage, res: ServerResponse, startedAt: bigint): void;
}

const byRegistry = new WeakMap<Registry, HttpMetrics>();

/** One histogram per registry, shared by the Express app and the fast path in front of it. */
export function httpMetrics(registry: Registry): HttpMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const duration = new Histogram({
    name: 'jobfeed_http_request_duration_seconds',
    help: 'HTTP request durations by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const metrics: HttpMetrics = {
    middleware: (req, res, next) => {
      const stop = duration.startTimer();
      res.once('finish', () => stop({ method: req.method, route: routeOf(req), status: res.statusCode }));
      next();
    },
    observeCached: (req, res, startedAt) => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      duration.observe({ method: req.method, route: READ_CACHE_ROUTE, status: res.statusCode }, seconds);
    },
  };
  byRegistry.set(registry, metrics);
  return metrics;
}

/** The route pattern, never the raw path (which would grow the label set without bound). */
function routeOf(req: Request): string {
  const pattern: unknown = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return req.baseUrl || '(unmatched)';
}
