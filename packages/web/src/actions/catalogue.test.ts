import { describe, expect, it } from 'vitest';
import { commandEntries } from '../components/palette-entries.ts';
import { type Action, bindActions, dangerLast, defaultChoice, familyActions, menuEntries } from './bind.ts';
import { type ActionId, actionsIn, CATALOGUE, type Scope } from './catalogue.ts';
import { chordOf } from './keys.ts';

const SCOPES: Scope[] = ['app', 'list', 'board', 'issue', 'triage', 'timeline', 'calendar'];
const noop = () => {};
/** Every catalogue command of a page, bound to nothing: what the registry holds there. */
const boundIn = (scope: Scope): Action[] =>
  actionsIn(scope).map(({ id, spec }) => ({ ...spec, id, perform: noop }));

describe('the action catalogue', () => {
  it.each(SCOPES)('gives no two commands on the %s page the same shortcut', (scope) => {
    const owners = new Map<string, string[]>();
    for (const { id, spec } of actionsIn(scope))
      if (spec.shortcut) owners.set(spec.shortcut, [...(owners.get(spec.shortcut) ?? []), id]);
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it.each(SCOPES)('on the %s page, no single key shadows the start of a sequence (g before g i)', (scope) => {
    const shortcuts = actionsIn(scope).flatMap(({ spec }) => (spec.shortcut ? [spec.shortcut] : []));
    const firsts = new Set(shortcuts.filter((s) => s.includes(' ')).map((s) => s.split(' ')[0]));
    expect(shortcuts.filter((s) => firsts.has(s))).toEqual([]);
  });

  it('writes every shortcut in the notation the key handler produces', () => {
    const chord =
      /^(mod\+)?(alt\+)?(shift\+)?([a-z0-9?=/-]|enter|escape|backspace|arrow(left|right|up|down)|f10)$/;
    for (const spec of Object.values(CATALOGUE) as { shortcut?: string }[])
      for (const part of spec.shortcut?.split(' ') ?? []) expect(part).toMatch(chord);
  });

  it('offers a bulk variant only with a count in its title', () => {
    for (const [id, spec] of Object.entries(CATALOGUE) as [ActionId, { bulk?: string; section: string }][])
      if (spec.bulk) expect({ id, bulk: spec.bulk }).toEqual({ id, bulk: expect.stringContaining('{n}') });
  });

  it('reads the context-menu key as Shift+F10, and shifted symbols by their character', () => {
    const key = (k: Partial<KeyboardEvent>) =>
      chordOf({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...k } as KeyboardEvent);
    expect(key({ key: 'ContextMenu' })).toBe('shift+f10');
    expect(key({ key: 'F10', shiftKey: true })).toBe('shift+f10');
    expect(key({ key: '?', shiftKey: true })).toBe('?');
    expect(key({ key: 'ArrowRight', shiftKey: true })).toBe('shift+arrowright');
  });
});

describe('choosing from a list of commands', () => {
  it('never preselects Sign out: the palette lists it last, whatever is typed', () => {
    const actions = boundIn('list');
    for (const q of ['', 's', 'sign', 'out', 'sign out', 'account']) {
      const entries = commandEntries(actions, [], q, noop);
      const chosen = entries[defaultChoice(entries)];
      expect({ q, chosen: chosen?.danger ?? false }).toEqual({ q, chosen: false });
      const signOut = entries.findIndex((e) => e.id === 'sign-out');
      if (signOut >= 0) expect(entries.slice(signOut).every((e) => e.danger)).toBe(true);
    }
    expect(commandEntries(actions, [], '', noop)[0]?.id).not.toBe('sign-out');
  });

  it('preselects nothing when only destructive commands are left', () => {
    expect(defaultChoice(dangerLast([{ danger: true }, { danger: true }]))).toBe(-1);
    expect(defaultChoice(dangerLast([{ danger: true }, {}]))).toBe(0);
  });

  it('puts destructive commands of a menu last (deleting a view after opening one)', () => {
    const views = [
      ...familyActions('list', 'view-delete', [{ key: '1', label: 'Bugs', perform: noop }]),
      ...familyActions('list', 'view-open', [{ key: '1', label: 'Bugs', perform: noop }]),
    ];
    expect(menuEntries(views, 'Views', 1).map((a) => a.title)).toEqual([
      'Open view: Bugs',
      'Delete view: Bugs',
    ]);
  });

  it('offers a selection of several issues only the bulk variants, titled with the count', () => {
    const one = menuEntries(boundIn('list'), 'Issue', 1).map((a) => a.title);
    expect(one).toContain('Open issue');
    expect(one).toContain('Set priority…');
    const three = menuEntries(boundIn('list'), 'Issue', 3).map((a) => a.title);
    expect(three).not.toContain('Open issue');
    expect(three).toContain('Set priority of 3 issues…');
    expect(three.every((t) => /\b3 (issues|links)\b/.test(t))).toBe(true);
  });

  it('leaves the keyboard-only opener of the menu out of the menu', () => {
    expect(menuEntries(boundIn('board'), 'Issue', 1).map((a) => a.id)).not.toContain('issue-menu');
  });
});

describe('binding commands to a page', () => {
  it('keeps the catalogue order and only what the page can do', () => {
    const bound = bindActions('board', { 'board-right': noop, 'issue-priority': noop, 'issue-open': noop });
    expect(bound.map((a) => a.id)).toEqual(['issue-open', 'issue-priority', 'board-right']);
    expect(bound[1]).toMatchObject({ title: 'Set priority…', shortcut: 'p', section: 'Issue' });
  });

  it('names each member of a family after its item', () => {
    const lanes = familyActions('board', 'swimlanes', [{ key: 'team', label: 'team', perform: noop }]);
    expect(lanes).toMatchObject([{ id: 'swimlanes:team', title: 'Swimlanes: team', section: 'View' }]);
  });
});
