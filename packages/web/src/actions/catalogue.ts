/**
 * Every command of the web app, defined once: its name, section, shortcut and where it is offered.
 * The palette, the shortcuts, the `?` overlay, the context menu of list rows and board cards, and
 * buttons that name a shortcut all read these entries; pages only bind what a command does on them
 * (`bindActions`). Plain data, so tests can check the whole keyboard map without a browser.
 */

/** Where a command is offered: `app` on every page, the others on that page only. */
export type Scope = 'app' | 'list' | 'board' | 'issue' | 'triage' | 'timeline' | 'calendar';

export type ActionSpec = {
  title: string;
  /** The palette's and the overlay's group; the context menu of an issue lists the `Issue` section. */
  section: string;
  scopes: readonly Scope[];
  /** Notation of keys.ts: `c`, `mod+k`, `shift+f10`, sequences `g i`. */
  shortcut?: string;
  /** Kept out of the palette and the context menu (movement keys, the palette's own toggle). */
  hidden?: boolean;
  /** Destructive or session-ending: listed last and never the preselected choice. */
  danger?: boolean;
  /** The context menu's title for a selection of several issues (`{n}`: how many); none: one issue only. */
  bulk?: string;
  /** The word on a toolbar button (the list's bulk-edit bar). */
  short?: string;
};

const ISSUE_PAGES = ['list', 'board', 'issue'] as const satisfies readonly Scope[];
const WITH_TRIAGE = [...ISSUE_PAGES, 'triage'] as const satisfies readonly Scope[];

