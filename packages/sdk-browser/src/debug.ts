/**
 * Debug logging. `__DEBUG__` is replaced by the build (`build.ts`): `false` in the production
 * bundles, so every `if (DEBUG_BUILD) …` branch and its message strings are removed by the
 * minifier. Under vitest / tsx it is undefined and debug code stays in.
 */
declare const __DEBUG__: boolean | undefined;

export const DEBUG_BUILD: boolean = typeof __DEBUG__ === 'undefined' || __DEBUG__ === true;

// Captured before any integration wraps console, so the SDK's own logging never reaches the
// console-errors integration (no recursion) even if it is called from inside a hook.
const originalConsole: Pick<Console, 'warn' | 'log'> | undefined =
  typeof console === 'undefined' ? undefined : { warn: console.warn, log: console.log };

let enabled = false;

export function setDebug(on: boolean): void {
  enabled = on;
}

export function debugLog(...args: unknown[]): void {
  if (!DEBUG_BUILD || !enabled || !originalConsole) return;
  try {
    originalConsole.warn.call(console, '[closeloop]', ...args);
  } catch {
    // never throw from logging
  }
}
