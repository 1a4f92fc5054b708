/**
 * The SDK with session replay: everything `sdk.ts` exports, with an `init` that also starts
 * rrweb's recorder when `replay` options are given. The recorder is a lazy chunk (`import()`),
 * so the code that loads with the page is the core SDK plus a few lines; bundlers split it off,
 * the script-tag build inlines it (sizes in bench/RESULTS.md).
 */
import { guarded } from './guard.ts';
import type { InitOptions } from './options.ts';
import { init as initCore } from './sdk.ts';

export * from './sdk.ts';

export function init(options: InitOptions): ReturnType<typeof initCore> {
  const client = initCore(options);
  const replay = options?.replay;
  if (client && replay && replay.enabled !== false) {
    import('./replay/recorder.ts')
      .then(({ startReplay }) =>
        guarded(() => {
          if (client._signal.aborted) return; // closed (or replaced by a new init) meanwhile
          const stop = startReplay(client, replay);
          if (stop) client._onClose(stop);
        }),
      )
      .catch(() => undefined);
  }
  return client;
}
