import { inspect } from 'node:util';
import type { Client, Uninstall } from '../client.ts';
import { debugLog } from '../debug.ts';

/**
 * Reports uncaught exceptions. Listening for 'uncaughtException' switches off Node's own
 * "print and exit(1)", so when the application has no handler of its own this one does it:
 * print the error as Node would, flush (bounded by flushTimeoutMs), then exit with code 1.
 * When the application has its own handler, it decides what happens next; we only report.
 */
export function installUncaughtException(client: Client): Uninstall {
  let exiting = false;
  const handler = (error: unknown, origin: string) => {
    const appHandlers = process.listeners('uncaughtException').filter((l) => l !== handler);
    if (exiting) {
      // A second failure while flushing: do not wait for the first flush any longer.
      debugLog('another uncaught exception while exiting', error);
      process.exit(1);
    }
    client.captureException(
      error,
      { level: 'fatal' },
      {
        mechanism: {
          type: origin === 'unhandledRejection' ? 'onunhandledrejection' : 'onuncaughtexception',
          handled: false,
        },
      },
    );
    if (appHandlers.length > 0) {
      // The app decides whether to exit; start delivery now so a quick exit still has a chance.
      void client.flush(client.flushTimeoutMs);
      return;
    }
    exiting = true;
    try {
      process.stderr.write(`${formatUncaught(error)}\n\nNode.js ${process.version}\n`);
    } catch {
      // stderr closed: nothing else to do
    }
    process.exitCode = 1;
    void client.flush(client.flushTimeoutMs).finally(() => process.exit(1));
  };
  process.on('uncaughtException', handler);
  return () => process.off('uncaughtException', handler);
}

function formatUncaught(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `Uncaught ${inspect(error)}`;
}
