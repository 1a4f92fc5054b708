import type { Issue } from '@closeloop/shared/api/issues';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { bindActions, familyActions } from '../actions/bind.ts';
import { useRegisterActions } from '../actions/registry.tsx';
import { errorText } from '../api/client.ts';
import { useMe } from '../api/hooks.ts';
import { useKeyedContextMenu } from '../components/action-menu.tsx';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { QueryBar } from '../components/query-bar.tsx';
import { KeysOf, ShortcutHints } from '../components/shortcut-keys.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { type ColumnCtx, DEFAULT_COLUMNS, GROUPINGS, type Grouping, groupsOf } from '../lib/columns.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { humanize } from '../lib/format.ts';
import { useIssueActions } from '../lib/issue-actions.ts';
import { useIssueCommands } from '../lib/issue-commands.tsx';
import { queryErrorPosition, useIssueSearch } from '../lib/issue-search.ts';
import { useWorkflow } from '../lib/project-meta.ts';
import { BulkEditBar } from './bulk-edit-bar.tsx';
import { COLS_KEY, IssueDisplayControls } from './issue-display-controls.tsx';
import { GroupRow, IssueRow, useRowLayout } from './issue-row.tsx';
import { SavedViewControls, useSavedViews } from './saved-view-controls.tsx';

type Row =
  | { kind: 'group'; key: string; label: string; icon?: React.ReactNode; count: number }
  | { kind: 'issue'; issue: Issue; n: number };

