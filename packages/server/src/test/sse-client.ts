import http from 'node:http';

/** A minimal server-sent-events client over a real socket, for tests. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
  receivedAt: number;
}

export interface SseClient {
  status: number;
  events: SseEvent[];
  comments: string[];
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const comments: string[] = [];
    const listeners = new Set<() => void>();
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let id: string | null = null;
          let event = 'message';
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0)
            events.push({ id, event, data: JSON.parse(data.join('\n')), receivedAt: Date.now() });
          for (const l of listeners) l();
          i = buf.indexOf('\n\n');
        }
      });
      res.on('error', () => {});
      const client: SseClient = {
        status: res.statusCode ?? 0,
        events,
        comments,
        waitFor(pred, timeoutMs = 2_000) {
          return new Promise((ok, fail) => {
            const check = () => {
              const hit = events.find(pred);
              if (hit) {
                listeners.delete(check);
                clearTimeout(timer);
                ok(hit);
              }
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              fail(
                new Error(
                  `no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`,
                ),
              );
            }, timeoutMs);
            listeners.add(check);
            check();
          });
        },
        close() {
          req.destroy();
        },
      };
      resolve(client);
    });
    req.on('error', reject);
  });
}
