/**
 * Main-thread time the browser SDK adds to a page load (DESIGN.md budget: < 5 ms; issue 10.1 asks
 * for the figure with replay on too), measured in Chromium on the example shop (examples/shop):
 *
 *   none    the shop with the SDK's script blocked (its page, styles and app code only)
 *   sdk     the script-tag build, `Closeloop.init` with errors, network, vitals, frustration
 *   replay  the replay build (rrweb's recorder inlined, feedback widget), sessionSampleRate 1
 *
 * Each load is a fresh browser context (cold cache, as a first visit). Chromium's own counters
 * (CDP Performance.getMetrics, `TaskDuration` = all main-thread tasks, `ScriptDuration` = script
 * compile and run) are read twice: when `load` has fired (what the page load itself paid) and 3 s
 * after `load` (also the work the SDK defers to idle time after load, such as starting web-vitals'
 * observers or rrweb's first snapshot), counted in thread time (`threadTicks`) so that other
 * processes on a busy machine inflate them less than wall time would. Rounds run the three cases
 * in rotating order; the added time is the median over rounds of (case − none) of the same round.
 * Events go to a local collector that answers 200, so sending costs what it costs in production.
 *
 * Run: node --import tsx bench/sdk-main-thread.ts [--rounds 20]   (results in bench/RESULTS.md)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { startShop } from '../examples/shop/serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const argRounds = process.argv.indexOf('--rounds');
const ROUNDS = argRounds > 0 ? Number(process.argv[argRounds + 1]) : 20;
const WARMUP = 2;
const SETTLE_MS = 3_000;

type Case = 'none' | 'sdk' | 'replay';
const CASES: Case[] = ['none', 'sdk', 'replay'];

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

const plain = await startShop({ port: 0, host: '127.0.0.1', dsn });
const withReplay = await startShop({ port: 0, host: '127.0.0.1', dsn, replay: 'session' });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

interface Sample {
  task: number;
  script: number;
  /** TaskDuration when `load` has fired. */
  taskAtLoad: number;
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
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const base = c === 'replay' ? withReplay.url : plain.url;
    await page.goto(`${base}/?dsn=${encodeURIComponent(dsn)}`, { waitUntil: 'load' });
    const taskAtLoad = (await metricsOf(cdp))('TaskDuration');
    await page.waitForTimeout(SETTLE_MS);
    const ok = await page.evaluate(() => typeof (window as { Closeloop?: unknown }).Closeloop === 'object');
    if (ok !== (c !== 'none')) throw new Error(`case ${c}: SDK present = ${ok}`);
    const m = await metricsOf(cdp);
    return { task: m('TaskDuration'), script: m('ScriptDuration'), taskAtLoad };
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

try {
  const results: Record<Case, Sample[]> = { none: [], sdk: [], replay: [] };
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const order = CASES.map((_, i) => CASES[(i + round) % CASES.length]!);
    const got = {} as Record<Case, Sample>;
    for (const c of order) got[c] = await load(c);
    if (round < WARMUP) continue;
    for (const c of CASES) results[c].push(got[c]);
  }
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`${ROUNDS} rounds (+${WARMUP} warm-up), thread time, read ${SETTLE_MS} ms after load`);
  console.log(
    'case     TaskDuration median   ScriptDuration median   added task time: median [p25–p75]   added by load: median [p25–p75]',
  );
  for (const c of CASES) {
    const task = results[c].map((r) => r.task);
    const script = results[c].map((r) => r.script);
    const added = results[c].map((r, i) => r.task - results.none[i]!.task);
    const addedAtLoad = results[c].map((r, i) => r.taskAtLoad - results.none[i]!.taskAtLoad);
    const spread = (xs: number[]) => `${fmt(median(xs))} [${fmt(q(xs, 0.25))}–${fmt(q(xs, 0.75))}]`;
    console.log(
      `${c.padEnd(8)} ${fmt(median(task)).padStart(20)} ${fmt(median(script)).padStart(23)}   ${
        c === 'none' ? '—' : `${spread(added).padEnd(37)}   ${spread(addedAtLoad)}`
      }`,
    );
  }
} finally {
  await browser.close();
  await plain.close();
  await withReplay.close();
  collector.close();
}
