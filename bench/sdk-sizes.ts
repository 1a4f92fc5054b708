/**
 * Browser SDK sizes, Closeloop's and @sentry/browser's, measured the same way: each entry bundled
 * by esbuild (minified, ES2022, browser) from a one-line app file, then gzip -9.
 * Run: node --import tsx bench/sdk-sizes.ts   (results in bench/RESULTS.md)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const sdk = join(root, 'packages/sdk-browser');
const CASES: [string, string][] = [
  [
    'Closeloop core (errors, network, vitals, frustration)',
    `import { init } from '${sdk}/src/sdk.ts'; init({ dsn: 'x' });`,
  ],
  [
    'Closeloop with replay: loaded with the page',
    `import { init } from '${sdk}/src/sdk-replay.ts'; init({ dsn: 'x', replay: {} });`,
  ],
  ['rrweb record alone', `import { record } from 'rrweb'; record({ emit() {} });`],
  [
    '@sentry/browser (init + captureException)',
    `import { init, captureException } from '@sentry/browser'; init({ dsn: 'x' }); captureException(1);`,
  ],
  [
    '@sentry/browser + replayIntegration',
    `import { init, replayIntegration } from '@sentry/browser'; init({ dsn: 'x', integrations: [replayIntegration()] });`,
  ],
];

const dir = mkdtempSync(join(tmpdir(), 'sdk-sizes-'));
try {
  for (const [name, code] of CASES) {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, code);
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      outdir: join(dir, 'out'),
      write: false,
      target: 'es2022',
      platform: 'browser',
      nodePaths: [join(root, 'node_modules')],
      define: { __DEBUG__: 'false', __SDK_VERSION__: '"0"', __SENTRY_DEBUG__: 'false' },
      alias: { stackframe: join(sdk, 'stackframe-shim.cjs') },
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      mangleProps: /^_[a-zA-Z]/,
      reserveProps: /^__/,
      logLevel: 'error',
    });
    const files = out.outputFiles.filter((f) => f.path.endsWith('.js'));
    const main = files.find((f) => f.path.endsWith('entry.js'));
    const size = (fs: typeof files) => fs.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
    const initial = main ? size([main, ...files.filter((f) => f !== main && !/recorder/.test(f.path))]) : 0;
    const lazy = size(files.filter((f) => /recorder/.test(f.path)));
    console.log(
      `${name}: ${(initial / 1000).toFixed(1)} kB gzip${lazy ? ` + lazy recorder chunk ${(lazy / 1000).toFixed(1)} kB` : ''}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
