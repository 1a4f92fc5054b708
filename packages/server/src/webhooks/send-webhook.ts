import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, RefusedTarget, refusedLiteralHost, type TargetPolicy } from './target-guard.ts';

export interface WebhookResponse {
  status: number;
  /** The first 4 KB, for the delivery log. */
  body: string;
  retryAfterMs: number | null;
}

const MAX_REDIRECTS = 3;
const KEEP_BYTES = 4096;

/**
 * POSTs a body to a webhook target through the target guard. Only 307/308 redirects are followed
 * (they keep the method and body) and each hop is checked again; others answer as they are.
 * Network errors and refusals throw (RefusedTarget for the guard).
 */
export async function sendWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: TargetPolicy,
  timeoutMs = 10_000,
): Promise<WebhookResponse> {
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    const res = await postOnce(target, body, headers, policy, timeoutMs);
    const location = res.location;
    if ((res.status === 307 || res.status === 308) && location && hop < MAX_REDIRECTS) {
      target = new URL(location, target);
      continue;
    }
    return { status: res.status, body: res.body, retryAfterMs: res.retryAfterMs };
  }
}

function postOnce(
  target: URL,
  body: string,
  headers: Record<string, string>,
  policy: TargetPolicy,
  timeoutMs: number,
): Promise<WebhookResponse & { location: string | undefined }> {
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(new RefusedTarget(`${target.protocol} URLs are not delivered to`));
  const literal = refusedLiteralHost(target.hostname, policy);
  if (literal) return Promise.reject(new RefusedTarget(literal));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy) as never,
        timeout: timeoutMs,
        // A fresh connection per delivery: a pooled socket would skip the lookup, and so the guard.
        agent: false,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (c: Buffer) => {
          if (kept < KEEP_BYTES) chunks.push(c);
          kept += c.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, KEEP_BYTES).toString('utf8'),
            retryAfterMs: retryAfter(res.headers['retry-after']),
            location: res.headers.location,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Retry-After in seconds (dates are rare from webhook receivers and read as absent). */
function retryAfter(v: string | undefined): number | null {
  if (!v || !/^\d+$/.test(v)) return null;
  return Math.min(Number(v), 3600) * 1000;
}
