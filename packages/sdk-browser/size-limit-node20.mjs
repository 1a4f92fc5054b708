// size-limit 14 needs Node 22 (`glob` from node:fs/promises, `Array.fromAsync`). This preload
// lets it run on Node 20 for this package's config, which lists literal paths (no wildcards):
//   node --import ./size-limit-node20.mjs ../../node_modules/size-limit/bin.js
// (that is `npm run size:node20`). On Node >= 22 plain `npm run size` is enough.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const shim = `
export * from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
export async function* glob(patterns, { cwd = process.cwd() } = {}) {
  for (const pattern of [].concat(patterns)) {
    const full = resolve(cwd, pattern);
    if (existsSync(full) && statSync(full).isFile()) {
      yield { name: basename(full), parentPath: dirname(full), isFile: () => true };
    }
  }
}`;

export async function resolve(specifier, context, next) {
  if (specifier === 'node:fs/promises' && context.parentURL?.includes('/size-limit/get-config.js')) {
    return { url: `data:text/javascript,${encodeURIComponent(shim)}`, shortCircuit: true };
  }
  return next(specifier, context);
}

if (isMainThread) {
  Array.fromAsync ??= async (iterable) => {
    const out = [];
    for await (const item of iterable) out.push(item);
    return out;
  };
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 22) register(import.meta.url);
}
