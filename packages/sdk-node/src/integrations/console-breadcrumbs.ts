import { format } from 'node:util';
import type { Client, Uninstall } from '../client.ts';

const LEVELS = { error: 'error', warn: 'warning' } as const;

/** console.error / console.warn calls become breadcrumbs; output is unchanged. The SDK itself never logs through console. */
export function installConsoleBreadcrumbs(client: Client): Uninstall {
  const restores: Array<() => void> = [];
  for (const method of ['error', 'warn'] as const) {
    const original = console[method];
    const wrapped = function (this: unknown, ...args: unknown[]) {
      try {
        client.addBreadcrumb({
          type: 'console',
          category: 'console',
          level: LEVELS[method],
          message: format(...args).slice(0, 2_000),
        });
      } catch {
        // a breadcrumb is never worth breaking the host's logging
      }
      return original.apply(this, args);
    };
    console[method] = wrapped;
    restores.push(() => {
      if (console[method] === wrapped) console[method] = original;
    });
  }
  return () => {
    for (const restore of restores) restore();
  };
}
