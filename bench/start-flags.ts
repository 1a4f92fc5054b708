import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The node flags `npm start` gives the server bundle, so benches run it exactly as users do. */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return (
    /node ((?:--\S+ )*)packages\/server\/dist\/main\.mjs/.exec(pkg.scripts.start)?.[1]?.trim().split(' ') ??
    []
  );
}
