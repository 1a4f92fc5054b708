import type { Issue } from '@closeloop/shared/api/issues';
import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useRegisterActions } from '../actions/registry.tsx';
import { ApiError, errorText } from '../api/client.ts';
import { useCreateIssue } from '../components/create-issue.tsx';
import { TopBar } from '../components/layout.tsx';
import { QueryBar } from '../components/query-bar.tsx';
import { useToast } from '../components/toasts.tsx';
import {
  Avatar,
  EmptyState,
  ErrorState,
  LabelChip,
  PriorityIcon,
  Spinner,
  StatusIcon,
} from '../components/ui.tsx';
import { type ColumnCtx, type Grouping, groupsOf } from '../lib/columns.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { type Directory, useDirectory } from '../lib/directory.ts';
import { shortDate } from '../lib/format.ts';
import { useIssueCommands } from '../lib/issue-commands.ts';
import { fetchIssuePage } from '../lib/issue-search.ts';
import { describeWriteError } from '../lib/mutations.ts';
import { useWorkflow } from '../lib/project-meta.ts';

type Page = { items: Issue[]; nextCursor: string | null };
const WIP_KEY = 'closeloop.wip';
const LANES: Grouping[] = ['none', 'assignee', 'priority', 'team', 'type'];

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const qc = useQueryClient();
  const create = useCreateIssue();
  const { key: projectKey, project, projects, setProject } = useCurrentProject();
  const dir = useDirectory();
  const wf = useWorkflow(projectKey ?? undefined);
  const commands = useIssueCommands(wf);
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const lane = (params.get('lanes') ?? 'none') as Grouping;
  const [moving, setMoving] = useState<Map<string, string>>(new Map());
  const [dragging, setDragging] = useState<Issue | null>(null);
  const [cursor, setCursor] = useState<{ col: number; row: number }>({ col: 0, row: 0 });
  const wip: Record<string, number> = JSON.parse(localStorage.getItem(WIP_KEY) ?? '{}');

  const resolvers = useMemo(
    () => ({
      statuses: wf.statuses.map((s) => s.key),
      user: (v: string) => dir.members.find((m) => m.email.startsWith(`${v}@`))?.id ?? null,
    }),
    [wf.statuses, dir.members],
  );
  // One query per column, each reading its whole status (500 a page) so WIP counts are exact.
  // Per column: the first 60 cards at once (time to interactive), then the rest of the status in
  // the background, 500 a page, so WIP counts are exact.
  const colInput = (status: string, limit: number) => ({
    q,
    project: projectKey,
    sort: 'priority',
    order: 'desc',
    extra: { status },
    limit,
  });
  const firstQueries = useQueries({
    queries: wf.statuses.map((s) => ({
      queryKey: ['issues', 'board', projectKey, s.key, q, 'first'],
      enabled: !!projectKey,
      retry: false,
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const page = await fetchIssuePage(colInput(s.key, 60), resolvers, null, signal);
        return { pages: [page], pageParams: [null] };
      },
    })),
  });
  const restQueries = useQueries({
    queries: wf.statuses.map((s, i) => {
      const after = firstQueries[i]?.data?.pages[0]?.nextCursor ?? null;
      return {
        queryKey: ['issues', 'board', projectKey, s.key, q, 'rest', after],
        enabled: !!after,
        retry: false,
        queryFn: async ({ signal }: { signal: AbortSignal }) => {
          const pages: Page[] = [];
          let cursorParam: string | null = after;
          while (cursorParam && pages.length < 40) {
            const page = await fetchIssuePage(colInput(s.key, 500), resolvers, cursorParam, signal);
            pages.push(page);
            cursorParam = page.nextCursor;
          }
          return { pages, pageParams: [] };
        },
      };
    }),
  });
  const columnQueries = [...firstQueries, ...restQueries];
  const loading = firstQueries.some((c) => c.isLoading);
  const error = columnQueries.find((c) => c.error)?.error;

  // Every loaded issue once (freshest version wins), placed by its status or the pending move.
  const byStatus = useMemo(() => {
    const latest = new Map<string, Issue>();
    for (const c of columnQueries)
      for (const p of c.data?.pages ?? [])
        for (const i of p.items) {
          const prev = latest.get(i.key);
          if (!prev || prev.version < i.version) latest.set(i.key, i);
        }
    const out = new Map<string, Issue[]>(wf.statuses.map((s) => [s.key, []]));
    for (const i of latest.values()) out.get(moving.get(i.key) ?? i.status)?.push(i);
    return out;
    // biome-ignore lint/correctness/useExhaustiveDependencies: columnQueries is a new array each render; dataUpdatedAt tracks content
  }, [columnQueries.map((c) => c.dataUpdatedAt).join(), moving, wf.statuses]);

  const ctx: ColumnCtx & { statusOrder: (k: string) => number } = useMemo(
    () => ({
      dir,
      statusName: wf.nameOf,
      statusOrder: (k: string) => wf.statuses.findIndex((s) => s.key === k),
    }),
    [dir, wf],
  );
  const lanes = useMemo(() => {
    if (lane === 'none') return null;
    const seen = new Map<string, { key: string; label: string; icon?: React.ReactNode; order: number }>();
    for (const list of byStatus.values())
      for (const i of list) for (const g of groupsOf(i, lane, ctx)) if (!seen.has(g.key)) seen.set(g.key, g);
    return [...seen.values()].sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
  }, [lane, byStatus, ctx]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor),
  );
  const allowed = dragging ? new Set(wf.allowedFrom(dragging.status)) : null;

  const drop = async (issue: Issue, to: string) => {
    if (to === issue.status) return;
    setMoving((m) => new Map(m).set(issue.key, to));
    try {
      const done = await commands.moveTo([issue], to);
      if (!done) throw new Error('cancelled');
    } catch (e) {
      // Snap back: the card returns to its column; the toast says why (422 names the allowed moves).
      // API refusals were already explained by the shared command (422 names the allowed moves).
      if ((e as Error).message !== 'cancelled' && !(e instanceof ApiError))
        toast(`${issue.key} cannot move to ${wf.nameOf(to)}: ${describeWriteError(e, wf.nameOf)}`, 'error');
    } finally {
      setMoving((m) => {
        const n = new Map(m);
        n.delete(issue.key);
        return n;
      });
    }
  };
  const onDragEnd = (e: DragEndEvent) => {
    const issue = dragging;
    setDragging(null);
    const over = e.over?.id;
    if (!issue || typeof over !== 'string') return;
    const [, status] = over.split('|');
    if (status) void drop(issue, status);
  };

  const colIssues = (i: number) => byStatus.get(wf.statuses[i]?.key ?? '') ?? [];
  const cur = colIssues(cursor.col)[cursor.row];
  const moveCursor = (dc: number, dr: number) =>
    setCursor((c) => {
      const col = Math.max(0, Math.min(wf.statuses.length - 1, c.col + dc));
      const n = colIssues(col).length;
      return { col, row: Math.max(0, Math.min(n - 1, dc ? Math.min(c.row, n - 1) : c.row + dr)) };
    });
  useRegisterActions([
    {
      id: 'board-down',
      title: 'Next card',
      section: 'Board',
      shortcut: 'j',
      perform: () => moveCursor(0, 1),
    },
    {
      id: 'board-up',
      title: 'Previous card',
      section: 'Board',
      shortcut: 'k',
      perform: () => moveCursor(0, -1),
    },
    {
      id: 'board-left',
      title: 'Column to the left',
      section: 'Board',
      shortcut: 'h',
      perform: () => moveCursor(-1, 0),
    },
    {
      id: 'board-right',
      title: 'Column to the right',
      section: 'Board',
      shortcut: 'l',
      perform: () => moveCursor(1, 0),
    },
    {
      id: 'board-open',
      title: 'Open card',
      section: 'Board',
      shortcut: 'enter',
      hidden: true,
      perform: () => cur && navigate(`/issue/${cur.key}`),
    },
    {
      id: 'issue-assign',
      title: 'Assign…',
      section: 'Issue',
      shortcut: 'a',
      perform: () => cur && commands.assign([cur]),
    },
    {
      id: 'issue-priority',
      title: 'Set priority…',
      section: 'Issue',
      shortcut: 'p',
      perform: () => cur && commands.prioritize([cur]),
    },
    {
      id: 'issue-status',
      title: 'Change status…',
      section: 'Issue',
      shortcut: 's',
      perform: () => cur && commands.changeStatus([cur]),
    },
    {
      id: 'board-move-right',
      title: 'Move card to the next column',
      section: 'Board',
      shortcut: 'shift+arrowright',
      perform: () => cur && wf.statuses[cursor.col + 1] && void drop(cur, wf.statuses[cursor.col + 1]!.key),
    },
    ...LANES.map((l) => ({
      id: `lanes-${l}`,
      title: l === 'none' ? 'No swimlanes' : `Swimlanes by ${l}`,
      section: 'View',
      perform: () => setLanes(l),
    })),
  ]);
  const setLanes = (l: string) => {
    const next = new URLSearchParams(params);
    if (l === 'none') next.delete('lanes');
    else next.set('lanes', l);
    setParams(next, { replace: true });
  };

  const renderColumns = (filter: ((i: Issue) => boolean) | null, laneKey: string) => (
    <div className="board" role="list" aria-label={laneKey === '*' ? 'Board columns' : `Lane ${laneKey}`}>
      {wf.statuses.map((s, ci) => {
        const all = byStatus.get(s.key) ?? [];
        const items = filter ? all.filter(filter) : all;
        const limit = wip[s.key];
        return (
          <BoardColumn
            key={s.key}
            id={`${laneKey}|${s.key}`}
            title={s.name}
            category={s.category}
            items={items}
            count={items.length}
            more={!!firstQueries[ci]?.data?.pages[0]?.nextCursor && !restQueries[ci]?.data}
            wip={limit}
            dimmed={!!allowed && dragging?.status !== s.key && !allowed.has(s.key)}
            virtual={!filter && items.length > 40}
            dir={dir}
            cursorKey={cur?.key ?? null}
            onWip={() => {
              const v = prompt(`WIP limit for ${s.name} (empty for none)`, limit ? String(limit) : '');
              if (v === null) return;
              const next = { ...wip };
              if (Number(v) > 0) next[s.key] = Number(v);
              else delete next[s.key];
              localStorage.setItem(WIP_KEY, JSON.stringify(next));
              setCursor((c) => ({ ...c }));
            }}
            onAdd={() => create.open({ project: projectKey ?? undefined, status: s.key })}
          />
        );
      })}
    </div>
  );

  return (
    <>
      <TopBar title={project ? `${project.name} · Board` : 'Board'}>
        <label className="sr-only" htmlFor="board-project">
          Project
        </label>
        <select
          id="board-project"
          className="select-inline"
          value={projectKey ?? ''}
          onChange={(e) => setProject(e.target.value)}
        >
          {projects.map((p) => (
            <option key={p.key} value={p.key}>
              {p.key}
            </option>
          ))}
        </select>
        <Link className="btn btn-sm" to={`/issues?project=${projectKey ?? ''}`}>
          List
        </Link>
      </TopBar>
      <div className="toolbar">
        <QueryBar
          value={draft}
          onChange={setDraft}
          statuses={wf.statuses}
          onSubmit={(v) => {
            const next = new URLSearchParams(params);
            if (v.trim()) next.set('q', v.trim());
            else next.delete('q');
            setParams(next, { replace: true });
          }}
        />
        <label className="sr-only" htmlFor="lanes-select">
          Swimlanes
        </label>
        <select
          id="lanes-select"
          className="select-inline"
          value={lane}
          onChange={(e) => setLanes(e.target.value)}
        >
          {LANES.map((l) => (
            <option key={l} value={l}>
              {l === 'none' ? 'No swimlanes' : `Swimlanes: ${l}`}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <ErrorState error={error} />
      ) : loading && !columnQueries.some((c) => c.data) ? (
        <Spinner label="Loading board" />
      ) : wf.statuses.length === 0 ? (
        <EmptyState title="No statuses">This project has no workflow yet.</EmptyState>
      ) : (
        <DndContext
          sensors={sensors}
          onDragStart={(e: DragStartEvent) => setDragging((e.active.data.current as { issue: Issue }).issue)}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
          accessibility={{
            announcements: {
              onDragStart: ({ active }) => `Picked up ${active.id}`,
              onDragOver: ({ over }) =>
                over ? `Over ${String(over.id).split('|')[1]}` : 'Not over a column',
              onDragEnd: ({ active, over }) =>
                over ? `Dropped ${active.id} in ${String(over.id).split('|')[1]}` : `Dropped ${active.id}`,
              onDragCancel: ({ active }) => `Cancelled moving ${active.id}`,
            },
          }}
        >
          {lanes ? (
            <div className="lanes" data-testid="board">
              {lanes.map((l) => (
                <section key={l.key} className="lane" aria-label={l.label}>
                  <h2 className="lane-head">
                    {l.icon}
                    {l.label}
                  </h2>
                  {renderColumns((i) => groupsOf(i, lane, ctx).some((g) => g.key === l.key), l.key)}
                </section>
              ))}
            </div>
          ) : (
            <div style={{ display: 'flex', flex: 1, minHeight: 0 }} data-testid="board">
              {renderColumns(null, '*')}
            </div>
          )}
          <DragOverlay dropAnimation={null}>
            {dragging ? <CardBody issue={dragging} dir={dir} overlay /> : null}
          </DragOverlay>
        </DndContext>
      )}
      {columnQueries.some((c) => c.error) && <div className="query-error">{errorText(error)}</div>}
    </>
  );
}

function BoardColumn(props: {
  id: string;
  title: string;
  category: string;
  items: Issue[];
  count: number;
  more: boolean;
  wip: number | undefined;
  dimmed: boolean;
  virtual: boolean;
  dir: Directory;
  cursorKey: string | null;
  onWip: () => void;
  onAdd: () => void;
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
  return (
    <div
      ref={setNodeRef}
      className={`column${isOver ? ' over' : ''}`}
      style={props.dimmed ? { opacity: 0.45 } : undefined}
      role="listitem"
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
          {props.count}
          {props.more ? '+' : ''}
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
          <div style={{ display: 'grid', gap: 8 }}>
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
    </div>
  );
}

const Card = memo(function Card({ issue, dir, cursor }: { issue: Issue; dir: Directory; cursor: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: issue.key, data: { issue } });
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      aria-roledescription="draggable issue"
      data-key={issue.key}
      style={cursor ? { outline: '2px solid var(--accent)', borderRadius: 8 } : undefined}
    >
      <CardBody issue={issue} dir={dir} dragging={isDragging} />
    </div>
  );
});

function CardBody({
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
      {(issue.labels.length > 0 || issue.dueDate || issue.assigneeTeamId) && (
        <div className="card-meta">
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
