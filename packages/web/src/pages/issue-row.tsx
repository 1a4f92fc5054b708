import type { Issue } from '@closeloop/shared/api/issues';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { COLUMNS, type Column, type ColumnCtx } from '../lib/columns.tsx';

/** One issue of the virtualised list: a grid row with its selection box and the shown columns. */
export function IssueRow({
  issue: i,
  start,
  template,
  before,
  after,
  ctx,
  selected,
  isCursor,
  onToggle,
  onClick,
  onOpen,
}: {
  issue: Issue;
  start: number;
  template: string;
  before: Column[];
  after: Column[];
  ctx: ColumnCtx;
  selected: boolean;
  isCursor: boolean;
  onToggle: () => void;
  onClick: (e: React.MouseEvent) => void;
  onOpen: () => void;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: virtualised row (the list is a role=grid)
    <div
      role="row"
      tabIndex={-1}
      aria-selected={selected}
      className={`row${selected ? ' selected' : ''}${isCursor ? ' cursor' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template }}
      data-key={i.key}
      onClick={onClick}
      onDoubleClick={() => onOpen()}
      // The list's own keys (j/k, x, Enter) work from anywhere; a focused row also opens on Enter.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) onOpen();
      }}
    >
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: the list is a virtualised ARIA grid of positioned divs, where <td> cannot live */}
      <span className="cell" role="gridcell">
        <input
          type="checkbox"
          className="checkbox"
          aria-label={`Select ${i.key}`}
          checked={selected}
          onChange={onToggle}
          onClick={(e) => e.stopPropagation()}
        />
      </span>
      {before.map((c) => (
        // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: a virtualised ARIA grid of positioned divs (no <td>)
        <span key={c.id} className="cell" role="gridcell">
          {c.render(i, ctx)}
        </span>
      ))}
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: the list is a virtualised ARIA grid of positioned divs, where <td> cannot live */}
      <span className="cell title-cell" role="gridcell">
        <Link to={`/issue/${i.key}`}>{i.title}</Link>
      </span>
      {after.map((c) => (
        // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: a virtualised ARIA grid of positioned divs (no <td>)
        <span key={c.id} className="cell" role="gridcell">
          {c.render(i, ctx)}
        </span>
      ))}
    </div>
  );
}

/** The grid template of list rows and the columns before and after the title, for the shown columns. */
export function useRowLayout(columns: string[]) {
  // Phones keep priority, key, title and assignee; the rest would squeeze the title away.
  const narrow = useNarrow();
  const shownCols = COLUMNS.filter(
    (c) => columns.includes(c.id) && (!narrow || ['priority', 'key', 'assignee'].includes(c.id)),
  );
  const template = `20px ${shownCols
    .filter((c) => c.id !== 'assignee')
    .slice(0, 2)
    .map((c) => c.width)
    .join(' ')} minmax(180px, 1fr) ${shownCols
    .filter((c) => c.id !== 'assignee')
    .slice(2)
    .map((c) => c.width)
    .join(' ')} ${shownCols.some((c) => c.id === 'assignee') ? '28px' : ''}`;
  const before = shownCols.filter((c) => c.id !== 'assignee').slice(0, 2);
  const after = [
    ...shownCols.filter((c) => c.id !== 'assignee').slice(2),
    ...shownCols.filter((c) => c.id === 'assignee'),
  ];
  return { template, before, after };
}

function useNarrow() {
  const [narrow, setNarrow] = useState(() => matchMedia('(max-width: 760px)').matches);
  useEffect(() => {
    const m = matchMedia('(max-width: 760px)');
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}

/** The heading row of a group (status, priority, …) in the same virtualised grid as the issue rows. */
export function GroupRow({
  start,
  icon,
  label,
  count,
}: {
  start: number;
  icon?: React.ReactNode;
  label: string;
  count: number;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: virtualised row (the list is a role=grid)
    <div className="group-row" style={{ transform: `translateY(${start}px)` }} role="row" tabIndex={-1}>
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: a virtualised ARIA grid of positioned divs (no <td>) */}
      <span role="gridcell" style={{ display: 'contents' }}>
        {icon}
        {label}
        <span className="count">{count}</span>
      </span>
    </div>
  );
}
