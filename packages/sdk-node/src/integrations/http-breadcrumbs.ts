import dc from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Client, Uninstall } from '../client.ts';
import { scrubUrl } from '../request-data.ts';
import { SDK_REQUEST_HEADER } from '../transport/http-sender.ts';

/**
 * Outgoing requests become breadcrumbs, read from Node's diagnostics channels instead of
 * patching http.request or fetch: node:http publishes `http.client.*`, undici (global fetch)
 * publishes `undici:request:*`. The SDK's own requests carry a marker header and are skipped.
 * Not seen: a fetch that fails before undici creates its request (e.g. connection refused).
 */
export function installHttpBreadcrumbs(client: Client): Uninstall {
  const started = new WeakMap<object, number>();

  const crumb = (method: string, url: string, start: number | undefined, status?: number, error?: string) => {
    client.addBreadcrumb({
      type: 'request',
      category: 'http',
      level: error || (status && status >= 500) ? 'error' : status && status >= 400 ? 'warning' : 'info',
      message: `${method} ${url}${status ? ` ${status}` : ''}${error ? ` (${error})` : ''}`,
      data: {
        method,
        url,
        ...(status ? { status_code: status } : {}),
        ...(start ? { duration_ms: Date.now() - start } : {}),
        ...(error ? { error } : {}),
      },
    });
  };

  const nodeUrl = (req: ClientRequest) =>
    scrubUrl(`${req.protocol ?? 'http:'}//${req.host ?? 'localhost'}${req.path ?? '/'}`);
  const own = (req: ClientRequest) => {
    try {
      return req.getHeader(SDK_REQUEST_HEADER) !== undefined;
    } catch {
      return false;
    }
  };

  const handlers: Record<string, (msg: unknown) => void> = {
    'http.client.request.start': (msg) => {
      const { request } = msg as { request: ClientRequest };
      if (!own(request)) started.set(request, Date.now());
    },
    'http.client.response.finish': (msg) => {
      const { request, response } = msg as { request: ClientRequest; response: IncomingMessage };
      if (!started.has(request)) return;
      crumb(request.method, nodeUrl(request), started.get(request), response.statusCode);
      started.delete(request);
    },
    'http.client.request.error': (msg) => {
      const { request, error } = msg as { request: ClientRequest; error: Error };
      if (!started.has(request)) return;
      crumb(request.method, nodeUrl(request), started.get(request), undefined, error?.message ?? 'error');
      started.delete(request);
    },
    'undici:request:create': (msg) => {
      const { request } = msg as { request: object };
      started.set(request, Date.now());
    },
    'undici:request:headers': (msg) => {
      const { request, response } = msg as { request: UndiciRequest; response: { statusCode: number } };
      if (!started.has(request)) return;
      crumb(request.method, undiciUrl(request), started.get(request), response.statusCode);
      started.delete(request);
    },
    'undici:request:error': (msg) => {
      const { request, error } = msg as { request: UndiciRequest; error: Error };
      if (!started.has(request)) return;
      crumb(request.method, undiciUrl(request), started.get(request), undefined, error?.message ?? 'error');
      started.delete(request);
    },
  };

  const guarded = Object.entries(handlers).map(([name, fn]) => {
    const safe = (msg: unknown) => {
      try {
        fn(msg);
      } catch {
        // instrumentation must never break the host's request
      }
    };
    dc.subscribe(name, safe);
    return () => dc.unsubscribe(name, safe);
  });
  return () => {
    for (const off of guarded) off();
  };
}

interface UndiciRequest {
  method: string;
  origin: string;
  path: string;
}

function undiciUrl(req: UndiciRequest): string {
  return scrubUrl(`${req.origin}${req.path}`);
}
