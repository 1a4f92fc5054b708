import { type ActionId, type ActionIdIn, type ActionSpec, CATALOGUE, type Scope } from './catalogue.ts';

/** A catalogue entry bound to what it does on the page that registers it. */
export type Action = ActionSpec & { id: string; perform: () => void };

/**
 * The catalogue's commands of `scope` that this page can perform, in catalogue order. Only ids the
 * catalogue offers in `scope` compile, so a page cannot invent a command or a shortcut of its own.
 */
export function bindActions<S extends Scope>(
  _scope: S,
  performers: Partial<Record<ActionIdIn<S>, () => void>>,
): Action[] {
  const bound: Action[] = [];
  for (const id of Object.keys(CATALOGUE) as ActionId[]) {
    const perform = (performers as Partial<Record<ActionId, () => void>>)[id];
    if (perform) bound.push({ ...CATALOGUE[id], id, perform });
  }
  return bound;
}

/**
 * One catalogue entry offered once per item (a saved view, a grouping, a project): the palette
 * finds "Open view: Bugs" by the view's name. Ids are `<id>:<item key>`.
 */
export function familyActions<S extends Scope>(
  _scope: S,
  id: ActionIdIn<S>,
  items: { key: string; label: string; perform: () => void }[],
): Action[] {
  const spec: ActionSpec = CATALOGUE[id as ActionId];
  return items.map((item) => ({
    ...spec,
    id: `${id}:${item.key}`,
    title: `${spec.title}: ${item.label}`,
    perform: item.perform,
  }));
}

/** Danger last, the rest in their given order: the order of every list a person chooses from. */
export function dangerLast<T extends { danger?: boolean }>(items: T[]): T[] {
  return [...items].sort((a, b) => Number(!!a.danger) - Number(!!b.danger));
}

/** The preselected choice of a list: its first entry unless that one is destructive (then none, -1). */
export function defaultChoice(items: { danger?: boolean }[]): number {
  return items[0] && !items[0].danger ? 0 : -1;
}

/** The context menu's entries for one issue or a selection of `count`: bulk titles, one-issue commands left out. */
export function menuEntries(actions: Action[], section: string, count: number): Action[] {
  const offered = actions.filter((a) => a.section === section && !a.hidden && (count <= 1 || a.bulk));
  return dangerLast(
    count > 1 ? offered.map((a) => ({ ...a, title: a.bulk!.replace('{n}', String(count)) })) : offered,
  );
}
