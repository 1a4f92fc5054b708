import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';
import { afterLoadWhenIdle } from '../idle.ts';
import type { InitOptions, ReplayOptions } from '../options.ts';

/**
 * Starts rrweb's recorder for `client` when `options.replay` asks for it. The recorder is a lazy
 * chunk (`import()`): bundlers split it off, the script-tag builds inline it. It is loaded and
 * started after `load`, when the main thread is idle: rrweb's first full snapshot walks the whole
 * DOM, and the page load should not pay for it (bench/RESULTS.md). The recording then starts
 * from the page as it is by then; events captured before are still sent, as events.
 */
export function loadRecorder(client: Client, options: InitOptions): void {
  const replay = options?.replay;
  if (!replay || replay.enabled === false) return;
  afterLoadWhenIdle(() => start(client, replay), client._signal);
}

function start(client: Client, replay: ReplayOptions): void {
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
