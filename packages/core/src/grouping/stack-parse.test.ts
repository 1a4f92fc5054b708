import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceptionFrames, parseStack } from './stack-parse.ts';

const CHROME = `TypeError: Cannot read properties of undefined (reading 'price')
    at computeTotal (https://shop.example/assets/index-DiwrgTda.js:12:3456)
    at Array.reduce (<anonymous>)
    at CheckoutPage.render (https://shop.example/assets/index-DiwrgTda.js:12:9012)
    at HTMLButtonElement.<anonymous> (https://shop.example/assets/index-DiwrgTda.js:3:77)
    at https://shop.example/assets/vendor-Bx3_a9Qz.js:1:500`;

const CHROME_ASYNC_EVAL = `Error: payment declined
    at eval (eval at loadPlugin (https://shop.example/app.js:40:12), <anonymous>:3:9)
    at async submitOrder (https://shop.example/app.js:88:5)
    at async Promise.all (index 0)
    at new CheckoutForm (https://shop.example/app.js:10:1)
    at fn [as handler] (https://shop.example/app.js:5:2)`;

const NODE = `Error: connect ECONNREFUSED 127.0.0.1:5432
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
    at Object.<anonymous> (/srv/shop/src/db.js:14:11)
    at Module._compile (node:internal/modules/cjs/loader:1256:14)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async file:///srv/shop/src/main.mjs:7:3
    at C:\\shop\\src\\win.js:2:4`;

const FIREFOX = `computeTotal@https://shop.example/assets/index-DiwrgTda.js:12:3456
CheckoutPage/render/<@https://shop.example/assets/index-DiwrgTda.js:12:9012
async*submitOrder@https://shop.example/app.js:88:5
@https://shop.example/app.js:1:1
loadPlugin@https://shop.example/app.js line 40 > eval:3:9
`;

const SAFARI = `computeTotal@https://shop.example/assets/index-DiwrgTda.js:12:3456
reduce@[native code]
render@https://shop.example/assets/index-DiwrgTda.js:12:9012
https://shop.example/assets/index-DiwrgTda.js:3:77
global code@https://shop.example/app.js:1:10
promiseReactionJob@[native code]`;

describe('parseStack', () => {
  it('reads Chrome stacks, skipping the message header, outermost frame first', () => {
    const frames = parseStack(CHROME);
    expect(frames).toHaveLength(5);
    expect(frames.at(-1)).toEqual({
      function: 'computeTotal',
      filename: 'https://shop.example/assets/index-DiwrgTda.js',
      abs_path: 'https://shop.example/assets/index-DiwrgTda.js',
      lineno: 12,
      colno: 3456,
    });
    expect(frames.at(-2)).toMatchObject({ function: 'Array.reduce', filename: '<anonymous>' });
    expect(frames.at(-4)).toMatchObject({ function: 'HTMLButtonElement.<anonymous>', lineno: 3, colno: 77 });
    expect(frames[0]).toEqual({
      filename: 'https://shop.example/assets/vendor-Bx3_a9Qz.js',
      abs_path: 'https://shop.example/assets/vendor-Bx3_a9Qz.js',
      lineno: 1,
      colno: 500,
    });
  });

  it('reads V8 async, eval, constructor and aliased frames', () => {
    const frames = parseStack(CHROME_ASYNC_EVAL).reverse();
    expect(frames[0]).toMatchObject({
      function: 'eval',
      filename: 'https://shop.example/app.js',
      lineno: 40,
      colno: 12,
    });
    expect(frames[1]).toMatchObject({ function: 'submitOrder', lineno: 88 });
    expect(frames[2]).toMatchObject({ function: 'Promise.all', filename: '<anonymous>' });
    expect(frames[2]!.lineno).toBeUndefined();
    expect(frames[3]).toMatchObject({ function: 'new CheckoutForm', lineno: 10 });
    expect(frames[4]).toMatchObject({ function: 'fn [as handler]', lineno: 5 });
  });

  it('reads Node stacks with node: internals, file URLs and Windows paths', () => {
    const frames = parseStack(NODE).reverse();
    expect(frames.map((f) => [f.function, f.filename, f.lineno, f.colno])).toEqual([
      ['TCPConnectWrap.afterConnect [as oncomplete]', 'node:net', 1555, 16],
      ['Object.<anonymous>', '/srv/shop/src/db.js', 14, 11],
      ['Module._compile', 'node:internal/modules/cjs/loader', 1256, 14],
      ['process.processTicksAndRejections', 'node:internal/process/task_queues', 95, 5],
      [undefined, 'file:///srv/shop/src/main.mjs', 7, 3],
      [undefined, 'C:\\shop\\src\\win.js', 2, 4],
    ]);
  });

  it('reads Firefox stacks, including anonymous, async and eval frames', () => {
    const frames = parseStack(FIREFOX).reverse();
    expect(frames).toHaveLength(5);
    expect(frames[0]).toMatchObject({ function: 'computeTotal', lineno: 12, colno: 3456 });
    expect(frames[1]).toMatchObject({ function: 'CheckoutPage/render/<', lineno: 12 });
    expect(frames[2]).toMatchObject({
      function: 'async*submitOrder',
      filename: 'https://shop.example/app.js',
    });
    expect(frames[3]).toEqual({
      filename: 'https://shop.example/app.js',
      abs_path: 'https://shop.example/app.js',
      lineno: 1,
      colno: 1,
    });
    expect(frames[4]).toMatchObject({
      function: 'loadPlugin',
      filename: 'https://shop.example/app.js',
      lineno: 40,
    });
  });

  it('reads Safari stacks with native code, global code and bare locations', () => {
    const frames = parseStack(SAFARI).reverse();
    expect(frames.map((f) => [f.function, f.filename, f.lineno])).toEqual([
      ['computeTotal', 'https://shop.example/assets/index-DiwrgTda.js', 12],
      ['reduce', '[native code]', undefined],
      ['render', 'https://shop.example/assets/index-DiwrgTda.js', 12],
      [undefined, 'https://shop.example/assets/index-DiwrgTda.js', 3],
      ['global code', 'https://shop.example/app.js', 1],
      ['promiseReactionJob', '[native code]', undefined],
    ]);
  });

  it('does not mistake a message that mentions an email or a URL for a frame', () => {
    expect(parseStack('Error: no account for jane@shop.example')).toEqual([]);
    expect(
      parseStack(
        'Error: could not load https://cdn.example/x.js\n    at load (https://shop.example/a.js:1:2)',
      ),
    ).toEqual([expect.objectContaining({ function: 'load' })]);
  });

  it('keeps given frames and parses the raw stack only when there are none', () => {
    const given = [{ function: 'given', lineno: 1 }];
    expect(exceptionFrames({ frames: given, stack: CHROME })).toBe(given);
    expect(exceptionFrames({ frames: [], stack: CHROME })).toHaveLength(5);
    expect(exceptionFrames({ frames: [] })).toEqual([]);
  });

  it('never throws and keeps at most 250 frames', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        expect(Array.isArray(parseStack(text))).toBe(true);
      }),
    );
    const long = [
      'Error: deep',
      ...Array.from({ length: 400 }, (_, i) => `    at f${i} (https://a.example/x.js:1:${i})`),
    ];
    const frames = parseStack(long.join('\n'));
    expect(frames).toHaveLength(250);
    expect(frames.at(-1)!.function).toBe('f0');
  });
});
