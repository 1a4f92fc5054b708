/**
 * Starting a client, shared by the three entries (sdk.ts, sdk-replay.ts, sdk-feedback.ts). Internal:
 * the entries hand users the client typed as the public `BrowserClient`.
 */

import { parseDsn } from '../../sdk-core/src/dsn.ts';
import { Client } from './client.ts';
import { debugLog, setDebug } from './debug.ts';
import { guarded } from './guard.ts';
import { afterLoadWhenIdle } from './idle.ts';
import { clicks } from './integrations/clicks.ts';
import { consoleErrors } from './integrations/console-errors.ts';
import { fetchIntegration } from './integrations/fetch.ts';
import { globalErrors } from './integrations/global-errors.ts';
import { pageLoad } from './integrations/page-load.ts';
import { routeChanges } from './integrations/route-changes.ts';
import { webVitals } from './integrations/web-vitals.ts';
import { xhrIntegration } from './integrations/xhr.ts';
import { type InitOptions, type IntegrationName, resolveOptions } from './options.ts';

/** Each integration hooks into the page; listeners use `client._signal`, other hooks return their undo. */
const INTEGRATIONS: Array<[IntegrationName, (client: Client) => unknown]> = [
  // web-vitals first: its page-hide listeners must run before the SDK's hide flush.
  ['webVitals', webVitals],
  ['globalErrors', globalErrors],
  ['consoleErrors', consoleErrors],
  ['fetch', fetchIntegration],
  ['xhr', xhrIntegration],
  ['pageLoad', pageLoad],
  ['routeChanges', routeChanges],
  ['clicks', clicks],
];

/** The client of the last `init()`; the top-level capture functions use it. */
export let current: Client | undefined;

/**
 * Starts the SDK and returns its client, or undefined when it cannot run (no DOM, invalid
 * DSN). Never throws. Calling it again replaces the previous client.
 */
export function startClient(options: InitOptions): Client | undefined {
  return guarded(() => {
    if (typeof window === 'undefined' || typeof document === 'undefined') return undefined;
    setDebug(options?.debug === true);
    const dsn = parseDsn(String(options?.dsn ?? ''));
    if (!dsn) {
      if (__DEBUG__) debugLog('invalid DSN, SDK disabled:', options?.dsn);
      return undefined;
    }
    void current?.close();
    const client = new Client(resolveOptions(options), dsn);
    for (const [name, install] of INTEGRATIONS) {
      if (client.options.integrations[name] === false) continue;
      const teardown = guarded(() => install(client));
      if (typeof teardown === 'function') client._onClose(teardown as () => void);
    }
    // Storage waits until the page has loaded and is idle: the session (sessionStorage) of the
    // events captured meanwhile, which wait in memory (client.ts `_hold`), and the queue a previous
    // page left in localStorage, put in front of them (transport.ts `_restore`). Sending, the
    // page-hide flush and close() do both first if idle time has not come yet.
    client._hold();
    afterLoadWhenIdle(() => {
      client._transport._restore();
      client._settle();
    }, client._signal);

    // Registered on window in the bubble phase, i.e. after every other visibilitychange
    // listener (web-vitals uses window capture), so the last metrics are in the queue.
    const onHide = (event: Event) =>
      guarded(() => {
        if (event.type === 'pagehide' || document.visibilityState === 'hidden') {
          client._settle();
          client._session._save();
          client._transport._flushOnHide();
        }
      });
    const signal = client._signal;
    addEventListener('visibilitychange', onHide, { signal });
    addEventListener('pagehide', onHide, { signal });
    addEventListener('online', () => void client.flush(), { signal });

    current = client;
    if (__DEBUG__) debugLog('initialised', client.options);
    return client;
  });
}
