// Reads the vitest JSON reports of a CI run and prints one line per part, then the total as the
// last line (`N passed, N failed, N skipped`). Exits non-zero when a test failed, a test file
// failed outside its tests (hook, import), or a required part ran 0 tests.
//
//   node .ci/summarise.mjs <main-report.json> [<label>=<report.json> ...]
//
// Tests of the main report are attributed by rules that need nothing from the people adding
// tests (first matching rule wins, so the parts add up to the total):
//   sentry sdk    a file that imports an official Sentry SDK (@sentry/browser, @sentry/node …)
//   chromium e2e  a file under packages/web/e2e/ or one that imports playwright-core (real Chromium);
//                 `chromium e2e on postgres` when its suite's title ends in [postgres] (harness ON_DIALECT)
//   sqlite        a test inside a describe named `… [sqlite]`   (describeEachDialect names them)
//   postgres      a test inside a describe named `… [postgres]`
//   unit          everything else (pure functions, SDK units, single-process tests)
// Every further report is one part of its own, named by its label.
// A part's duration is the wall time of its files (a file shared by parts is split by test time).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const REQUIRED = ['unit', 'sqlite', 'postgres', 'sentry sdk', 'chromium e2e', 'chromium e2e on postgres'];
const root = process.cwd();
const [mainReport, ...extra] = process.argv.slice(2);
if (!mainReport) {
  console.error('usage: node .ci/summarise.mjs <main-report.json> [<label>=<report.json> ...]');
  process.exit(2);
}

const imports = (source, pkg) => new RegExp(`\\bfrom\\s+['"]${pkg}|import\\(\\s*['"]${pkg}`).test(source);
const sources = new Map();
const sourceOf = (file) => {
  if (!sources.has(file)) sources.set(file, readFileSync(file, 'utf8'));
  return sources.get(file);
};
function mainPartOf(file, ancestors) {
  const rel = relative(root, file);
  if (imports(sourceOf(file), '@sentry/')) return 'sentry sdk';
  if (rel.startsWith('packages/web/e2e/') || imports(sourceOf(file), 'playwright-core'))
    return ancestors.some((t) => t.endsWith('[postgres]')) ? 'chromium e2e on postgres' : 'chromium e2e';
  for (const title of ancestors) {
    const m = /\[(sqlite|postgres)\]$/.exec(title);
    if (m) return m[1];
  }
  return 'unit';
}

const parts = new Map();
const part = (name) => {
  if (!parts.has(name)) parts.set(name, { passed: 0, failed: 0, skipped: 0, ms: 0 });
  return parts.get(name);
};
const failures = [];
let ok = true;

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.log(`no test report at ${path}: ${err.message}`);
    ok = false;
    return { testResults: [] };
  }
}

function add(report, partOf) {
  for (const file of report.testResults) {
    const rel = relative(root, file.name);
    const tests = file.assertionResults.map((a) => ({ a, p: partOf(file.name, a.ancestorTitles) }));
    const wall = Math.max(0, (file.endTime ?? 0) - (file.startTime ?? 0));
    const testMs = tests.reduce((s, t) => s + (t.a.duration ?? 0), 0);
    for (const { a, p } of tests) {
      const counts = part(p);
      if (a.status === 'passed') counts.passed++;
      else if (a.status === 'failed') {
        counts.failed++;
        failures.push(`${p}: ${rel} › ${a.fullName}`);
      } else counts.skipped++;
      counts.ms += testMs > 0 ? (wall * (a.duration ?? 0)) / testMs : wall / tests.length;
    }
    // A file can fail without a failed test (a hook or an import threw): count it once.
    if (file.status === 'failed' && !tests.some((t) => t.a.status === 'failed')) {
      const p = partOf(file.name, []);
      part(p).failed++;
      if (tests.length === 0) part(p).ms += wall;
      failures.push(`${p}: ${rel} (file): ${(file.message ?? '').split('\n')[0]}`);
    }
  }
}

add(read(mainReport), mainPartOf);
const required = [...REQUIRED];
for (const arg of extra) {
  const at = arg.lastIndexOf('=');
  const label = arg.slice(0, at);
  required.push(label);
  add(read(arg.slice(at + 1)), () => label);
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of [...required, ...[...parts.keys()].filter((n) => !required.includes(n))]) {
  const c = parts.get(name) ?? { passed: 0, failed: 0, skipped: 0, ms: 0 };
  const ran = c.passed + c.failed;
  const extraCounts = [c.failed ? `${c.failed} failed` : '', c.skipped ? `${c.skipped} skipped` : '']
    .filter(Boolean)
    .join(', ');
  const note = ran === 0 ? '  <- FAILS CI: this part ran no tests' : '';
  console.log(
    `${name}: ${c.passed} passed${extraCounts ? `, ${extraCounts}` : ''} (${(c.ms / 1000).toFixed(0)} s)${note}`,
  );
  if (ran === 0) ok = false;
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
for (const f of failures.slice(0, 30)) console.log(`FAILED ${f}`);
if (failures.length > 30) console.log(`… and ${failures.length - 30} more failures`);
if (total.failed > 0) ok = false;
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
