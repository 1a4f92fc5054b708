import http from 'node:http';
import https from 'node:https';
import { debugLog } from '../debug.ts';

/** What the transport needs to know of an answer. `status` 0 means no answer (network error, timeout). */
export interface SendResult {
  status: number;
  retryAfter?: string | undefined;
}

export type Sender = (
  body: Buffer,
  headers: Record<string, string>,
  timeoutMs: number,
) => Promise<SendResult>;

/**
 * Marks the SDK's own requests so that the outgoing-request breadcrumb integration skips them
 * (it sees every `http.request` through diagnostics_channel, ours included).
 */
export const SDK_REQUEST_HEADER = 'x-closeloop-sdk';

/** POSTs with node:http(s) rather than global fetch: no dependency on undici's instrumentation, and a hard timeout. */
export function httpSender(url: string): Sender {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return (body, headers, timeoutMs) =>
    new Promise<SendResult>((resolve) => {
      let settled = false;
      const done = (r: SendResult) => {
        if (settled) return;
        settled = true;
        resolve(r);
      };
      try {
        const req = lib.request(
          target,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': String(body.length), [SDK_REQUEST_HEADER]: 'node' },
            timeout: timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (c: Buffer) => {
              size += c.length;
              if (size < 64_000) chunks.push(c);
            });
            res.on('error', () => done({ status: 0 }));
            res.on('end', () => {
              const status = res.statusCode ?? 0;
              if (status >= 400 || status === 202)
                debugLog(`ingest answered ${status}`, Buffer.concat(chunks).toString('utf8'));
              const ra = res.headers['retry-after'];
              done({ status, retryAfter: Array.isArray(ra) ? ra[0] : ra });
            });
          },
        );
        req.on('timeout', () => {
          req.destroy(new Error('timeout'));
        });
        req.on('error', (err) => {
          debugLog('ingest request failed', err.message);
          done({ status: 0 });
        });
        req.end(body);
      } catch (err) {
        debugLog('ingest request could not start', err);
        done({ status: 0 });
      }
    });
}
