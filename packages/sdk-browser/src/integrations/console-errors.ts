import type { Client } from '../client.ts';
import { guarded, insideSdk } from '../guard.ts';
import { toException } from '../stack.ts';
import { stringify, truncate } from '../truncate.ts';

/**
 * `console.error` becomes a `console` event and a breadcrumb. The SDK's own logging goes
 * through the console it saved before this wrap and runs inside the re-entrancy guard, so it
 * never comes back here.
 */
export function consoleErrors(client: Client): (() => void) | undefined {
  const con = globalThis.console;
  if (!con) return undefined;
  const original = con.error;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    if (!insideSdk()) {
      guarded(() => {
        const message = truncate(args.map(stringify).join(' '), 16_000);
        const error = args.find((a): a is Error => a instanceof Error);
        const id = client._capture({
          type: 'console',
          level: 'error',
          message: { formatted: message },
          ...(error
            ? { exception: toException(error, { type: 'console', handled: true }, client._frameContext) }
            : {}),
        });
        if (id) client.addBreadcrumb({ type: 'console', category: 'console', level: 'error', message });
      });
    }
    return original.apply(this, args);
  };
  con.error = wrapped;
  return () => {
    // Only unwrap if nobody wrapped on top of us; otherwise we would remove their hook too.
    if (con.error === wrapped) con.error = original;
  };
}
