import { describe, expect, it } from 'vitest';
import { addContextLines } from './context-lines.ts';
import { isInApp, parseStack } from './stack.ts';

const V8 = `TypeError: Cannot read properties of undefined (reading 'price')
    multi-line message part
    at renderCart (/srv/shop/src/cart.js:42:15)
    at async Promise.all (index 0)
    at Object.<anonymous> (/srv/shop/node_modules/pg/lib/client.js:10:5)
    at new Order (file:///srv/shop/src/order.mjs:7:3)
    at Router.handle [as handle_request] (/srv/shop/src/router.js:3:9)
    at eval (eval at compile (/srv/shop/src/tpl.js:20:11), <anonymous>:1:1)
    at /srv/shop/src/anon.js:1:2
    at Array.map (<anonymous>)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;

describe('parseStack', () => {
  const frames = parseStack(V8, { cwd: '/srv/shop' });

  it('returns frames outermost first, innermost (the throw) last', () => {
    expect(frames.at(-1)).toMatchObject({
      function: 'renderCart',
      filename: 'src/cart.js',
      lineno: 42,
      colno: 15,
    });
    expect(frames[0]).toMatchObject({ function: 'process.processTicksAndRejections', in_app: false });
    expect(frames).toHaveLength(9);
  });

  it('reads file URLs, aliases, anonymous functions and eval origins', () => {
    expect(frames.find((f) => f.function === 'new Order')).toMatchObject({
      abs_path: '/srv/shop/src/order.mjs',
      filename: 'src/order.mjs',
      in_app: true,
    });
    expect(frames.find((f) => f.function?.startsWith('Router'))).toMatchObject({
      function: 'Router.handle [as handle_request]',
      lineno: 3,
    });
    expect(frames.find((f) => f.filename === 'src/anon.js')).toMatchObject({ lineno: 1, colno: 2 });
    expect(frames.find((f) => f.function === 'eval')).toMatchObject({ filename: 'src/tpl.js', lineno: 20 });
  });

  it('marks dependencies, Node internals and native frames as not in-app', () => {
    expect(frames.find((f) => f.abs_path?.includes('node_modules'))?.in_app).toBe(false);
    expect(frames.find((f) => f.function === 'Array.map')).toMatchObject({
      in_app: false,
      abs_path: '<anonymous>',
    });
    expect(frames.find((f) => f.function === 'async Promise.all')?.in_app).toBe(false);
    expect(isInApp('node:internal/timers')).toBe(false);
    expect(isInApp(new URL('./client.ts', import.meta.url).pathname)).toBe(false); // the SDK itself
  });

  it('parses a real error of this process with exact lines', () => {
    const err = new Error('here');
    const line = Number(new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1]) - 1;
    const top = parseStack(err.stack, { sdkDir: '/elsewhere/' }).at(-1);
    expect(top?.abs_path).toBe(new URL(import.meta.url).pathname);
    expect(top?.lineno).toBe(line);
    expect(top?.in_app).toBe(true);
  });
});

describe('addContextLines', () => {
  it('adds the failing line and five lines around it to in-app frames only', async () => {
    function thrower() {
      // marker-line-before
      return new Error('context'); // marker-line
    }
    const frames = parseStack(thrower().stack, { sdkDir: '/elsewhere/' });
    await addContextLines(frames);
    const top = frames.at(-1)!;
    expect(top.context_line).toContain('// marker-line');
    expect(top.pre_context).toHaveLength(5);
    expect(top.pre_context?.at(-1)).toContain('marker-line-before');
    expect(top.post_context).toHaveLength(5);
    expect(frames.filter((f) => !f.in_app).every((f) => f.context_line === undefined)).toBe(true);
  });

  it('leaves frames of unreadable files alone', async () => {
    const frames = [{ abs_path: '/no/such/file.js', lineno: 1, in_app: true }];
    await addContextLines(frames);
    expect(frames[0]).toEqual({ abs_path: '/no/such/file.js', lineno: 1, in_app: true });
  });
});