export const CATALOGUE = {
  // Everywhere.
  palette: {
    title: 'Open command palette',
    section: 'General',
    scopes: ['app'],
    shortcut: 'mod+k',
    hidden: true,
  },
  help: { title: 'Show keyboard shortcuts', section: 'General', scopes: ['app'], shortcut: '?' },
  create: { title: 'Create issue', section: 'Issues', scopes: ['app'], shortcut: 'c' },
  'go-inbox': { title: 'Go to inbox', section: 'Navigation', scopes: ['app'], shortcut: 'g n' },
  'go-triage': { title: 'Go to triage', section: 'Navigation', scopes: ['app'], shortcut: 'g r' },
  'go-issues': { title: 'Go to issues', section: 'Navigation', scopes: ['app'], shortcut: 'g i' },
  'go-board': { title: 'Go to board', section: 'Navigation', scopes: ['app'], shortcut: 'g b' },
  'go-timeline': { title: 'Go to timeline', section: 'Navigation', scopes: ['app'], shortcut: 'g t' },
  'go-calendar': { title: 'Go to calendar', section: 'Navigation', scopes: ['app'], shortcut: 'g c' },
  'go-settings': { title: 'Go to settings', section: 'Navigation', scopes: ['app'], shortcut: 'g s' },
  'go-tokens': { title: 'Personal API tokens', section: 'Navigation', scopes: ['app'] },
  'project-switch': { title: 'Switch project…', section: 'Navigation', scopes: ['app'], shortcut: 'g p' },
  'theme-toggle': {
    title: 'Toggle dark / light theme',
    section: 'Preferences',
    scopes: ['app'],
    shortcut: 'alt+t',
  },
  'theme-system': { title: 'Use the system theme', section: 'Preferences', scopes: ['app'] },
  'sign-out': { title: 'Sign out', section: 'Account', scopes: ['app'], danger: true },

  // One issue, or the selected ones, wherever issues are shown.
  'issue-open': { title: 'Open issue', section: 'Issue', scopes: ['list', 'board'], shortcut: 'enter' },
  'issue-status': {
    title: 'Change status…',
    section: 'Issue',
    scopes: ISSUE_PAGES,
    shortcut: 's',
    bulk: 'Change status of {n} issues…',
    short: 'Status',
  },
  'issue-priority': {
    title: 'Set priority…',
    section: 'Issue',
    scopes: WITH_TRIAGE,
    shortcut: 'p',
    bulk: 'Set priority of {n} issues…',
    short: 'Priority',
  },
  'issue-assign': {
    title: 'Assign…',
    section: 'Issue',
    scopes: WITH_TRIAGE,
    shortcut: 'a',
    bulk: 'Assign {n} issues…',
    short: 'Assignee',
  },
  'issue-assign-me': {
    title: 'Assign to me',
    section: 'Issue',
    scopes: ISSUE_PAGES,
    shortcut: 'i',
    bulk: 'Assign {n} issues to me',
  },
  'issue-team': {
    title: 'Set team…',
    section: 'Issue',
    scopes: WITH_TRIAGE,
    shortcut: 't',
    bulk: 'Set team of {n} issues…',
    short: 'Team',
  },
  'issue-labels': {
    title: 'Labels…',
    section: 'Issue',
    scopes: ISSUE_PAGES,
    shortcut: 'l',
    bulk: 'Labels of {n} issues…',
    short: 'Labels',
  },
  'issue-move-next': {
    title: 'Move to the next column',
    section: 'Issue',
    scopes: ['board'],
    shortcut: 'shift+arrowright',
  },
  'issue-move-previous': {
    title: 'Move to the previous column',
    section: 'Issue',
    scopes: ['board'],
    shortcut: 'shift+arrowleft',
  },
  'issue-copy-link': {
    title: 'Copy link',
    section: 'Issue',
    scopes: ISSUE_PAGES,
    bulk: 'Copy links to {n} issues',
  },
  'issue-close': { title: 'Close issue…', section: 'Issue', scopes: ISSUE_PAGES, bulk: 'Close {n} issues…' },
  'issue-menu': {
    title: 'Actions of the current issue',
    section: 'Issue',
    scopes: ['list', 'board'],
    shortcut: 'shift+f10',
    hidden: true,
  },

  // The issue page.
  'issue-edit-title': { title: 'Edit title', section: 'Issue', scopes: ['issue'], shortcut: 'e' },
  'issue-edit-desc': { title: 'Edit description', section: 'Issue', scopes: ['issue'], shortcut: 'd' },
  'issue-comment': { title: 'Comment', section: 'Issue', scopes: ['issue'], shortcut: 'r' },
  'issue-back': { title: 'Back to the list', section: 'Issue', scopes: ['issue'], shortcut: 'u' },
  'issue-merge-duplicate': {
    title: 'Merge into the likely duplicate',
    section: 'Issue',
    scopes: ['issue'],
    shortcut: 'm',
  },

  // The issue list.
  'list-down': { title: 'Next issue', section: 'List', scopes: ['list'], shortcut: 'j' },
  'list-up': { title: 'Previous issue', section: 'List', scopes: ['list'], shortcut: 'k' },
  'list-select': { title: 'Select issue', section: 'List', scopes: ['list'], shortcut: 'x' },
  'list-clear': {
    title: 'Clear selection',
    section: 'List',
    scopes: ['list'],
    shortcut: 'escape',
    hidden: true,
  },
  'list-filter': { title: 'Filter issues', section: 'List', scopes: ['list'], shortcut: '/' },
  'group-by': { title: 'Group by', section: 'View', scopes: ['list'] },
  'view-save': { title: 'Save view…', section: 'Views', scopes: ['list'] },
  'view-open': { title: 'Open view', section: 'Views', scopes: ['list'] },
  'view-delete': { title: 'Delete view', section: 'Views', scopes: ['list'], danger: true },

  // The board.
  'board-down': { title: 'Next card', section: 'Board', scopes: ['board'], shortcut: 'j' },
  'board-up': { title: 'Previous card', section: 'Board', scopes: ['board'], shortcut: 'k' },
  'board-left': { title: 'Column to the left', section: 'Board', scopes: ['board'], shortcut: 'arrowleft' },
  'board-right': {
    title: 'Column to the right',
    section: 'Board',
    scopes: ['board'],
    shortcut: 'arrowright',
  },
  'board-collapse-quiet': { title: 'Collapse empty and done columns', section: 'Board', scopes: ['board'] },
  swimlanes: { title: 'Swimlanes', section: 'View', scopes: ['board'] },

  // Triage.
  'triage-down': { title: 'Next in queue', section: 'Triage', scopes: ['triage'], shortcut: 'j' },
  'triage-up': { title: 'Previous in queue', section: 'Triage', scopes: ['triage'], shortcut: 'k' },
  'triage-accept': { title: 'Accept', section: 'Triage', scopes: ['triage'], shortcut: 'y' },
  'triage-snooze': { title: 'Snooze…', section: 'Triage', scopes: ['triage'], shortcut: 's' },
  'triage-proposal': {
    title: 'Use proposed priority',
    section: 'Triage',
    scopes: ['triage'],
    shortcut: 'o',
  },
  'triage-dup': {
    title: 'Merge as duplicate (into the likely original)',
    section: 'Triage',
    scopes: ['triage'],
    shortcut: 'm',
  },
  'triage-decline': {
    title: 'Decline',
    section: 'Triage',
    scopes: ['triage'],
    shortcut: 'shift+backspace',
    danger: true,
  },

  // Timeline and calendar.
  'tl-zoom-in': { title: 'Zoom in', section: 'Timeline', scopes: ['timeline'], shortcut: '=' },
  'tl-zoom-out': { title: 'Zoom out', section: 'Timeline', scopes: ['timeline'], shortcut: '-' },
  'tl-today': { title: 'Scroll to today', section: 'Timeline', scopes: ['timeline'], shortcut: 't' },
  'cal-prev': { title: 'Previous month or week', section: 'Calendar', scopes: ['calendar'], shortcut: 'k' },
  'cal-next': { title: 'Next month or week', section: 'Calendar', scopes: ['calendar'], shortcut: 'j' },
  'cal-today': { title: 'Today', section: 'Calendar', scopes: ['calendar'], shortcut: 't' },
  'cal-mode': { title: 'Switch month / week', section: 'Calendar', scopes: ['calendar'], shortcut: 'w' },
} as const satisfies Record<string, ActionSpec>;

export type ActionId = keyof typeof CATALOGUE;

/** The ids a page of `scope` may bind (the compiler refuses a command outside its scopes). */
export type ActionIdIn<S extends Scope> = {
  [K in ActionId]: S extends (typeof CATALOGUE)[K]['scopes'][number] ? K : never;
}[ActionId];

export const specOf = (id: ActionId): ActionSpec => CATALOGUE[id];

/** Every command on a page of `scope` (the app's own included), in catalogue order. */
export function actionsIn(scope: Scope): { id: ActionId; spec: ActionSpec }[] {
  return (Object.keys(CATALOGUE) as ActionId[])
    .map((id) => ({ id, spec: specOf(id) }))
    .filter(({ spec }) => spec.scopes.includes('app') || spec.scopes.includes(scope));
}
