import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server on loopback that records what it receives and answers each request with the
 * next scripted status (then `fallback`), for outbound webhook tests.
 */
export interface HttpReceiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Statuses for the next requests, in order; once used up, `fallback` answers. */
  script: number[];
  fallback: number;
  /** Extra headers on every answer (e.g. Location for a redirect). */
  answerHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const r = { received: [], script: [], fallback: 200, answerHeaders: {} } as unknown as HttpReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = r.script.shift() ?? r.fallback;
      res.writeHead(status, { 'content-type': 'text/plain', ...r.answerHeaders });
      res.end(status < 300 ? 'ok' : `status ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.port = (server.address() as { port: number }).port;
  r.url = `http://127.0.0.1:${r.port}`;
  r.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return r;
}
