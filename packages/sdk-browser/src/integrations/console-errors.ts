import type { Client } from '../client.ts';
import { guarded, insideSdk } from '../guard.ts';
import { toException } from '../stack.ts';
import { stringify, truncate } from '../truncate.ts';

/**
 * `console.error` becomes a `console` event (and a breadcrumb); `console.warn` only a
 * breadcrumb. The SDK's own logging goes through the console it saved before this wrap and
 * runs inside the re-entrancy guard, so it never comes back here.
 */
export function consoleErrors(client: Client): () => void {
  const con = globalThis.console;
  if (!con) return () => undefined;
  const originalError = con.error;
  const originalWarn = con.warn;

  const wrappedError = function (this: unknown, ...args: unknown[]) {
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
    return originalError.apply(this, args);
  };
  const wrappedWarn = function (this: unknown, ...args: unknown[]) {
    if (!insideSdk()) {
      guarded(() =>
        client.addBreadcrumb({
          type: 'console',
          category: 'console',
          level: 'warning',
          message: truncate(args.map(stringify).join(' '), 16_000),
        }),
      );
    }
    return originalWarn.apply(this, args);
  };
  con.error = wrappedError;
  con.warn = wrappedWarn;
  return () => {
    // Only unwrap if nobody wrapped on top of us; otherwise we would remove their hook too.
    if (con.error === wrappedError) con.error = originalError;
    if (con.warn === wrappedWarn) con.warn = originalWarn;
  };
}
