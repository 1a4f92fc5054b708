/**
 * Builds the browser SDK bundles into dist/:
 *   closeloop.esm.js        ESM, minified, debug code stripped (for bundlers / <script type=module>)
 *   closeloop.iife.js       classic <script> tag, global `Closeloop`, minified, debug stripped
 *   closeloop.debug.iife.js same as the IIFE with the `debug: true` logging kept in
 * Run: npm run build -w @closeloop/sdk-browser   (or: node --import tsx build.ts)
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function options(debug: boolean): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: ['src/sdk.ts'],
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
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildSdk();
}
