import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQUEST = 'jobfeed:cluster-metrics-request';
const RESPONSE = 'jobfeed:cluster-metrics-response';
const ANSWER_WITHIN_MS = 10_000;

interface MetricsResponse {
  type: typeof RESPONSE;
  id: string;
  text?: string;
  error?: string;
}

/**
 * In the primary of API_PROCESSES > 1: answers a process's request for the metrics of every API process, summed by
 * prom-client's AggregatorRegistry (counters and histograms add up; gauges of shared state declare `max`).
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== REQUEST) return;
    const answer = (fields: Omit<MetricsResponse, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: RESPONSE, id: message.id, ...fields });
    };
    aggregator.clusterMetrics().then(
      (text) => answer({ text }),
      (error: Error) => answer({ error: error.message }),
    );
  });
}

/**
 * In each API process of API_PROCESSES > 1: offers `registry` to the primary's aggregation and returns what GET
 * /metrics answers, the sum over every API process (a scrape reaches one process; counters must not jump between
 * them).
 */
export function clusterMetricsText(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries(registry);
  // Constructing one adds prom-client's listener that answers the primary with this process's registry.
  new AggregatorRegistry();
  const pending = new Map<string, (response: MetricsResponse) => void>();
  process.on('message', (message: MetricsResponse) => {
    if (message?.type === RESPONSE) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the API primary did not answer with the metrics'));
      }, ANSWER_WITHIN_MS);
      pending.set(id, (response) => {
        clearTimeout(timer);
        pending.delete(id);
        if (response.text !== undefined) resolve(response.text);
        else reject(new Error(response.error ?? 'no metrics'));
      });
      process.send!({ type: REQUEST, id });
    });
}
