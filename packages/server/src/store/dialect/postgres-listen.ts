import type pg from 'pg';
import { pgModule } from './pg-module.ts';

const RECONNECT_MS = 1_000;

/**
 * A dedicated connection that LISTENs on `channel` and calls `onNotify` for each notification
 * whose payload is this connection's schema (writers send `pg_notify(channel, current_schema())`:
 * channels are per database, and test runs or tenants may share one database in separate schemas). A dropped connection is reopened after a pause, and
 * `onNotify` is called once on reconnecting, since notifications sent meanwhile are lost.
 * Answers a function that closes the connection for good.
 */
export function listenForNotifications(
  url: string,
  opts: { schema?: string | undefined },
  channel: string,
  onNotify: () => void,
): () => Promise<void> {
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let scope: string | null = null;

  const connect = async (reconnecting: boolean) => {
    if (closed) return;
    const c = new (pgModule().Client)({
      connectionString: url,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    client = c;
    const retry = () => {
      if (closed || client !== c) return;
      client = null;
      c.end().catch(() => {});
      timer = setTimeout(() => void connect(true), RECONNECT_MS);
      timer.unref();
    };
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload === scope) onNotify();
    });
    try {
      await c.connect();
      scope = (await c.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? null;
      await c.query(`LISTEN ${pgModule().escapeIdentifier(channel)}`);
      if (reconnecting) onNotify();
    } catch {
      retry();
    }
  };
  void connect(false);

  return async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
