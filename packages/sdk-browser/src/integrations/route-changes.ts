import type { Client } from '../client.ts';
import { guarded } from '../guard.ts';

/**
 * Single-page-app navigations: `history.pushState` / `replaceState` and `popstate` (which
 * also fires for #fragment changes). A
 * `route_change` event is sent when the pathname (the route) changes; any history change
 * counts as activity for dead-click detection.
 */
export function routeChanges(client: Client): () => void {
  const history = globalThis.history;
  if (!history) return () => undefined;
  let last = location.pathname;

  const check = () =>
    guarded(() => {
      client._signalActivity();
      const current = location.pathname;
      if (current === last) return;
      const from = last;
      last = current;
      client.addBreadcrumb({
        type: 'navigation',
        category: 'route',
        message: current,
        data: { from, to: current },
      });
      client._capture({ type: 'route_change', level: 'info', extra: { from } });
    });

  const wrap = (name: 'pushState' | 'replaceState') => {
    const original = history[name];
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
    history[name] = wrapped;
    return () => {
      if (history[name] === wrapped) history[name] = original;
    };
  };
  const unwrapPush = wrap('pushState');
  const unwrapReplace = wrap('replaceState');
  addEventListener('popstate', check, { signal: client._signal });
  return () => {
    unwrapPush();
    unwrapReplace();
  };
}
