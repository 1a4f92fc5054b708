import { needsLessons } from '@closeloop/core/closure/lessons-policy';
import type { Issue } from '@closeloop/shared/api/issues';
import type { LessonsBody } from '@closeloop/shared/api/lessons';
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
import { type QueryClient, useQueries, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useRegisterActions } from '../actions/registry.tsx';
import { ApiError, errorText } from '../api/client.ts';
import { useMe } from '../api/hooks.ts';
import { useCreateIssue } from '../components/create-issue.tsx';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useAskText } from '../components/prompt-dialog.tsx';
import { QueryBar } from '../components/query-bar.tsx';
import { useAskResolution } from '../components/resolution-dialog.tsx';
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
import { closingChanges, writeLessons } from '../lib/lessons.ts';
import { cachedIssues, localPredicate } from '../lib/local-filter.ts';
import { type Changes, conflictCurrent, describeWriteError, patchIssue, putIssue } from '../lib/mutations.ts';
import { useWorkflow } from '../lib/project-meta.ts';

type Page = { items: Issue[]; nextCursor: string | null };
const WIP_KEY = 'closeloop.wip';
const LANES: Grouping[] = ['none', 'assignee', 'priority', 'team', 'type'];

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const askText = useAskText();
  const qc = useQueryClient();
  const create = useCreateIssue();
  const currentProject = useCurrentProject();
  const { key: projectKey, project } = currentProject;
  const dir = useDirectory();
  const wf = useWorkflow(projectKey ?? undefined);
  const commands = useIssueCommands(wf);
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const lane = (params.get('lanes') ?? 'none') as Grouping;
  const [pinned, setPinned] = useState<Map<string, number>>(new Map());
  const askResolution = useAskResolution();
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
  // Per column: one page at once — 40 cards, or one more than the column's WIP limit so "over
  // the limit" is exact — and further pages of 200 only when that column is scrolled near its
  // end (windowed). Loading all 10,000 cards up front cost seconds of parsing and made the first
  // drag wait behind it (bench/RESULTS.md, web).
  const colInput = (status: string, limit: number) => ({
    q,
    project: projectKey,
    sort: 'priority',
    order: 'desc',
    extra: { status },
    limit,
  });
  const meId = useMe().data?.user.id ?? null;
  const colKey = (status: string) => ['issues', 'board', projectKey, status, q, 'col'];
  const firstQueries = useQueries({
    queries: wf.statuses.map((s) => ({
      queryKey: colKey(s.key),
      enabled: !!projectKey,
      retry: false,
      staleTime: 60_000,
      // A new query shows the cards already loaded that match it at once (lib/local-filter.ts);
      // the server's answer replaces them.
      placeholderData: () => previewColumn(qc, projectKey, s.key, q, meId, resolvers.user),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const page = await fetchIssuePage(
          colInput(s.key, Math.max(40, (wip[s.key] ?? 0) + 1)),
          resolvers,
          null,
          signal,
        );
        return { pages: [page], pageParams: [null as string | null] };
      },
    })),
  });
  const loadingMore = useRef(new Set<string>());
  const loadMore = async (status: string) => {
    const key = colKey(status);
    const data = qc.getQueryData<{ pages: Page[]; pageParams: (string | null)[] }>(key);
    const cursor = data?.pages.at(-1)?.nextCursor;
    if (!cursor || loadingMore.current.has(status)) return;
    loadingMore.current.add(status);
    try {
      const page = await fetchIssuePage(colInput(status, 200), resolvers, cursor);
      qc.setQueryData<{ pages: Page[]; pageParams: (string | null)[] }>(key, (d) =>
        d && d.pages.at(-1)?.nextCursor === cursor
          ? { pages: [...d.pages, page], pageParams: [...d.pageParams, cursor] }
          : d,
      );
    } catch (e) {
      toast(`Could not load more cards: ${errorText(e)}`, 'error');
    } finally {
      loadingMore.current.delete(status);
    }
  };
  const columnQueries = firstQueries;
  const loading = firstQueries.some((c) => c.isLoading);
  const error = columnQueries.find((c) => c.error)?.error;
  const datas = useStableList(columnQueries.map((c) => c.data));

  // Every loaded issue once (freshest version wins), placed by its status; cards moved in this
  // session first in their new column, so a drop is seen where it landed.
  const byStatus = useMemo(() => {
    const latest = new Map<string, Issue>();
    for (const d of datas)
      for (const p of d?.pages ?? [])
        for (const i of p.items) {
          const prev = latest.get(i.key);
          if (!prev || prev.version < i.version) latest.set(i.key, i);
        }
    const out = new Map<string, Issue[]>(wf.statuses.map((s) => [s.key, []]));
    const top = new Map<string, Issue[]>();
    for (const i of latest.values()) {
      if (pinned.has(i.key)) {
        const list = top.get(i.status) ?? [];
        list.push(i);
        top.set(i.status, list);
      } else out.get(i.status)?.push(i);
    }
    for (const [status, list] of top) {
      list.sort((a, b) => (pinned.get(b.key) ?? 0) - (pinned.get(a.key) ?? 0));
      out.set(status, [...list, ...(out.get(status) ?? [])]);
    }
    return out;
  }, [datas, pinned, wf.statuses]);

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

  /**
   * Optimistic move: the card is in its new column in the same frame (the react-query caches are
   * written at once), the PATCH runs in the background, and a refusal (422 workflow, 409 conflict)
   * puts the card back with the server's reason. Moves the workflow forbids are refused locally.
   */
  const drop = async (issue: Issue, to: string) => {
    if (to === issue.status) return;
    if (!wf.allowedFrom(issue.status).includes(to)) {
      const allowedNames = wf.allowedFrom(issue.status).map(wf.nameOf);
      toast(
        `${issue.key} cannot move from ${wf.nameOf(issue.status)} to ${wf.nameOf(to)}: the workflow does not allow it.${allowedNames.length ? ` Allowed from here: ${allowedNames.join(', ')}.` : ''}`,
        'error',
      );
      return;
    }
    const category = wf.categoryOf(to);
    let extra: Changes = {};
    let lessons: LessonsBody | undefined;
    if (category === 'done' || category === 'cancelled') {
      const closing = await askResolution({
        title: `Close ${issue.key} as ${wf.nameOf(to)}`,
        defaultResolution: category === 'done' ? 'fixed' : 'wont_fix',
        lessons: needsLessons(issue),
      });
      if (!closing) return;
      ({ changes: extra, lessons } = closingChanges(closing));
    }
    setPinned((m) => new Map(m).set(issue.key, Date.now()));
    putIssue(qc, { ...issue, ...extra, status: to, statusCategory: category } as Issue);
    try {
      await patchIssue(qc, issue, { status: to, ...extra });
      await writeLessons(issue.key, lessons).catch((e) => toast(errorText(e), 'error'));
    } catch (e) {
      putIssue(qc, conflictCurrent(e) ?? issue);
      // The server's 422 names the issue and the allowed moves; other failures get the context.
      const refused = e instanceof ApiError && e.status === 422;
      toast(
        refused
          ? describeWriteError(e, wf.nameOf)
          : `${issue.key} cannot move to ${wf.nameOf(to)}: ${describeWriteError(e, wf.nameOf)}`,
        'error',
      );
      // Our copy of the workflow may be stale (someone edited it): fetch it again.
      if (refused) void qc.invalidateQueries({ queryKey: ['workflow', projectKey] });
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
    <ul className="board" aria-label={laneKey === '*' ? 'Board columns' : `Lane ${laneKey}`}>
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
            more={!!firstQueries[ci]?.data?.pages.at(-1)?.nextCursor}
            onNearEnd={() => void loadMore(s.key)}
            wip={limit}
            dimmed={!!allowed && dragging?.status !== s.key && !allowed.has(s.key)}
            virtual={!filter && (items.length > 40 || !!firstQueries[ci]?.data?.pages.at(-1)?.nextCursor)}
            dir={dir}
            cursorKey={cur?.key ?? null}
            onWip={async () => {
              const v = await askText({
                title: `WIP limit for ${s.name}`,
                label: 'Most issues in this column (empty for no limit)',
                defaultValue: limit ? String(limit) : '',
                allowEmpty: true,
                validate: (x) =>
                  x === '' || /^\d{1,4}$/.test(x) ? null : 'A whole number, or empty for no limit',
              });
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
    </ul>
  );

  return (
    <>
      <TopBar title={project ? `${project.name} · Board` : 'Board'}>
        <ProjectPicker current={currentProject} />
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
    </li>
  );
}

const Card = memo(function Card({ issue, dir, cursor }: { issue: Issue; dir: Directory; cursor: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: issue.key,
    data: { issue },
    // dnd-kit puts role="button", tabIndex and this description on the card.
    attributes: { roleDescription: 'draggable issue' },
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

/** The same array object while its elements are the same objects (a memo key for query data). */
function useStableList<T>(list: T[]): T[] {
  const ref = useRef(list);
  if (ref.current.length !== list.length || ref.current.some((x, i) => x !== list[i])) ref.current = list;
  return ref.current;
}

/** A column's cards for a new query, from the cards loaded for the board without a query. */
function previewColumn(
  qc: QueryClient,
  project: string | null,
  status: string,
  q: string,
  me: number | null,
  user: (v: string) => number | null,
) {
  if (!q.trim()) return undefined;
  const pred = localPredicate(q, { user, me });
  if (!pred) return undefined;
  const items = cachedIssues(
    qc,
    ['issues', 'board', project, status],
    (k) => k[4] === '' && k[5] === 'col',
  ).filter((i) => i.status === status && pred(i));
  return { pages: [{ items, nextCursor: null }], pageParams: [null] };
}
