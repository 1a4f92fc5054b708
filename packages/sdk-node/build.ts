/**
 * Builds the Node SDK as it is published, into dist/:
 *   index.js   one ESM file (Node ≥ 20), the shared core (../sdk-core) bundled in; only node:
 *              built-ins are imported, so the package has no dependencies
 *   types/     its declarations (see ../sdk-core/build-types.ts); the entry is types/sdk-node/src/sdk.d.ts.
 *              They import `fastify`'s types for closeloopFastify: an optional peer dependency.
 * Run: npm run build -w @closeloop/sdk-node   (or: node --import tsx build.ts; `npm pack` runs it)
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildTypes } from '../sdk-core/build-types.ts';

const root = dirname(fileURLToPath(import.meta.url));

export async function buildPackage(out = join(root, 'dist')): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/sdk.ts'],
    outfile: join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Readable stack traces inside the SDK matter more than bytes on a server.
    minify: false,
    logLevel: 'warning',
  });
  buildTypes({
    entries: [join(root, 'src/sdk.ts')],
    outDir: join(out, 'types'),
    allowExternal: /^(node(:|$)|fastify$)/,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildPackage();
}
