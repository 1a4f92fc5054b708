import type { Issue } from '@closeloop/shared/api/issues';
import type { LessonsBody } from '@closeloop/shared/api/lessons';
import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { bindActions, familyActions } from '../actions/bind.ts';
import { useRegisterActions } from '../actions/registry.tsx';
import { ApiError, errorText } from '../api/client.ts';
import { useKeyedContextMenu } from '../components/action-menu.tsx';
import { useCreateIssue } from '../components/create-issue.tsx';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { QueryBar } from '../components/query-bar.tsx';
import { useAskResolution } from '../components/resolution-dialog.tsx';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { type ColumnCtx, type Grouping, groupsOf } from '../lib/columns.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { useIssueActions } from '../lib/issue-actions.ts';
import { useIssueCommands } from '../lib/issue-commands.tsx';
import { invalidateIssueCounts } from '../lib/issue-search.ts';
import { closingChanges, lessonsAsked, writeLessons } from '../lib/lessons.ts';
import { type Changes, conflictCurrent, describeWriteError, patchIssue, putIssue } from '../lib/mutations.ts';
import { useWorkflow } from '../lib/project-meta.ts';
import { BoardColumn, CardBody } from './board-column.tsx';
import { useColumnPrefs } from './board-column-prefs.ts';
import { useBoardData } from './board-data.ts';
import { BoardLanes } from './board-lanes.tsx';

/**
 * A column's count: what is loaded when that is all of it, else the server's exact count (the
 * loaded cards are a lower bound while it is on its way, shown with "+").
 */
function columnCount(loaded: number, more: boolean, server: number | undefined) {
  if (!more) return { n: loaded, exact: true };
  return server === undefined ? { n: loaded, exact: false } : { n: Math.max(server, loaded), exact: true };
}

/**
 * The column under the pointer wins; overlap decides only without a pointer (keyboard drags).
 * By overlap alone a card held by its edge landed in the neighbouring column (issue 16).
 */
const underPointer: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};
const LANES: Grouping[] = ['none', 'assignee', 'priority', 'team', 'type'];

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
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
  const prefs = useColumnPrefs(projectKey);
  const wip = prefs.wip;

  const { firstQueries, loadMore, loading, error, byStatus, counts } = useBoardData({
    projectKey,
    q,
    wf,
    dir,
    pinned,
    wip,
  });
  const columnQueries = firstQueries;

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
        lessons: await lessonsAsked(qc, issue),
        projectKey: issue.projectKey,
      });
      if (!closing) return;
      ({ changes: extra, lessons } = closingChanges(closing));
    }
    setPinned((m) => new Map(m).set(issue.key, Date.now()));
    putIssue(qc, { ...issue, ...extra, status: to, statusCategory: category } as Issue);
    try {
      // The record first: an issue the project's lessons rule chooses closes only with it.
      await writeLessons(issue.key, lessons);
      await patchIssue(qc, issue, { status: to, ...extra });
      void invalidateIssueCounts(qc);
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
  // Right-click, Shift+F10 or the menu key on a card: it becomes the board's cursor.
  const cardMenu = useKeyedContextMenu('Issue', (key) => {
    const col = wf.statuses.findIndex((s) => (byStatus.get(s.key) ?? []).some((i) => i.key === key));
    if (col < 0) return 0;
    setCursor({ col, row: colIssues(col).findIndex((i) => i.key === key) });
    return 1;
  });
  const moveBy = (d: number) => {
    const to = wf.statuses[cursor.col + d];
    if (cur && to) void drop(cur, to.key);
  };
  const issueActions = useIssueActions(commands, wf, () => (cur ? [cur] : []));
  useRegisterActions([
    ...bindActions('board', {
      ...issueActions,
      'issue-open': () => cur && navigate(`/issue/${cur.key}`),
      'issue-menu': () => cardMenu.openFor(cur?.key),
      'issue-move-next': () => moveBy(1),
      'issue-move-previous': () => moveBy(-1),
      'board-down': () => moveCursor(0, 1),
      'board-up': () => moveCursor(0, -1),
      'board-left': () => moveCursor(-1, 0),
      'board-right': () => moveCursor(1, 0),
      'board-collapse-quiet': () =>
        prefs.collapseOnly(
          wf.statuses
            .filter((s) => s.category === 'done' || s.category === 'cancelled' || counts.get(s.key) === 0)
            .map((s) => s.key),
        ),
    }),
    ...familyActions(
      'board',
      'swimlanes',
      LANES.map((l) => ({ key: l, label: l, perform: () => setLanes(l) })),
    ),
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
        const more = !!firstQueries[ci]?.data?.pages.at(-1)?.nextCursor;
        const count = columnCount(items.length, more, filter ? undefined : counts.get(s.key));
        return (
          <BoardColumn
            key={s.key}
            id={`${laneKey}|${s.key}`}
            title={s.name}
            category={s.category}
            items={items}
            count={count.n}
            exact={count.exact}
            more={more}
            onNearEnd={() => void loadMore(s.key)}
            wip={limit}
            dimmed={!!allowed && dragging?.status !== s.key && !allowed.has(s.key)}
            virtual={!filter && (items.length > 40 || !!firstQueries[ci]?.data?.pages.at(-1)?.nextCursor)}
            dir={dir}
            cursorKey={cur?.key ?? null}
            onWip={() => void prefs.askWip(s)}
            collapsed={prefs.isCollapsed(s.key)}
            onToggleCollapsed={() => prefs.toggleCollapsed(s.key)}
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
          collisionDetection={underPointer}
          // Scroll only when the pointer is at the very edge: a wide scroll zone carried drags past their column.
          autoScroll={{ threshold: { x: 0.04, y: 0.12 } }}
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
          {/* biome-ignore lint/a11y/noStaticElementInteractions: delegates the cards' context menu (Shift+F10 on a focused card opens it too) */}
          <div style={{ display: 'contents' }} onContextMenu={cardMenu.onContextMenu}>
            {lanes ? (
              <BoardLanes
                lanes={lanes}
                render={(l) =>
                  renderColumns((i) => groupsOf(i, lane, ctx).some((g) => g.key === l.key), l.key)
                }
              />
            ) : (
              <div style={{ display: 'flex', flex: 1, minHeight: 0 }} data-testid="board">
                {renderColumns(null, '*')}
              </div>
            )}
          </div>
          <DragOverlay dropAnimation={null}>
            {dragging ? <CardBody issue={dragging} dir={dir} overlay /> : null}
          </DragOverlay>
        </DndContext>
      )}
      {columnQueries.some((c) => c.error) && <div className="query-error">{errorText(error)}</div>}
    </>
  );
}
