import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../commands/actor.ts';
import type { Services } from '../services.ts';
import { changeLogBounds, readChanges } from '../store/change-log-store.ts';
import { findMembership } from '../store/workspaces-store.ts';
import { liveOf } from './live-runtime.ts';

export const HEARTBEAT_MS = 15_000;
const PAGE = 500;

/**
 * One server-sent-events connection. Every event comes from change_log, read with
 * `id > last sent` for the caller's workspace (and, for notifications, the caller only), so
 * replay after a reconnect and live delivery are one code path: the client's Last-Event-ID is
 * where the read starts, and nothing between it and now can be skipped.
 *
 * Frames: `id: <change_log id>`, `event: <type>`, `data: <JSON LiveEvent>`. A `ready` event
 * (carrying the id to resume from) opens the stream; a `reset` event says the requested position
 * is older than the retained log and the client should reload what it shows. `: hb` comments keep
 * proxies from closing an idle connection; each one also re-checks that the caller is still a
 * member of the workspace.
 */
export class SseStream {
  private lastId = 0;
  private pumping = false;
  private again = false;
  private closed = false;
  private unsubscribe: () => void = () => {};
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly svc: Services,
    private readonly actor: Actor,
    private readonly res: ServerResponse,
  ) {}

  async open(req: IncomingMessage, lastEventId: number | null, heartbeatMs = HEARTBEAT_MS): Promise<void> {
    const live = liveOf(this.svc);
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    req.on('close', () => this.end());
    live.streams.add(this);
    // Listen before the first read so a change that lands meanwhile still triggers a read.
    this.unsubscribe = live.feed.subscribe(() => void this.pump());
    this.heartbeat = setInterval(() => void this.beat(), heartbeatMs);
    const bounds = await changeLogBounds(this.svc.store);
    this.write('retry: 2000\n\n');
    if (lastEventId === null) {
      this.lastId = bounds.last;
    } else {
      this.lastId = lastEventId;
      if (bounds.first !== null && lastEventId < bounds.first - 1) {
        this.write(
          `event: reset\ndata: ${JSON.stringify({ reason: 'Last-Event-ID is older than the retained change log' })}\n\n`,
        );
        this.lastId = bounds.last;
      }
    }
    this.write(`id: ${this.lastId}\nevent: ready\ndata: ${JSON.stringify({ lastEventId: this.lastId })}\n\n`);
    await this.pump();
  }

  /** Sends everything after lastId; calls that arrive while sending make it read once more. */
  private async pump(): Promise<void> {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const rows = await readChanges(this.svc.store, {
            workspaceId: this.actor.workspaceId,
            userId: this.actor.userId,
            afterId: this.lastId,
            limit: PAGE,
          });
          for (const r of rows) {
            if (this.closed) return;
            const data = { id: r.id, ...(JSON.parse(r.payload) as Record<string, unknown>) };
            const ok = this.write(`id: ${r.id}\nevent: ${r.type}\ndata: ${JSON.stringify(data)}\n\n`);
            this.lastId = r.id;
            if (!ok) await new Promise((resolve) => this.res.once('drain', resolve));
          }
          if (rows.length < PAGE) break;
        }
      } while (this.again && !this.closed);
    } catch (err) {
      // A failed read (database briefly away) ends the stream; the client reconnects and resumes.
      this.res.destroy(err as Error);
      this.end();
    } finally {
      this.pumping = false;
    }
  }

  private async beat(): Promise<void> {
    try {
      const still = await findMembership(this.svc.store, this.actor.workspaceId, this.actor.userId);
      if (!still) return this.end();
      this.write(': hb\n\n');
    } catch {
      // The next heartbeat tries again.
    }
  }

  private write(chunk: string): boolean {
    if (this.closed) return true;
    return this.res.write(chunk);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    if (this.heartbeat) clearInterval(this.heartbeat);
    liveOf(this.svc).streams.delete(this);
    if (!this.res.writableEnded) this.res.end();
  }
}
