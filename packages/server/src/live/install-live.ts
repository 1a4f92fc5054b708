import type { ZApp } from '../http/zod-app.ts';
import type { Services } from '../services.ts';
import { pruneChanges } from '../store/change-log-store.ts';
import { relayChangeLog } from './change-log-relay.ts';
import { liveOf } from './live-runtime.ts';
import { startReactor } from './reactor.ts';

/** How long change_log keeps entries; a client away longer gets a `reset` event and reloads. */
export const CHANGE_LOG_RETENTION_MS = 3 * 24 * 3_600_000;

/**
 * Starts the collaboration reactor with the app and stops it with the app: open streams are ended
 * before the server closes (or it would wait for them), the reactor drains, pruning stops.
 */
export function installLive(app: ZApp, svc: Services): void {
  const stopReactor = startReactor(svc, (err, change) =>
    app.log.error({ err, change }, 'reacting to a change failed'),
  );
  const stopRelay = relayChangeLog(svc);
  const prune = setInterval(() => {
    pruneChanges(svc.store, Date.now() - CHANGE_LOG_RETENTION_MS).catch((err) =>
      app.log.warn({ err }, 'pruning change_log failed'),
    );
  }, 3_600_000);
  prune.unref();
  app.addHook('preClose', async () => {
    for (const s of [...liveOf(svc).streams]) s.end();
  });
  app.addHook('onClose', async () => {
    clearInterval(prune);
    await stopRelay();
    await stopReactor();
  });
}
