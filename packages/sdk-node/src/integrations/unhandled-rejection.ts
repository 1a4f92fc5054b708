import { inspect } from 'node:util';
import type { Client, Uninstall } from '../client.ts';

type Mode = 'throw' | 'strict' | 'warn' | 'warn-with-error-code' | 'none';

/** Node's `--unhandled-rejections` mode, from the command line or NODE_OPTIONS; `throw` by default. */
export function unhandledRejectionMode(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): Mode {
  const args = [...execArgv, ...nodeOptions.split(/\s+/)];
  let mode: Mode = 'throw';
  for (const arg of args) {
    const m = /^--unhandled-rejections=(.+)$/.exec(arg);
    if (m && ['throw', 'strict', 'warn', 'warn-with-error-code', 'none'].includes(m[1]!)) mode = m[1] as Mode;
  }
  return mode;
}

/**
 * Reports unhandled promise rejections and keeps Node's default behaviour. A listener switches
 * that default off, so when the application has none of its own we redo what the mode asks:
 * `throw` (the default since Node 15) raises the reason as an uncaught exception — which then
 * goes to the app's uncaughtException handlers or ours (flush, exit 1); `warn` prints a
 * warning; `warn-with-error-code` also sets exit code 1; `none` stays silent. Under `strict`,
 * Node has already raised it as uncaught before emitting the event, so there is nothing to redo.
 */
export function installUnhandledRejection(client: Client, mode: Mode = unhandledRejectionMode()): Uninstall {
  const handler = (reason: unknown) => {
    client.captureException(
      reason,
      { level: 'error' },
      { mechanism: { type: 'onunhandledrejection', handled: false } },
    );
    const appHandlers = process.listeners('unhandledRejection').filter((l) => l !== handler);
    if (appHandlers.length > 0) return;
    switch (mode) {
      case 'throw': {
        const error = reason instanceof Error ? reason : wrap(reason);
        client.markCaptured(error);
        throw error;
      }
      case 'warn':
      case 'warn-with-error-code':
        process.emitWarning(
          `Unhandled promise rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : inspect(reason)}`,
          'UnhandledPromiseRejectionWarning',
        );
        if (mode === 'warn-with-error-code') process.exitCode = 1;
        return;
      default:
        return;
    }
  };
  process.on('unhandledRejection', handler);
  return () => process.off('unhandledRejection', handler);
}

/** The error Node itself throws for a non-Error rejection reason. */
function wrap(reason: unknown): Error {
  const err = new Error(
    'This error originated either by throwing inside of an async function without a catch block, ' +
      'or by rejecting a promise which was not handled with .catch(). The promise rejected with the ' +
      `reason "${inspect(reason)}".`,
  ) as Error & { code: string };
  err.code = 'ERR_UNHANDLED_REJECTION';
  return err;
}
