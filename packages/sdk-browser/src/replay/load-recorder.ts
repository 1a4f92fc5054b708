import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';
import type { InitOptions } from '../options.ts';

/**
 * Starts rrweb's recorder for `client` when `options.replay` asks for it. The recorder is a lazy
 * chunk (`import()`): bundlers split it off, the script-tag builds inline it.
 */
export function loadRecorder(client: Client, options: InitOptions): void {
  const replay = options?.replay;
  if (!replay || replay.enabled === false) return;
  import('./recorder.ts')
    .then(({ startReplay }) =>
      guarded(() => {
        if (client._signal.aborted) return; // closed (or replaced by a new init) meanwhile
        const stop = startReplay(client, replay);
        if (stop) client._onClose(stop);
      }),
    )
    .catch(() => undefined);
}
