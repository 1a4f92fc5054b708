import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fingerprintEvent } from '../grouping/fingerprint.ts';
import { parseStack } from '../grouping/stack-parse.ts';
import { symbolicateFrame, symbolicateFrames } from './symbolicate.ts';

const SOURCE = `export function computeTotal(items) {
  let total = 0;
  for (const item of items) {
    if (item.price === undefined) {
      throw new Error('missing price for ' + item.sku);
    }
    total += item.price * item.qty;
  }
  return total;
}

export const checkout = (cart) => {
  const total = computeTotal(cart.items);
  return { total, currency: cart.currency };
};
`;

/** Builds a minified bundle with a source map, runs it under a CDN-like URL and returns the thrown stack. */
async function buildAndThrow(source = SOURCE, options: { sourcesContent?: boolean } = {}) {
  const result = await esbuild.build({
    stdin: { contents: source, sourcefile: 'src/cart.js', loader: 'js' },
    bundle: true,
    minify: true,
    sourcemap: 'external',
    sourcesContent: options.sourcesContent ?? true,
    write: false,
    format: 'iife',
    globalName: 'Shop',
    outfile: 'out/app.js',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
  const url = 'https://shop.example/assets/app-3f9a1c2b.js';
  const context = vm.createContext({});
  vm.runInContext(`${code};globalThis.Shop = Shop;`, context, { filename: url });
  let stack = '';
  try {
    (context.Shop as { checkout: (cart: unknown) => unknown }).checkout({
      items: [{ sku: 'TSHIRT-42' }],
      currency: 'EUR',
    });
  } catch (error) {
    stack = (error as Error).stack ?? '';
  }
  const frames = parseStack(stack).filter((f) => f.abs_path === url);
  return { code, map, frames, url };
}

describe('symbolicateFrames on a real esbuild bundle', () => {
  it('maps a minified stack back to the original lines, functions and context', async () => {
    const { map, frames, url } = await buildAndThrow();
    expect(frames).toHaveLength(2);
    // Minified: one line, one-letter names.
    expect(frames.every((f) => f.lineno === 1)).toBe(true);

    const results = await symbolicateFrames(frames, (frame) => (frame.abs_path === url ? map : null));
    expect(results.every((r) => r.ok)).toBe(true);
    const [outer, inner] = results.map((r) => r.frame);
    expect(inner).toMatchObject({
      filename: 'src/cart.js',
      lineno: 5,
      function: 'computeTotal',
      context_line: "      throw new Error('missing price for ' + item.sku);",
      pre_context: [
        'export function computeTotal(items) {',
        '  let total = 0;',
        '  for (const item of items) {',
        '    if (item.price === undefined) {',
      ],
      post_context: ['    }', '    total += item.price * item.qty;', '  }', '  return total;', '}'],
    });
    expect(outer).toMatchObject({ filename: 'src/cart.js', lineno: 13, function: 'checkout' });
    expect(results[1]!.ok && results[1]!.generated.lineno).toBe(1);
  });

  it('names functions from the caller site when the map has no sources content', async () => {
    const { map, frames } = await buildAndThrow(SOURCE, { sourcesContent: false });
    const results = await symbolicateFrames(frames, () => map);
    const inner = results[1]!;
    expect(inner.ok).toBe(true);
    expect(inner.frame).toMatchObject({ lineno: 5, function: 'computeTotal' });
    expect(inner.frame.context_line).toBeUndefined();
  });

  it('groups symbolicated events from two builds together', async () => {
    const first = await buildAndThrow();
    // A second release: a comment shifts every line, the minifier output is the same shape.
    const second = await buildAndThrow(`// release 2\n${SOURCE}`);
    const fp = async (build: typeof first) => {
      const frames = (await symbolicateFrames(build.frames, () => build.map)).map((r) => r.frame);
      return fingerprintEvent({
        event_id: '0'.repeat(32),
        type: 'error',
        timestamp: 1,
        platform: 'browser',
        exception: { type: 'Error', value: 'missing price for TSHIRT-42', frames },
      })!;
    };
    const a = await fp(first);
    const b = await fp(second);
    expect(a.components).toEqual(['error', 'Error', 'src/cart:checkout', 'src/cart:computeTotal']);
    expect(a.hash).toBe(b.hash);
    expect(a.culprit).toBe('computeTotal(src/cart)');
  });
});

describe('symbolicateFrame failures', () => {
  it('returns the frame unchanged with a reason', async () => {
    const { map, frames } = await buildAndThrow();
    const frame = frames[1]!;
    expect(await symbolicateFrame(frame, 'not json')).toMatchObject({
      ok: false,
      frame,
      reason: 'invalid_source_map',
    });
    expect(await symbolicateFrame(frame, '{"version":2}')).toMatchObject({
      ok: false,
      reason: 'invalid_source_map',
    });
    const noLine = { function: 'i', abs_path: frame.abs_path! };
    expect(await symbolicateFrame(noLine, map)).toMatchObject({
      ok: false,
      frame: noLine,
      reason: 'missing_position',
    });
    const beyond = { ...frame, lineno: 999 };
    expect(await symbolicateFrame(beyond, map)).toMatchObject({
      ok: false,
      frame: beyond,
      reason: 'no_mapping',
    });
    const results = await symbolicateFrames(frames, () => null);
    expect(results.map((r) => r.ok || r.reason)).toEqual(['no_mapping', 'no_mapping']);
    const throwing = await symbolicateFrames(frames, () => {
      throw new Error('store down');
    });
    expect(throwing[0]).toMatchObject({ ok: false, reason: 'invalid_source_map' });
  });

  it('symbolicates a single frame', async () => {
    const { map, frames } = await buildAndThrow();
    const result = await symbolicateFrame(frames[1]!, map);
    expect(result).toMatchObject({ ok: true, frame: { lineno: 5, function: 'computeTotal', colno: 13 } });
  });
});
