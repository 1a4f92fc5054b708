import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench [name…] [-- --flag value…]`: runs every bench/*.ts (except this file and helpers) one after another,
 * each in its own process so they do not disturb each other. Results print as ratios against a
 * baseline measured in the same run; record them in bench/RESULTS.md with the date and machine.
 */
const dir = import.meta.dirname;
// Names come first; from the first `--flag` on, arguments are passed to each bench
// (`npm run bench duplicates -- --data <dir>`).
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const only = firstFlag < 0 ? args : args.slice(0, firstFlag);
const passed = firstFlag < 0 ? [] : args.slice(firstFlag);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file), ...passed], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
