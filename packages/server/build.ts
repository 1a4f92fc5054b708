import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the server's own TypeScript (and the workspace packages it uses) into one ESM file,
 * leaving npm dependencies external. Running the bundle instead of the sources through tsx
 * starts faster and keeps the TypeScript transformer out of the server's memory.
 */
const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@closeloop/'));

await build({
  entryPoints: { main: join(root, 'src/main.ts'), 'worker-main': join(root, 'src/worker-main.ts') },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Memory (bench/RESULTS.md, memory): V8 keeps every module's source text in the heap, and one
  // non-ASCII character (an arrow in a comment) stores the whole 1.1 MB bundle as two bytes a
  // character. Without whitespace and comments, and with ASCII escapes, the bundle's source text
  // is a third of that. Names are kept, so stack traces stay readable (and source-mapped).
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  legalComments: 'none',
  external,
  // Dependencies written as CommonJS need require() inside an ESM bundle.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
// Data files the sources read beside themselves (new URL('./x', import.meta.url)) go beside the bundle.
copyFileSync(join(root, 'src/accounts/common-passwords.txt'), join(root, 'dist/common-passwords.txt'));
