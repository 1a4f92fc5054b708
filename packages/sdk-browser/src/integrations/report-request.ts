import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';
import { truncate } from '../truncate.ts';
import { scrubUrl } from '../url.ts';

export interface RequestInfo {
  method: string;
  url: string;
  /** 0 when the request never got a response. */
  status: number;
  durationMs: number;
  error?: string;
}

/**
 * Shared by the fetch and XHR integrations: a breadcrumb for every request, and a `network`
 * event when it failed (network error, or status ≥ failedRequestStatus) or was slow
 * (duration ≥ slowRequestMs), else, for a `tracesSampleRate` share of them, a `transaction` event
 * (`op: 'http.client'`) with the timing. Only URL, method, status and duration: never bodies or headers.
 */
export function reportRequest(client: Client, info: RequestInfo): void {
  guarded(() => {
    const url = truncate(scrubUrl(info.url, globalThis.location?.href), 4_000);
    const method = truncate(info.method.toUpperCase(), 16);
    const duration = Math.max(0, Math.round(info.durationMs));
    const failed = info.error !== undefined || info.status >= client.options.failedRequestStatus;
    const slow = duration >= client.options.slowRequestMs;
    if (failed || slow) {
      const request: { url: string; method: string; duration_ms: number; status?: number; error?: string } = {
        url,
        method,
        duration_ms: duration,
      };
      if (info.status > 0) request.status = info.status;
      if (info.error !== undefined) request.error = truncate(info.error, 1_000);
      client._capture({
        type: 'network',
        level: failed ? 'error' : 'warning',
        request,
        tags: { 'network.problem': failed ? 'failed' : 'slow' },
      });
    } else {
      // Ordinary calls give endpoints their baseline (docs/performance.md); the rate lets the
      // server weigh each sampled call as 1/rate calls.
      const rate = client.options.tracesSampleRate;
      if (rate && Math.random() < rate)
        client._capture({
          type: 'transaction',
          request: { url, method, duration_ms: duration, status: info.status },
          transaction: { op: 'http.client', sample_rate: rate },
        });
    }
    client.addBreadcrumb({
      type: 'request',
      category: 'request',
      level: failed ? 'error' : 'info',
      message: `${method} ${url} ${info.status || info.error || ''}`.trim(),
      data: { method, url, status: info.status, duration_ms: duration },
    });
  });
}
