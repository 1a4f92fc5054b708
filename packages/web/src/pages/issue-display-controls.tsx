import { ISSUE_SORTS } from '@closeloop/shared/issue-fields';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { COLUMNS, GROUPINGS, type Grouping } from '../lib/columns.tsx';

export const COLS_KEY = 'closeloop.columns';

/** Grouping, sort order and shown columns of the issue list (kept in the URL and this browser). */
export function IssueDisplayControls({
  group,
  sort,
  order,
  columns,
  setColumns,
  setParam,
}: {
  group: Grouping;
  sort: string;
  order: string;
  columns: string[];
  setColumns: (c: string[]) => void;
  setParam: (k: string, v: string | null) => void;
}) {
  const [params, setParams] = useSearchParams();
  const [colsOpen, setColsOpen] = useState(false);
  return (
    <>
      <label className="sr-only" htmlFor="group-select">
        Group by
      </label>
      <select
        id="group-select"
        className="select-inline"
        value={group}
        onChange={(e) => setParam('group', e.target.value === 'none' ? null : e.target.value)}
      >
        {GROUPINGS.map((g) => (
          <option key={g} value={g}>
            {g === 'none' ? 'No grouping' : `Group: ${g}`}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="sort-select">
        Sort
      </label>
      <select
        id="sort-select"
        className="select-inline"
        value={`${sort}-${order}`}
        onChange={(e) => {
          const [s, o] = e.target.value.split('-');
          const next = new URLSearchParams(params);
          next.set('sort', s!);
          next.set('order', o!);
          setParams(next, { replace: true });
        }}
      >
        {ISSUE_SORTS.flatMap((s) =>
          ['desc', 'asc'].map((o) => (
            <option key={`${s}-${o}`} value={`${s}-${o}`}>
              Sort: {s} {o === 'desc' ? '↓' : '↑'}
            </option>
          )),
        )}
      </select>
      <div className="rel">
        <button
          type="button"
          className="btn btn-sm"
          aria-expanded={colsOpen}
          onClick={() => setColsOpen((o) => !o)}
        >
          Columns
        </button>
        {colsOpen && (
          <fieldset
            className="menu"
            style={{ right: 0, top: 32, border: 0 }}
            onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setColsOpen(false)}
          >
            <legend className="sr-only">Columns</legend>
            {COLUMNS.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={columns.includes(c.id)}
                  onChange={(e) => {
                    const next = e.target.checked
                      ? COLUMNS.map((x) => x.id).filter((id) => id === c.id || columns.includes(id))
                      : columns.filter((x) => x !== c.id);
                    setColumns(next);
                    localStorage.setItem(COLS_KEY, JSON.stringify(next));
                  }}
                />
                {c.title}
              </label>
            ))}
          </fieldset>
        )}
      </div>
    </>
  );
}
