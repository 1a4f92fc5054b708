import { EventEmitter } from 'node:events';

/**
 * Tells live connections that change_log has grown, so each reads what it has not sent yet.
 * The signal carries no data on purpose: the table is the one source of events, so replay after a
 * reconnect and live delivery are the same query and cannot disagree. In embedded mode the signal
 * is in-process; with several PostgreSQL-backed processes, a `LISTEN change_log` relay would call
 * `notify()` when another process appends (writers `NOTIFY change_log` on commit).
 */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  notify(): void {
    this.emitter.emit('grew');
  }
  subscribe(fn: () => void): () => void {
    this.emitter.on('grew', fn);
    return () => this.emitter.off('grew', fn);
  }
}
