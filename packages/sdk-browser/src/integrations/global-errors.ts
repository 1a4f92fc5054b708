import type { Client } from '../client.ts';
import { insideSdk } from '../guard.ts';

/** Uncaught errors (`error`) and unhandled promise rejections (`unhandledrejection`). */
export function globalErrors(client: Client): void {
  const onError = (event: Event) => {
    // Resource load errors (img, script 404s) are plain Events, not ErrorEvents: not exceptions.
    if (insideSdk() || !(event instanceof ErrorEvent)) return;
    client.captureException(
      event.error,
      { type: 'onerror', handled: false },
      { filename: event.filename, lineno: event.lineno, colno: event.colno, message: event.message },
    );
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    if (insideSdk()) return;
    client.captureException(event.reason, { type: 'onunhandledrejection', handled: false });
  };
  addEventListener('error', onError, { signal: client._signal });
  addEventListener('unhandledrejection', onRejection, { signal: client._signal });
}
