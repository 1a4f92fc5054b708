import { useReducer } from 'react';
import { useAskText } from '../components/prompt-dialog.tsx';

const WIP_KEY = 'closeloop.wip';
const collapsedKey = (project: string | null) => `closeloop.board.collapsed.${project ?? ''}`;

function read<T>(key: string): Record<string, T> {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, T>;
  } catch {
    return {};
  }
}

/**
 * What a person chose for the board's columns in this browser: WIP limits, and which columns of a
 * project are collapsed to a narrow strip (a Done column with hundreds of cards, or an unused
 * status, takes no width; it stays a drop target).
 */
export function useColumnPrefs(projectKey: string | null) {
  const askText = useAskText();
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const wip = read<number>(WIP_KEY);
  const collapsed = read<boolean>(collapsedKey(projectKey));
  return {
    wip,
    isCollapsed: (status: string) => collapsed[status] === true,
    toggleCollapsed: (status: string) => {
      const next = { ...collapsed, [status]: !collapsed[status] };
      localStorage.setItem(collapsedKey(projectKey), JSON.stringify(next));
      changed();
    },
    /** Collapses exactly these columns and expands the others. */
    collapseOnly: (statuses: string[]) => {
      localStorage.setItem(
        collapsedKey(projectKey),
        JSON.stringify(Object.fromEntries(statuses.map((k) => [k, true]))),
      );
      changed();
    },
    askWip: async (status: { key: string; name: string }) => {
      const limit = wip[status.key];
      const v = await askText({
        title: `WIP limit for ${status.name}`,
        label: 'Most issues in this column (empty for no limit)',
        defaultValue: limit ? String(limit) : '',
        allowEmpty: true,
        validate: (x) => (x === '' || /^\d{1,4}$/.test(x) ? null : 'A whole number, or empty for no limit'),
      });
      if (v === null) return;
      const next = { ...wip };
      if (Number(v) > 0) next[status.key] = Number(v);
      else delete next[status.key];
      localStorage.setItem(WIP_KEY, JSON.stringify(next));
      changed();
    },
  };
}
