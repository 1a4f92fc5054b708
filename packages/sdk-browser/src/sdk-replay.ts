/**
 * The SDK with session replay (`@closeloop/sdk-browser/replay`, `closeloop.replay.iife.js`):
 * everything `sdk.ts` exports, with an `init` that also starts rrweb's recorder when `replay`
 * options are given. The recorder is a lazy chunk, so the code that loads with the page is the
 * core SDK plus a few lines (sizes in bench/RESULTS.md).
 */
import type { InitOptions } from './options.ts';
import type { BrowserClient } from './public-types.ts';
import { loadRecorder } from './replay/load-recorder.ts';
import { startClient } from './start.ts';

export * from './sdk.ts';

export function init(options: InitOptions): BrowserClient | undefined {
  const client = startClient(options);
  if (client) loadRecorder(client, options);
  return client;
}
