/**
 * Builds the browser SDK bundles into dist/:
 *   closeloop.esm.js        ESM, minified, debug code stripped (for bundlers / <script type=module>)
 *   closeloop.iife.js       classic <script> tag, global `Closeloop`, minified, debug stripped
 *   closeloop.debug.iife.js same as the IIFE with the `debug: true` logging kept in
 *   replay/sdk-replay.js    ESM with session replay; rrweb's recorder is the lazy chunk replay/recorder.js
 *   closeloop.replay.iife.js script-tag build with session replay (recorder inlined)
 * Run: npm run build -w @closeloop/sdk-browser   (or: node --import tsx build.ts)
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function options(debug: boolean, entry = 'src/sdk.ts'): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    sourcemap: true,
    target: ['es2022', 'chrome94', 'firefox93', 'safari15'],
    platform: 'browser',
    legalComments: 'none',
    define: { __DEBUG__: String(debug), __SDK_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    // Plain assignments instead of Object.defineProperty-style class fields: smaller, same behaviour here.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    // See stackframe-shim.cjs: error-stack-parser's result objects, without the unused accessors.
    alias: { stackframe: './stackframe-shim.cjs' },
    // Members named `_x` are internal to the bundle (Sentry's convention): shorten them.
    mangleProps: /^_[a-zA-Z]/,
  };
}

const REPLAY_ENTRY = 'src/sdk-replay.ts';

export async function buildSdk(): Promise<void> {
  await Promise.all([
    build({ ...options(false), format: 'esm', outfile: 'dist/closeloop.esm.js' }),
    build({ ...options(false), format: 'iife', globalName: 'Closeloop', outfile: 'dist/closeloop.iife.js' }),
    build({
      ...options(true),
      format: 'iife',
      globalName: 'Closeloop',
      outfile: 'dist/closeloop.debug.iife.js',
    }),
    // ESM with the recorder as a lazy chunk: dist/replay/sdk-replay.js loads replay/recorder.js on init.
    build({
      ...options(false, REPLAY_ENTRY),
      format: 'esm',
      splitting: true,
      outdir: 'dist/replay',
      chunkNames: '[name]',
    }),
    build({
      ...options(false, REPLAY_ENTRY),
      format: 'iife',
      globalName: 'Closeloop',
      outfile: 'dist/closeloop.replay.iife.js',
    }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildSdk();
}
