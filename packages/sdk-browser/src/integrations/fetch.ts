import type { Client } from '../client.ts';
import { guarded, insideSdk } from '../guard.ts';
import { matchesAny } from '../options.ts';
import { reportRequest } from './report-request.ts';

function describe(input: unknown, init: RequestInit | undefined): { url: string; method: string } {
  if (typeof Request !== 'undefined' && input instanceof Request) {
    return { url: input.url, method: init?.method ?? input.method };
  }
  return { url: String(input), method: init?.method ?? 'GET' };
}

/** Wraps `window.fetch`; the SDK's own ingest requests and `ignoreUrls` pass straight through. */
export function fetchIntegration(client: Client): () => void {
  const original = globalThis.fetch;
  if (typeof original !== 'function') return () => undefined;

  const wrapped = function (this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const info = insideSdk() ? undefined : guarded(() => describe(input, init));
    if (!info || client._isIngestUrl(info.url) || matchesAny(info.url, client.options.ignoreUrls)) {
      return original.call(this, input, init);
    }
    const start = performance.now();
    client._signalActivity();
    const pending = original.call(this, input, init);
    // The caller gets the original promise untouched; we only observe it.
    pending.then(
      (response) =>
        reportRequest(client, { ...info, status: response.status, durationMs: performance.now() - start }),
      (error: unknown) => {
        guarded(() => {
          if ((error as Error)?.name === 'AbortError') return; // cancelled on purpose
          reportRequest(client, {
            ...info,
            status: 0,
            durationMs: performance.now() - start,
            error: String((error as Error)?.message ?? error),
          });
        });
      },
    );
    return pending;
  };
  globalThis.fetch = wrapped as typeof fetch;
  return () => {
    if (globalThis.fetch === (wrapped as typeof fetch)) globalThis.fetch = original;
  };
}
