import type { Issue } from '@closeloop/shared/api/issues';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { SlaBadge } from '../components/sla-badge.tsx';
import { Avatar, LabelChip, PriorityIcon, StatusIcon } from '../components/ui.tsx';
import type { Directory } from '../lib/directory.ts';
import { shortDate } from '../lib/format.ts';

/** One status column of the board: a drop target, its count and WIP limit, its cards (windowed when long). */
export function BoardColumn(props: {
  id: string;
  title: string;
  category: string;
  items: Issue[];
  count: number;
  /** False while `count` is only what is loaded of a longer column (shown with "+"). */
  exact: boolean;
  more: boolean;
  wip: number | undefined;
  dimmed: boolean;
  virtual: boolean;
  dir: Directory;
  cursorKey: string | null;
  collapsed: boolean;
  onToggleCollapsed: () => void;
  onWip: () => void;
  onAdd: () => void;
  onNearEnd: () => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: props.id });
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: props.virtual ? props.items.length : 0,
    getScrollElement: () => scrollRef.current,
    // Fixed-height cards in long columns: measuring thousands of cards costs more than it gives.
    estimateSize: () => 104,
    overscan: 6,
  });
  const over = props.wip !== undefined && props.count > props.wip;
  const shown = props.virtual ? null : props.items.slice(0, 50);
  // Windowed loading: the next page of this column when its last rendered card is near the end.
  const lastIndex = v.getVirtualItems().at(-1)?.index ?? -1;
  const { more, onNearEnd, items } = props;
  useEffect(() => {
    if (more && lastIndex >= items.length - 12) onNearEnd();
  }, [more, lastIndex, items.length, onNearEnd]);
  const countText = `${props.count}${props.exact ? '' : '+'}`;
  if (props.collapsed)
    return (
      <li
        ref={setNodeRef}
        className={`column collapsed${isOver ? ' over' : ''}`}
        style={props.dimmed ? { opacity: 0.45 } : undefined}
        aria-label={`${props.title}: ${props.count} issues (collapsed)`}
        data-status={props.id.split('|')[1]}
      >
        <button
          type="button"
          className="btn btn-ghost column-expand"
          aria-label={`Expand ${props.title} (${countText} issues)`}
          title={`Expand ${props.title}`}
          onClick={props.onToggleCollapsed}
        >
          <StatusIcon category={props.category} />
          <span className="column-expand-title">{props.title}</span>
          <span className="muted">{countText}</span>
        </button>
      </li>
    );
  return (
    <li
      ref={setNodeRef}
      className={`column${isOver ? ' over' : ''}`}
      style={props.dimmed ? { opacity: 0.45 } : undefined}
      aria-label={`${props.title}: ${props.count} issues`}
      data-status={props.id.split('|')[1]}
    >
      <div className="column-head">
        <StatusIcon category={props.category} />
        <span>{props.title}</span>
        <button
          type="button"
          className={`btn btn-ghost btn-sm count${over ? ' wip-over' : ''}`}
          title="Set a WIP limit"
          onClick={props.onWip}
          aria-label={`${props.count} issues${props.wip ? ` of WIP limit ${props.wip}` : ''}; set WIP limit`}
        >
          {countText}
          {props.wip ? ` / ${props.wip}` : ''}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm icon-btn"
          style={{ marginLeft: 'auto' }}
          aria-label={`Create issue in ${props.title}`}
          onClick={props.onAdd}
        >
          +
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm icon-btn"
          aria-label={`Collapse ${props.title}`}
          title={`Collapse ${props.title}`}
          onClick={props.onToggleCollapsed}
        >
          ‹
        </button>
      </div>
      <div className="column-body" ref={scrollRef}>
        {props.virtual ? (
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((row) => {
              const issue = props.items[row.index]!;
              return (
                <div
                  key={issue.key}
                  className="vcard"
                  style={{
                    position: 'absolute',
                    top: row.start,
                    left: 0,
                    right: 0,
                    height: 104,
                    paddingBottom: 8,
                  }}
                >
                  <Card issue={issue} dir={props.dir} cursor={props.cursorKey === issue.key} />
                </div>
              );
            })}
          </div>
        ) : (
          <div className="column-cards">
            {shown!.map((issue) => (
              <Card key={issue.key} issue={issue} dir={props.dir} cursor={props.cursorKey === issue.key} />
            ))}
            {props.items.length > 50 && <span className="muted">+{props.items.length - 50} more</span>}
          </div>
        )}
        {props.count === 0 && (
          <div className="muted" style={{ padding: '8px 4px', fontSize: 12 }}>
            No issues
          </div>
        )}
      </div>
    </li>
  );
}

const Card = memo(function Card({ issue, dir, cursor }: { issue: Issue; dir: Directory; cursor: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: issue.key,
    data: { issue },
    // dnd-kit puts role="button", tabIndex and this description on the card.
    // A group, not a button: the card holds a link (axe nested-interactive).
    attributes: { role: 'group', roleDescription: 'draggable issue' },
  });
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      data-key={issue.key}
      style={cursor ? { outline: '2px solid var(--accent)', borderRadius: 8 } : undefined}
    >
      <CardBody issue={issue} dir={dir} dragging={isDragging} />
    </div>
  );
});

/** What a card shows; also the drag preview. */
export function CardBody({
  issue,
  dir,
  dragging,
  overlay,
}: {
  issue: Issue;
  dir: Directory;
  dragging?: boolean;
  overlay?: boolean;
}) {
  return (
    <article className={`card${dragging ? ' dragging' : ''}${overlay ? ' overlay' : ''}`}>
      <div className="card-top">
        <PriorityIcon priority={issue.priority} />
        <Link to={`/issue/${issue.key}`} className="key" onPointerDown={(e) => e.stopPropagation()}>
          {issue.key}
        </Link>
        <span style={{ marginLeft: 'auto' }}>
          <Avatar name={dir.userName(issue.assigneeUserId)} size={18} />
        </span>
      </div>
      <div className="card-title">{issue.title}</div>
      {(issue.labels.length > 0 || issue.dueDate || issue.assigneeTeamId || issue.sla) && (
        <div className="card-meta">
          <SlaBadge sla={issue.sla} />
          {issue.assigneeTeamId && <span className="chip">{dir.teamName(issue.assigneeTeamId)}</span>}
          {issue.labels.slice(0, 2).map((l) => (
            <LabelChip key={l} name={l} color={dir.labelColor(l)} />
          ))}
          {issue.dueDate && <span className="due">Due {shortDate(issue.dueDate)}</span>}
        </div>
      )}
    </article>
  );
}
