import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry of its own per process role (and per app in tests), with the default process and Node.js metrics. */
export function createMetricsRegistry(role: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  return registry;
}
