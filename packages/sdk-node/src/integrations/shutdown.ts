import type { Client, Uninstall } from '../client.ts';

/**
 * Flush on the way out. `beforeExit`: the loop is empty, so queued events are sent (the
 * request keeps the loop alive; when it ends, beforeExit fires again and finds nothing to do).
 * `SIGTERM`: flush, and when the application has no SIGTERM handler of its own, re-raise the
 * signal with ours removed so the process ends as Node would have; when it has one, that
 * handler runs its shutdown alongside the flush. (`process.exit()` cannot be waited for:
 * call `await client.close()` before it.)
 */
export function installShutdownFlush(client: Client): Uninstall {
  let flushing = false;
  const onBeforeExit = () => {
    if (flushing || !client.hasPending()) return;
    flushing = true;
    void client.flush(client.flushTimeoutMs).finally(() => {
      flushing = false;
    });
  };
  const onSigterm = () => {
    const appHandlers = process.listeners('SIGTERM').filter((l) => l !== onSigterm);
    void client.flush(client.flushTimeoutMs).finally(() => {
      if (appHandlers.length > 0) return;
      process.off('SIGTERM', onSigterm);
      process.kill(process.pid, 'SIGTERM');
    });
  };
  process.on('beforeExit', onBeforeExit);
  process.on('SIGTERM', onSigterm);
  return () => {
    process.off('beforeExit', onBeforeExit);
    process.off('SIGTERM', onSigterm);
  };
}
