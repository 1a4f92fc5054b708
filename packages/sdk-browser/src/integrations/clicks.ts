import type { Client } from '../client.ts';
import { DEAD_CLICK_TIMEOUT_MS, DeadClickDetector } from '../dead-click-detector.ts';
import { describeSelector, describeText, interactiveTarget, isTextEditing } from '../dom.ts';
import { guarded } from '../guard.ts';
import { RAGE_CLICK_WINDOW_MS, type RageBurst, RageClickDetector } from '../rage-click-detector.ts';

/**
 * One capture-phase click listener feeding three things: a `click` breadcrumb, the rage-click
 * detector and the dead-click detector. While a dead-click candidate is pending, a
 * MutationObserver and scroll/navigation listeners watch for any reaction.
 */
/**
 * Click times go with the report (wall-clock ms): the server joins a dead or rage click with the
 * error or failed request it ran into by when the clicks happened, not by when the report left,
 * which a busy page delays.
 */
const wallClock = (at: number) => Math.round(performance.timeOrigin + at);

export function clicks(client: Client): () => void {
  const rage = new RageClickDetector<Element>();
  const dead = new DeadClickDetector<Element>();
  let rageTimer: ReturnType<typeof setTimeout> | undefined;
  let deadTimer: ReturnType<typeof setTimeout> | undefined;
  let observing = false;

  const reportRage = (burst: RageBurst<Element> | undefined) => {
    if (!burst) return;
    const text = describeText(burst.target);
    client._capture({
      type: 'rage_click',
      level: 'warning',
      click: {
        selector: describeSelector(burst.target),
        count: burst.count,
        started_at: wallClock(burst.first),
        ended_at: wallClock(burst.last),
        ...(text ? { text } : {}),
      },
    });
  };

  const activity = () =>
    guarded(() => {
      dead._activity(performance.now());
      if (dead._size === 0) stopObserving();
    });
  const observer = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(activity);
  const startObserving = () => {
    if (observing || !observer) return;
    observing = true;
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    addEventListener('scroll', activity, { capture: true, passive: true, signal: client._signal });
  };
  const stopObserving = () => {
    if (!observing || !observer) return;
    observing = false;
    observer.disconnect();
    removeEventListener('scroll', activity, { capture: true });
  };
  client._onActivity(activity);

  const checkDead = () =>
    guarded(() => {
      deadTimer = undefined;
      // Mutations observed but not yet delivered count as reactions.
      if (observer && observer.takeRecords().length > 0) activity();
      for (const { target, at } of dead._expire(performance.now())) {
        const text = describeText(target);
        const when = wallClock(at);
        client._capture({
          type: 'dead_click',
          level: 'warning',
          click: {
            selector: describeSelector(target),
            started_at: when,
            ended_at: when,
            ...(text ? { text } : {}),
          },
        });
      }
      if (dead._size === 0) stopObserving();
      else deadTimer = setTimeout(checkDead, DEAD_CLICK_TIMEOUT_MS / 4);
    });

  const onClick = (event: MouseEvent) =>
    guarded(() => {
      const el = event.target;
      if (!(el instanceof Element)) return;
      const now = performance.now();
      const selector = describeSelector(el);
      client.addBreadcrumb({ type: 'click', category: 'ui.click', message: selector });

      if (!isTextEditing(el)) {
        const target = interactiveTarget(el) ?? el;
        reportRage(rage._click(target, event.clientX, event.clientY, now));
        if (rageTimer !== undefined) clearTimeout(rageTimer);
        rageTimer = setTimeout(
          () => guarded(() => reportRage(rage._expire(performance.now()))),
          RAGE_CLICK_WINDOW_MS + 50,
        );
      }

      // Modified clicks open new tabs/windows: the reaction happens elsewhere.
      const target = interactiveTarget(el);
      if (
        target &&
        !event.metaKey &&
        !event.ctrlKey &&
        !event.shiftKey &&
        !event.altKey &&
        dead._click(target, now)
      ) {
        startObserving();
        if (deadTimer === undefined) deadTimer = setTimeout(checkDead, DEAD_CLICK_TIMEOUT_MS + 50);
      }
    });

  // Leaving or hiding the page is a reaction too (a link that navigated, a button that opened a tab).
  const signal = client._signal;
  addEventListener('click', onClick, { capture: true, signal });
  addEventListener('pagehide', activity, { signal });
  document.addEventListener('visibilitychange', activity, { signal });
  return stopObserving;
}
