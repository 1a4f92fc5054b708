import type { Client } from '../client.ts';
import { guarded, insideSdk } from '../guard.ts';
import { matchesAny } from '../options.ts';
import { reportRequest } from './report-request.ts';

const requests = new WeakMap<XMLHttpRequest, { method: string; url: string }>();

/** Wraps `XMLHttpRequest.prototype.open/send` to time each request until `loadend`. */
export function xhrIntegration(client: Client): () => void {
  if (typeof XMLHttpRequest === 'undefined') return () => undefined;
  const proto = XMLHttpRequest.prototype;
  const originalOpen = proto.open;
  const originalSend = proto.send;

  const open = function (this: XMLHttpRequest, ...args: unknown[]) {
    guarded(() => requests.set(this, { method: String(args[0] ?? 'GET'), url: String(args[1]) }));
    return (originalOpen as (...a: unknown[]) => void).apply(this, args);
  };
  const send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const info = requests.get(this);
    if (
      info &&
      !insideSdk() &&
      !client._isIngestUrl(info.url) &&
      !matchesAny(info.url, client.options.ignoreUrls)
    ) {
      guarded(() => {
        const start = performance.now();
        let aborted = false;
        client._signalActivity();
        this.addEventListener('abort', () => {
          aborted = true;
        });
        this.addEventListener('loadend', () => {
          if (aborted) return;
          const status = this.status;
          reportRequest(client, {
            ...info,
            status,
            durationMs: performance.now() - start,
            ...(status === 0 ? { error: 'network error' } : {}),
          });
        });
      });
    }
    return originalSend.call(this, body);
  };
  proto.open = open as typeof proto.open;
  proto.send = send;
  return () => {
    if (proto.open === (open as typeof proto.open)) proto.open = originalOpen;
    if (proto.send === send) proto.send = originalSend;
  };
}
