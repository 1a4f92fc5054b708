import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import { parseFrames, toException } from './stack.ts';

const ctx = { pageOrigin: 'https://shop.example.com', sdkFile: 'https://shop.example.com/closeloop.iife.js' };

function withStack(name: string, message: string, stack: string): Error {
  const error = new Error(message);
  error.name = name;
  error.stack = stack;
  return error;
}

const chrome = withStack(
  'TypeError',
  "Cannot read properties of undefined (reading 'total')",
  [
    "TypeError: Cannot read properties of undefined (reading 'total')",
    '    at computeTotal (https://shop.example.com/assets/cart.js:10:15)',
    '    at HTMLButtonElement.onClick (https://shop.example.com/assets/app.js:20:3)',
    '    at https://cdn.example.net/vendor.js:1:999',
  ].join('\n'),
);

describe('parseFrames', () => {
  it('parses a Chrome stack outermost-first with in_app by origin', () => {
    expect(parseFrames(chrome, ctx)).toEqual([
      {
        filename: 'https://cdn.example.net/vendor.js',
        abs_path: 'https://cdn.example.net/vendor.js',
        lineno: 1,
        colno: 999,
        in_app: false,
      },
      {
        function: 'HTMLButtonElement.onClick',
        filename: 'https://shop.example.com/assets/app.js',
        abs_path: 'https://shop.example.com/assets/app.js',
        lineno: 20,
        colno: 3,
        in_app: true,
      },
      {
        function: 'computeTotal',
        filename: 'https://shop.example.com/assets/cart.js',
        abs_path: 'https://shop.example.com/assets/cart.js',
        lineno: 10,
        colno: 15,
        in_app: true,
      },
    ]);
  });

  it('parses Firefox / Safari stacks', () => {
    const firefox = withStack(
      'Error',
      'boom',
      'computeTotal@https://shop.example.com/assets/cart.js:10:15\nonClick@https://shop.example.com/assets/app.js:20:3\n',
    );
    const frames = parseFrames(firefox, ctx);
    expect(frames?.map((f) => f.function)).toEqual(['onClick', 'computeTotal']);
    const safari = withStack(
      'Error',
      'boom',
      'computeTotal@https://shop.example.com/assets/cart.js:10:15\nglobal code@https://shop.example.com/:3:9',
    );
    expect(parseFrames(safari, ctx)?.at(-1)).toMatchObject({ function: 'computeTotal', lineno: 10 });
  });

  it('marks the SDK script itself as not in-app', () => {
    const error = withStack(
      'Error',
      'x',
      'Error: x\n    at wrapped (https://shop.example.com/closeloop.iife.js:1:200)\n    at main (https://shop.example.com/app.js:1:1)',
    );
    expect(parseFrames(error, ctx)?.map((f) => f.in_app)).toEqual([true, false]);
  });

  it('keeps the innermost 250 frames of a deep recursion', () => {
    const lines = ['RangeError: Maximum call stack size exceeded'];
    for (let i = 0; i < 400; i++) lines.push(`    at f${i} (https://shop.example.com/a.js:${i + 1}:1)`);
    const frames = parseFrames(
      withStack('RangeError', 'Maximum call stack size exceeded', lines.join('\n')),
      ctx,
    );
    expect(frames).toHaveLength(250);
    expect(frames?.at(-1)?.function).toBe('f0');
  });
});

describe('toException', () => {
  it('builds a valid exception from an Error', () => {
    const exception = toException(chrome, { type: 'onerror', handled: false }, ctx);
    expect(exception.type).toBe('TypeError');
    expect(exception.frames).toHaveLength(3);
    const event = { event_id: 'a'.repeat(32), type: 'error', timestamp: 1, exception };
    expect(ingestEventSchema.safeParse(event).success).toBe(true);
  });

  it('keeps the raw stack when it cannot be parsed', () => {
    const exception = toException(withStack('Error', 'odd', 'not a stack at all'), { type: 'generic' }, ctx);
    expect(exception.frames).toEqual([]);
    expect(exception.stack).toBe('not a stack at all');
  });

  it('handles rejections with non-Error reasons', () => {
    expect(toException('nope', { type: 'onunhandledrejection', handled: false }, ctx)).toMatchObject({
      type: 'UnhandledRejection',
      value: 'nope',
      frames: [],
    });
    expect(toException({ code: 42 }, { type: 'onunhandledrejection' }, ctx).value).toBe('{"code":42}');
  });

  it('uses the ErrorEvent location for cross-origin "Script error."', () => {
    const exception = toException(undefined, { type: 'onerror', handled: false }, ctx, {
      message: 'Script error.',
      filename: 'https://cdn.example.net/x.js',
      lineno: 0,
      colno: 0,
    });
    expect(exception.value).toBe('Script error.');
    expect(exception.frames[0]).toMatchObject({ filename: 'https://cdn.example.net/x.js', in_app: false });
  });
});

describe('stackframe-shim.cjs (used by the bundles; the browser test checks line numbers end to end)', () => {
  it('returns the fields error-stack-parser gives it, untouched', async () => {
    const { createRequire } = await import('node:module');
    const shim = createRequire(import.meta.url)('../stackframe-shim.cjs') as (o: object) => object;
    expect(new (shim as unknown as new (o: object) => object)({ lineNumber: '3' })).toEqual({
      lineNumber: '3',
    });
  });
});
