/**
 * Main-thread time the browser SDK adds to a page load (DESIGN.md budget: < 5 ms; issue 10.1 asks
 * for the figure with replay on too), measured in Chromium on the example shop (examples/shop):
 *
 *   none    the shop with the SDK's script blocked (its page, styles and app code only)
 *   sdk     the script-tag build, `Closeloop.init` with errors, network, vitals, frustration
 *   replay  the replay build (rrweb's recorder inlined, feedback widget), sessionSampleRate 1
 *   base    with `--base <dist>`: the script-tag build in that folder (an earlier commit's
 *           `buildSdk` output), measured in the same rounds for a before/after comparison
 *
 * The SDK files are the shipped bundles: packages/sdk-browser/build.ts builds them into a temporary
 * folder (the shop's own on-the-fly build is not minified the same way).
 * Each load is a fresh browser context (cold cache, as a first visit). Chromium's own counters
 * (CDP Performance.getMetrics, `TaskDuration` = all main-thread tasks, `ScriptDuration` = script
 * compile and run) are read twice: when `load` has fired (what the page load itself paid) and 3 s
 * after `load` (also the work the SDK defers to idle time after load, such as starting web-vitals'
 * observers or rrweb's first snapshot). Both in thread time (`threadTicks`), which other processes
 * on a busy machine inflate less, and in wall time (`timeTicks`, a second CDP session), which also
 * counts the main thread blocked waiting, e.g. for the browser to open sessionStorage: what the
 * page really waits for. Rounds run the cases in rotating order; the added time is the median over
 * rounds of (case − none) of the same round. The load average is printed at the start and end.
 * Events go to a local collector that answers 200, so sending costs what it costs in production.
 *
 * Run: node --import tsx bench/sdk-main-thread.ts [--rounds 20]   (results in bench/RESULTS.md)
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startShop } from '../examples/shop/serve.mjs';
import { buildSdk } from '../packages/sdk-browser/build.ts';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const argRounds = process.argv.indexOf('--rounds');
const ROUNDS = argRounds > 0 ? Number(process.argv[argRounds + 1]) : 20;
const argBase = process.argv.indexOf('--base');
const BASE = argBase > 0 ? process.argv[argBase + 1] : undefined;
const WARMUP = 2;
const SETTLE_MS = 3_000;

type Case = 'none' | 'sdk' | 'replay' | 'base';
const CASES: Case[] = BASE ? ['none', 'base', 'sdk', 'replay'] : ['none', 'sdk', 'replay'];
const dist = mkdtempSync(join(tmpdir(), 'closeloop-sdk-'));
await buildSdk(dist);

// A collector standing in for Closeloop's ingest endpoint: CORS, 200, nothing kept.
const collector = createServer((req, res) => {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('access-control-allow-headers', 'content-type, content-encoding');
  res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
  req.resume();
  req.on('end', () => {
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'content-type': 'application/json' });
    res.end(req.method === 'OPTIONS' ? undefined : '{}');
  });
});
await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
const dsn = `http://${'a'.repeat(32)}@127.0.0.1:${(collector.address() as AddressInfo).port}/1`;

const plain = await startShop({ port: 0, host: '127.0.0.1', dsn, sdkDist: dist });
const withReplay = await startShop({ port: 0, host: '127.0.0.1', dsn, replay: 'session', sdkDist: dist });
const base = BASE ? await startShop({ port: 0, host: '127.0.0.1', dsn, sdkDist: BASE }) : undefined;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

interface Sample {
  task: number;
  script: number;
  /** TaskDuration when `load` has fired. */
  taskAtLoad: number;
  /** The same two in wall time. */
  wallTask: number;
  wallTaskAtLoad: number;
}

async function metricsOf(cdp: { send(method: 'Performance.getMetrics'): Promise<unknown> }) {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return (name: string) => (metrics.find((x) => x.name === name)?.value ?? Number.NaN) * 1000;
}

async function load(c: Case): Promise<Sample> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const page = await ctx.newPage();
    if (c === 'none') await page.route('**/closeloop.js', (r) => r.abort());
    const cdp = await ctx.newCDPSession(page);
    const wall = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await wall.send('Performance.enable', { timeDomain: 'timeTicks' });
    const shop = c === 'replay' ? withReplay : c === 'base' && base ? base : plain;
    await page.goto(`${shop.url}/?dsn=${encodeURIComponent(dsn)}`, { waitUntil: 'load' });
    const [atLoad, wallAtLoad] = await Promise.all([metricsOf(cdp), metricsOf(wall)]);
    await page.waitForTimeout(SETTLE_MS);
    const ok = await page.evaluate(() => typeof (window as { Closeloop?: unknown }).Closeloop === 'object');
    if (ok !== (c !== 'none')) throw new Error(`case ${c}: SDK present = ${ok}`);
    const [m, w] = await Promise.all([metricsOf(cdp), metricsOf(wall)]);
    return {
      task: m('TaskDuration'),
      script: m('ScriptDuration'),
      taskAtLoad: atLoad('TaskDuration'),
      wallTask: w('TaskDuration'),
      wallTaskAtLoad: wallAtLoad('TaskDuration'),
    };
  } finally {
    await ctx.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]!;

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`load average at start: ${loadAverage()}`);
try {
  const results: Record<Case, Sample[]> = { none: [], sdk: [], replay: [], base: [] };
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const order = CASES.map((_, i) => CASES[(i + round) % CASES.length]!);
    const got = {} as Record<Case, Sample>;
    for (const c of order) got[c] = await load(c);
    if (round < WARMUP) continue;
    for (const c of CASES) results[c].push(got[c]);
  }
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`${ROUNDS} rounds (+${WARMUP} warm-up); added = median [p25–p75] of (case − none) per round`);
  console.log(`load average at end: ${loadAverage()}`);
  const spread = (xs: number[]) => `${fmt(median(xs))} [${fmt(q(xs, 0.25))}–${fmt(q(xs, 0.75))}]`;
  const added = (c: Case, k: keyof Sample) => spread(results[c].map((r, i) => r[k] - results.none[i]![k]));
  console.log(
    'case     TaskDuration  ScriptDuration | thread: added by load        added in 3 s after load    | wall: added by load          added in 3 s after load',
  );
  for (const c of CASES) {
    const cell = (k: keyof Sample) => (c === 'none' ? '—' : added(c, k)).padEnd(29);
    console.log(
      `${c.padEnd(8)} ${fmt(median(results[c].map((r) => r.task))).padStart(12)} ${fmt(
        median(results[c].map((r) => r.script)),
      ).padStart(15)} | ${cell('taskAtLoad')}${cell('task')}| ${cell('wallTaskAtLoad')}${cell('wallTask')}`,
    );
  }
} finally {
  await browser.close();
  await plain.close();
  await withReplay.close();
  await base?.close();
  collector.close();
}
