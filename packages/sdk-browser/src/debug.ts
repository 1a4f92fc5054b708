/**
 * Debug logging. The build (`build.ts`) replaces the identifier `__DEBUG__` with `false` in the
 * production bundles, so every `if (__DEBUG__) …` branch and its message strings disappear
 * from them. Unbundled (vitest, tsx) there is no replacement: the global set below keeps
 * debug code on.
 */
declare global {
  var __DEBUG__: boolean;
}
if (typeof __DEBUG__ === 'undefined') globalThis.__DEBUG__ = true;

// Captured before any integration wraps console, so the SDK's own logging never reaches the
// console-errors integration (no recursion) even if it is called from inside a hook.
const originalConsole: Pick<Console, 'warn' | 'log'> | undefined =
  typeof console === 'undefined' ? undefined : { warn: console.warn, log: console.log };

let enabled = false;

export function setDebug(on: boolean): void {
  enabled = on;
}

export function debugLog(...args: unknown[]): void {
  if (!__DEBUG__ || !enabled || !originalConsole) return;
  try {
    originalConsole.warn.call(console, '[closeloop]', ...args);
  } catch {
    // never throw from logging
  }
}
