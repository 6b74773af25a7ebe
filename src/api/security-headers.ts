import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * helmet as the Express app mounts it. Cross-origin resource policy: partner sites fetch the public endpoints, and
 * pages that isolate themselves (COEP require-corp) may still load widget.js and the lists.
 */
export const securityHeaders = helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } });

/**
 * The headers `securityHeaders` sets, lower-cased, for the answers the read cache sends outside Express. Computed
 * once: with these options helmet's headers depend on nothing in the request.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = headersSetBy(securityHeaders);

function headersSetBy(middleware: typeof securityHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
