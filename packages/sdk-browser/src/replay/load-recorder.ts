import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';
import { afterLoad } from '../idle.ts';
import type { InitOptions, ReplayOptions } from '../options.ts';

/**
 * Starts rrweb's recorder for `client` when `options.replay` asks for it. The recorder is a lazy
 * chunk (`import()`): bundlers split it off, the script-tag builds inline it. It is loaded and
 * started in the task right after `load`: rrweb's first full snapshot walks the whole DOM, and the
 * page load should not pay for it (bench/RESULTS.md). Not later, in idle time: on a busy page that
 * can be 2 s, and the first clicks and keystrokes of a session would be missing from its replay.
 */
export function loadRecorder(client: Client, options: InitOptions): void {
  const replay = options?.replay;
  if (!replay || replay.enabled === false) return;
  afterLoad(() => start(client, replay), client._signal);
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
