/**
 * Builds the browser SDK bundles into dist/:
 *   closeloop.esm.js        ESM, minified, debug code stripped (for bundlers / <script type=module>)
 *   closeloop.iife.js       classic <script> tag, global `Closeloop`, minified, debug stripped
 *   closeloop.debug.iife.js same as the IIFE with the `debug: true` logging kept in
 *   replay/sdk-replay.js    ESM with session replay; rrweb's recorder is the lazy chunk replay/recorder.js
 *   closeloop.replay.iife.js script-tag build with session replay (recorder inlined)
 *   feedback/sdk-feedback.js ESM with replay and the feedback widget; recorder.js is a lazy chunk, and
 *                           the widget's UI is feedback/widget.js, loaded by `import()` the first time it is shown
 *   feedback/closeloop.feedback.iife.js  script-tag build of the same (recorder inlined); it loads
 *                           ./widget.js next to itself the same way (classic scripts may `import()` too)
 *   types/                  the declarations of the three entries (see ../sdk-core/build-types.ts)
 * Everything the SDK uses (error-stack-parser, web-vitals, rrweb's recorder, ../sdk-core) is
 * bundled, so the published package has no dependencies.
 * Run: npm run build -w @closeloop/sdk-browser   (or: node --import tsx build.ts; `npm pack` runs it)
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { buildTypes } from '../sdk-core/build-types.ts';

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
    plugins: [withoutOpera],
  };
}

/**
 * error-stack-parser without its parsers for Presto Opera (≤ 12, last released in 2013; its
 * `stacktrace` / `opera#sourceloc` formats): outside the SDK's browser targets, and about 0.3 kB
 * min+gzip of the 12 kB budget. The `parse()` branch that picks them goes too (such an error then
 * parses like Firefox's). Its UMD wrapper goes as well: the factory becomes the module's default
 * export, called with the identity for `StackFrame` (as stackframe-shim.cjs), so the bundle needs
 * none of esbuild's CommonJS interop (0.2 kB min+gzip). Fails the build when the file no longer
 * reads as expected.
 */
export const withoutOpera: Plugin = {
  name: 'error-stack-parser-without-opera',
  setup(b) {
    b.onLoad({ filter: /[/\\]error-stack-parser[/\\]error-stack-parser\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const branch =
        /if \(typeof error\.stacktrace !== 'undefined' \|\| typeof error\['opera#sourceloc'\] !== 'undefined'\) \{\s*return this\.parseOpera\(error\);\s*\} else if/;
      const factory = source.indexOf('function ErrorStackParser(StackFrame) {');
      const start = source.indexOf('parseOpera: function');
      const end = source.lastIndexOf('};\n}));');
      if (!branch.test(source) || factory < 0 || start < factory || end < start) {
        throw new Error(`${path} changed: review the withoutOpera plugin in packages/sdk-browser/build.ts`);
      }
      // `new StackFrame(o)` must work: a function, not an arrow.
      const body = source.slice(factory, start).replace(/,\s*$/, '\n').replace(branch, 'if');
      const contents = `export default (${body}};\n})(function StackFrame(o) { return o; });\n`;
      return { contents, loader: 'js' };
    });
  },
};

const REPLAY_ENTRY = 'src/sdk-replay.ts';
const FEEDBACK_ENTRY = 'src/sdk-feedback.ts';

/**
 * The widget's UI is its own file, never bundled into the page's code: `import('./feedback/widget.ts')`
 * becomes `import('./widget.js')`, resolved next to the loading script. Also used by examples/shop.
 */
export const widgetOutside: Plugin = {
  name: 'feedback-widget-outside',
  setup(b) {
    b.onResolve({ filter: /[/\\]feedback[/\\]widget\.ts$/ }, () => ({ path: './widget.js', external: true }));
  },
};

/** The bundles, into `out` (default dist/; the package test builds a copy elsewhere). */
export async function buildSdk(out = join(root, 'dist')): Promise<void> {
  await Promise.all([
    build({ ...options(false), format: 'esm', outfile: join(out, 'closeloop.esm.js') }),
    build({
      ...options(false),
      format: 'iife',
      globalName: 'Closeloop',
      outfile: join(out, 'closeloop.iife.js'),
    }),
    build({
      ...options(true),
      format: 'iife',
      globalName: 'Closeloop',
      outfile: join(out, 'closeloop.debug.iife.js'),
    }),
    // ESM with the recorder as a lazy chunk: dist/replay/sdk-replay.js loads replay/recorder.js on init.
    build({
      ...options(false, REPLAY_ENTRY),
      format: 'esm',
      splitting: true,
      outdir: join(out, 'replay'),
      chunkNames: '[name]',
    }),
    build({
      ...options(false, REPLAY_ENTRY),
      format: 'iife',
      globalName: 'Closeloop',
      outfile: join(out, 'closeloop.replay.iife.js'),
    }),
    build({
      ...options(false, FEEDBACK_ENTRY),
      format: 'esm',
      splitting: true,
      outdir: join(out, 'feedback'),
      chunkNames: '[name]',
      plugins: [withoutOpera, widgetOutside],
    }),
    build({
      ...options(false, FEEDBACK_ENTRY),
      format: 'iife',
      globalName: 'Closeloop',
      outfile: join(out, 'feedback/closeloop.feedback.iife.js'),
      plugins: [withoutOpera, widgetOutside],
    }),
    build({
      ...options(false, 'src/feedback/widget.ts'),
      format: 'esm',
      outfile: join(out, 'feedback/widget.js'),
    }),
  ]);
}

/** What the package ships: the bundles and their declarations, in a fresh `out`. */
export async function buildPackage(out = join(root, 'dist')): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await buildSdk(out);
  buildTypes({
    entries: ['src/sdk.ts', 'src/sdk-replay.ts', 'src/sdk-feedback.ts'].map((e) => join(root, e)),
    outDir: join(out, 'types'),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildPackage();
}