export function IssuesPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const currentProject = useCurrentProject();
  const { key: projectKey, project } = currentProject;
  const dir = useDirectory();
  const wf = useWorkflow(projectKey ?? undefined);
  const commands = useIssueCommands(wf);
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const group = (params.get('group') ?? 'none') as Grouping;
  const sort = params.get('sort') ?? 'created';
  const order = params.get('order') ?? 'desc';
  const [columns, setColumns] = useState<string[]>(
    () =>
      params.get('cols')?.split(',') ??
      JSON.parse(localStorage.getItem(COLS_KEY) ?? 'null') ??
      DEFAULT_COLUMNS,
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const lastClicked = useRef<number | null>(null);
  const queryInput = useRef<HTMLInputElement>(null);
  const saved = useSavedViews({ q, columns, group, sort, order, projectKey, setColumns });

  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };

  const meId = useMe().data?.user.id ?? null;
  const resolvers = useMemo(
    () => ({
      me: meId,
      statuses: wf.statuses.map((s) => s.key),
      user: (v: string) => {
        const s = v.toLowerCase();
        return (
          dir.members.find(
            (m) => m.email.split('@')[0] === s || m.email === s || m.name.toLowerCase().startsWith(s),
          )?.id ?? null
        );
      },
    }),
    [wf.statuses, dir.members, meId],
  );
  const search = useIssueSearch(
    { q, project: projectKey, sort, order },
    resolvers,
    !!projectKey && dir.members.length > 0,
  );
  const issues = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);

  const ctx: ColumnCtx & { statusOrder: (k: string) => number } = useMemo(
    () => ({
      dir,
      statusName: wf.nameOf,
      statusOrder: (k: string) => wf.statuses.findIndex((s) => s.key === k),
    }),
    [dir, wf],
  );

  const rows: Row[] = useMemo(() => {
    if (group === 'none') return issues.map((issue, n) => ({ kind: 'issue', issue, n }));
    const buckets = new Map<string, { g: ReturnType<typeof groupsOf>[number]; items: Issue[] }>();
    for (const i of issues)
      for (const g of groupsOf(i, group, ctx)) {
        const b = buckets.get(g.key) ?? { g, items: [] };
        b.items.push(i);
        buckets.set(g.key, b);
      }
    const out: Row[] = [];
    let n = 0;
    for (const { g, items } of [...buckets.values()].sort(
      (a, b) => a.g.order - b.g.order || a.g.label.localeCompare(b.g.label),
    )) {
      out.push({ kind: 'group', key: g.key, label: g.label, icon: g.icon, count: items.length });
      for (const issue of items) out.push({ kind: 'issue', issue, n: n++ });
    }
    return out;
  }, [issues, group, ctx]);
  const issueRows = useMemo(
    () => rows.flatMap((r, idx) => (r.kind === 'issue' ? [{ issue: r.issue, idx }] : [])),
    [rows],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length + (search.hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? 34 : 38),
    overscan: 12,
  });
  const vItems = virtual.getVirtualItems();
  const lastVisible = vItems[vItems.length - 1]?.index ?? 0;
  useEffect(() => {
    if (lastVisible >= rows.length - 40 && search.hasNextPage && !search.isFetchingNextPage)
      void search.fetchNextPage();
  }, [lastVisible, rows.length, search.hasNextPage, search.isFetchingNextPage, search.fetchNextPage]);

  const moveCursor = (d: number) => {
    const next = Math.max(0, Math.min(issueRows.length - 1, cursor + d));
    setCursor(next);
    const r = issueRows[next];
    if (r) virtual.scrollToIndex(r.idx, { align: 'auto' });
  };
  const current = issueRows[cursor]?.issue;
  const targets = (): Issue[] =>
    selected.size ? issues.filter((i) => selected.has(i.key)) : current ? [current] : [];
  const toggle = (key: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });

  // Right-click or Shift+F10 on a row: that issue becomes the current one; a selected row keeps
  // the selection, so the menu offers the bulk variants for all of it.
  const rowMenu = useKeyedContextMenu('Issue', (key) => {
    const at = issueRows.findIndex((r) => r.issue.key === key);
    if (at < 0) return 0;
    setCursor(at);
    if (selected.has(key)) return selected.size;
    setSelected(new Set());
    return 1;
  });
  const issueActions = useIssueActions(commands, wf, targets);
  useRegisterActions([
    ...bindActions('list', {
      ...issueActions,
      'issue-open': () => current && navigate(`/issue/${current.key}`),
      'issue-menu': () => rowMenu.openFor(current?.key),
      'list-down': () => moveCursor(1),
      'list-up': () => moveCursor(-1),
      'list-select': () => current && toggle(current.key),
      'list-clear': () => setSelected(new Set()),
      'list-filter': () => queryInput.current?.focus(),
      'view-save': () => void saved.onSave(),
    }),
    ...familyActions(
      'list',
      'group-by',
      GROUPINGS.map((g) => ({ key: g, label: g, perform: () => setParam('group', g === 'none' ? null : g) })),
    ),
    ...familyActions(
      'list',
      'view-open',
      saved.views.map((v) => ({ key: String(v.id), label: v.name, perform: () => saved.openView(v) })),
    ),
    ...familyActions(
      'list',
      'view-delete',
      saved.views.map((v) => ({ key: String(v.id), label: v.name, perform: () => void saved.onDelete(v) })),
    ),
  ]);

  const { template, before, after } = useRowLayout(columns);
  const errPos = search.error ? queryErrorPosition(search.error) : null;
  return (
    <>
      <TopBar title={project ? `${project.name} · Issues` : 'Issues'}>
        <ProjectPicker current={currentProject} />
        <Link className="btn btn-sm" to={`/board?project=${projectKey ?? ''}`}>
          Board
        </Link>
      </TopBar>
      <div className="toolbar">
        <QueryBar
          value={draft}
          onChange={setDraft}
          onSubmit={(v) => setParam('q', v.trim())}
          statuses={wf.statuses}
          inputRef={queryInput}
        />
        <IssueDisplayControls
          group={group}
          sort={sort}
          order={order}
          columns={columns}
          setColumns={setColumns}
          setParam={setParam}
        />
        <SavedViewControls saved={saved} />
      </div>
      {search.error && (
        <div className="query-error" role="alert">
          {errorText(search.error)}
          {errPos !== null && (
            <pre aria-hidden="true">
              {q}
              {'\n'}
              {`${' '.repeat(errPos)}^`}
            </pre>
          )}
        </div>
      )}
      <div className="list-head hide-mobile" style={{ gridTemplateColumns: template }} role="presentation">
        <span />
        {before.map((c) => (
          <span key={c.id}>{c.title === 'Priority' ? '' : c.title}</span>
        ))}
        <span>Title</span>
        {after.map((c) =>
          c.sort ? (
            <button key={c.id} type="button" onClick={() => setParam('sort', c.sort!)}>
              {c.id === 'assignee' ? '' : c.title}
              {sort === c.sort ? (order === 'desc' ? ' ↓' : ' ↑') : ''}
            </button>
          ) : (
            <span key={c.id}>{c.id === 'assignee' ? '' : c.title}</span>
          ),
        )}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a virtualised grid of absolutely positioned rows cannot be a <table> */}
      <div
        className="list-scroll"
        ref={scrollRef}
        role="grid"
        aria-label="Issues"
        aria-rowcount={issues.length}
        data-testid="issue-list"
        onContextMenu={rowMenu.onContextMenu}
      >
        {search.isLoading && <Spinner label="Loading issues" />}
        {!search.isLoading && !search.error && issues.length === 0 && (
          <EmptyState title={q ? 'No issues match this query' : 'No issues yet'}>
            {q ? (
              'Try removing a qualifier.'
            ) : (
              <>
                Press <KeysOf id="create" /> to create the first one.
              </>
            )}
          </EmptyState>
        )}
        {search.error && issues.length === 0 && !errPos && !q && (
          <ErrorState error={search.error} retry={() => search.refetch()} />
        )}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {vItems.map((v) => {
            const r = rows[v.index];
            if (!r)
              return (
                <div
                  key="loader"
                  className="row"
                  style={{
                    transform: `translateY(${v.start}px)`,
                    height: v.size,
                    gridTemplateColumns: '1fr',
                  }}
                >
                  <div className="skeleton" style={{ width: '40%' }} />
                </div>
              );
            if (r.kind === 'group')
              return (
                <GroupRow
                  key={`g-${r.key}`}
                  start={v.start}
                  icon={r.icon}
                  label={r.label || humanize(group)}
                  count={r.count}
                />
              );
            const i = r.issue;
            return (
              <IssueRow
                key={`${i.key}-${v.index}`}
                issue={i}
                start={v.start}
                template={template}
                before={before}
                after={after}
                ctx={ctx}
                selected={selected.has(i.key)}
                isCursor={issueRows[cursor]?.idx === v.index}
                onToggle={() => toggle(i.key)}
                onOpen={() => navigate(`/issue/${i.key}`)}
                onClick={(e) => {
                  setCursor(r.n);
                  if (e.shiftKey && lastClicked.current !== null) {
                    const [a, b] = [Math.min(lastClicked.current, r.n), Math.max(lastClicked.current, r.n)];
                    setSelected((s) => new Set([...s, ...issueRows.slice(a, b + 1).map((x) => x.issue.key)]));
                  }
                  lastClicked.current = r.n;
                }}
              />
            );
          })}
        </div>
      </div>
      <div className="list-foot">
        <span>
          {issues.length.toLocaleString()}
          {search.hasNextPage ? '+' : ''} issues
        </span>
        {search.isFetching && <span>Updating…</span>}
        <span className="hide-mobile" style={{ marginLeft: 'auto' }}>
          <ShortcutHints
            ids={[
              'list-down',
              'list-up',
              'list-select',
              'issue-open',
              'issue-assign',
              'issue-priority',
              'help',
            ]}
          />
        </span>
      </div>
      {selected.size > 0 && <BulkEditBar count={selected.size} onClear={() => setSelected(new Set())} />}
    </>
  );
}
