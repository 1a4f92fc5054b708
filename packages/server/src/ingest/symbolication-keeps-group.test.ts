import { randomBytes } from 'node:crypto';
import vm from 'node:vm';
import { parseStack } from '@closeloop/core/grouping/stack-parse';
import * as esbuild from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { createProjectWithKey } from '../routes/sentry/sentry-test-kit.ts';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';

const SOURCE = `export function computeTotal(items) {
  let total = 0;
  for (const item of items) {
    if (item.price === undefined) throw new Error('missing price for ' + item.sku);
    total += item.price * item.qty;
  }
  return total;
}
export const checkout = (cart) => computeTotal(cart.items);
`;
const URL_ = 'https://shop.example/assets/app-3f9a1c2b.js';
const RELEASE = 'shop@2.0.0';

/** A real minified bundle and its map; the stack it throws, as a browser SDK would report it. */
async function minifiedError() {
  const result = await esbuild.build({
    stdin: { contents: SOURCE, sourcefile: 'src/cart.js', loader: 'js' },
    bundle: true,
    minify: true,
    sourcemap: 'external',
    write: false,
    format: 'iife',
    globalName: 'Shop',
    outfile: 'out/app.js',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
  const context = vm.createContext({});
  vm.runInContext(`${code};globalThis.Shop = Shop;`, context, { filename: URL_ });
  let stack = '';
  try {
    (context.Shop as { checkout: (cart: unknown) => unknown }).checkout({ items: [{ sku: 'T-1' }] });
  } catch (error) {
    stack = (error as Error).stack ?? '';
  }
  const frames = parseStack(stack)
    .filter((f) => f.abs_path === URL_)
    .map((f) => ({ ...f, in_app: true }))
    .reverse();
  return { map, frames };
}

describeEachDialect('symbolication keeps the group of an error', (dialect) => {
  const h = useHarness(dialect);
  let publicKey: string;

  beforeAll(async () => {
    publicKey = (await createProjectWithKey(h, 'SHOP')).publicKey;
  });

  it('files the same error before and after its source map is uploaded under one issue', async () => {
    const { map, frames } = await minifiedError();
    const event = () => ({
      event_id: randomBytes(16).toString('hex'),
      type: 'error',
      timestamp: Date.now(),
      release: RELEASE,
      exception: { type: 'Error', value: 'missing price for T-1', frames },
    });
    const send = () =>
      h.req({
        method: 'POST',
        url: `/api/ingest/v1/events?key=${publicKey}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ v: 1, events: [event()] }),
      });
    expect((await send()).status).toBe(202);
    await h.svc.ingest.worker.drain();

    const upload = await h.req({
      method: 'POST',
      url: `/api/v1/projects/SHOP/releases/${RELEASE}/source-maps`,
      as: h.owner,
      payload: { fileUrl: URL_, sourceMap: map },
    });
    expect(upload.status).toBe(201);

    expect((await send()).status).toBe(202);
    await h.svc.ingest.worker.drain();

    const list = await h.req({
      method: 'GET',
      url: '/api/v1/issues?project=SHOP&kind=error&limit=10',
      as: h.owner,
    });
    expect(list.body.items).toHaveLength(1);
    const mon = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${list.body.items[0].key}/monitoring`,
      as: h.owner,
    });
    expect(mon.body.eventCount).toBe(2);
    // The newest sample carries the symbolicated stack: the upload did improve the issue.
    const newest = mon.body.events[0].event.exception.frames as { function?: string; filename?: string }[];
    expect(newest.some((f) => f.function === 'computeTotal' && f.filename === 'src/cart.js')).toBe(true);
  });
});
