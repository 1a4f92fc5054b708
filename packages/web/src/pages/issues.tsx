import type { Issue } from '@closeloop/shared/api/issues';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePick, useRegisterActions } from '../actions/registry.tsx';
import { errorText } from '../api/client.ts';
import { useMe } from '../api/hooks.ts';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useAskText } from '../components/prompt-dialog.tsx';
import { QueryBar } from '../components/query-bar.tsx';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import {
  COLUMNS,
  type ColumnCtx,
  DEFAULT_COLUMNS,
  GROUPINGS,
  type Grouping,
  groupsOf,
} from '../lib/columns.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { humanize } from '../lib/format.ts';
import { useIssueCommands } from '../lib/issue-commands.ts';
import { queryErrorPosition, useIssueSearch } from '../lib/issue-search.ts';
import { useWorkflow } from '../lib/project-meta.ts';
import { type SavedView, useDeleteView, useSaveView, useViews } from '../lib/views.ts';

type Row =
  | { kind: 'group'; key: string; label: string; icon?: React.ReactNode; count: number }
  | { kind: 'issue'; issue: Issue; n: number };

const COLS_KEY = 'closeloop.columns';

export function IssuesPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const askText = useAskText();
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
  const [colsOpen, setColsOpen] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const lastClicked = useRef<number | null>(null);
  const queryInput = useRef<HTMLInputElement>(null);
  const views = useViews();
  const saveView = useSaveView();
  const deleteView = useDeleteView();
  const pick = usePick();

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

  useRegisterActions([
    { id: 'list-down', title: 'Next issue', section: 'List', shortcut: 'j', perform: () => moveCursor(1) },
    { id: 'list-up', title: 'Previous issue', section: 'List', shortcut: 'k', perform: () => moveCursor(-1) },
    {
      id: 'list-open',
      title: 'Open issue',
      section: 'List',
      shortcut: 'enter',
      hidden: true,
      perform: () => current && navigate(`/issue/${current.key}`),
    },
    {
      id: 'list-select',
      title: 'Select issue',
      section: 'List',
      shortcut: 'x',
      perform: () => current && toggle(current.key),
    },
    {
      id: 'list-clear',
      title: 'Clear selection',
      section: 'List',
      shortcut: 'escape',
      hidden: true,
      perform: () => setSelected(new Set()),
    },
    {
      id: 'issue-assign',
      title: 'Assign…',
      section: 'Issue',
      shortcut: 'a',
      perform: () => commands.assign(targets()),
    },
    {
      id: 'issue-priority',
      title: 'Set priority…',
      section: 'Issue',
      shortcut: 'p',
      perform: () => commands.prioritize(targets()),
    },
    {
      id: 'issue-status',
      title: 'Change status…',
      section: 'Issue',
      shortcut: 's',
      perform: () => commands.changeStatus(targets()),
    },
    {
      id: 'issue-team',
      title: 'Set team…',
      section: 'Issue',
      shortcut: 't',
      perform: () => commands.assignTeam(targets()),
    },
    {
      id: 'list-filter',
      title: 'Filter issues',
      section: 'List',
      shortcut: '/',
      perform: () => queryInput.current?.focus(),
    },
    ...GROUPINGS.map((g) => ({
      id: `group-${g}`,
      title: `Group by ${g}`,
      section: 'View',
      perform: () => setParam('group', g === 'none' ? null : g),
    })),
    ...(views.data?.views ?? []).map((v) => ({
      id: `view-${v.id}`,
      title: `Open view: ${v.name}`,
      section: 'Views',
      perform: () => openView(v),
    })),
    ...(views.data?.views ?? []).map((v) => ({
      id: `view-delete-${v.id}`,
      title: `Delete view: ${v.name}`,
      section: 'Views',
      perform: () => void onDelete(v),
    })),
  ]);

  const onDelete = async (v: SavedView) => {
    if (!confirm(`Delete the view "${v.name}"?`)) return;
    try {
      await deleteView(v);
      toast(`Deleted view "${v.name}"`, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };

  const openView = (v: SavedView) => {
    const next = new URLSearchParams();
    if (v.query) next.set('q', v.query);
    if (v.display.groupBy && v.display.groupBy !== 'none') next.set('group', v.display.groupBy);
    if (v.display.sort) next.set('sort', v.display.sort);
    if (v.display.order) next.set('order', v.display.order);
    if (v.display.project) next.set('project', v.display.project);
    if (v.display.columns) setColumns(v.display.columns);
    navigate(`${v.display.layout === 'board' ? '/board' : '/issues'}?${next}`);
  };

  const onSave = async () => {
    const name = await askText({
      title: 'Save view',
      label: 'Name',
      placeholder: 'e.g. My open bugs',
      submitLabel: 'Save view',
    });
    if (!name) return;
    try {
      await saveView(
        {
          name,
          query: q,
          display: { columns, groupBy: group, sort, order, layout: 'list', project: projectKey },
        },
        views.data?.server ?? false,
      );
      toast(`Saved view "${name}"`, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };

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
          {['created', 'updated', 'priority', 'due'].flatMap((s) =>
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
        <label className="sr-only" htmlFor="view-select">
          Saved views
        </label>
        <select
          id="view-select"
          className="select-inline"
          value=""
          onChange={(e) => {
            const v = views.data?.views.find((x) => String(x.id) === e.target.value);
            if (v) openView(v);
          }}
        >
          <option value="">Views{views.data?.views.length ? ` (${views.data.views.length})` : ''}</option>
          {(views.data?.views ?? []).map((v) => (
            <option key={v.id} value={String(v.id)}>
              {v.name}
              {v.local ? ' (this browser)' : v.shared ? ' (shared)' : ''}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-sm" onClick={onSave}>
          Save view
        </button>
        {(views.data?.views.length ?? 0) > 0 && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() =>
              pick({
                title: 'Delete a saved view',
                current: '',
                options: (views.data?.views ?? []).map((v) => ({ id: String(v.id), label: v.name })),
                onPick: (id) => {
                  const v = views.data?.views.find((x) => String(x.id) === id);
                  if (v) void onDelete(v);
                },
              })
            }
          >
            Delete view…
          </button>
        )}
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
      >
        {search.isLoading && <Spinner label="Loading issues" />}
        {!search.isLoading && !search.error && issues.length === 0 && (
          <EmptyState title={q ? 'No issues match this query' : 'No issues yet'}>
            {q ? 'Try removing a qualifier.' : 'Press C to create the first one.'}
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
                // biome-ignore lint/a11y/useSemanticElements: virtualised row (see the grid above)
                <div
                  key={`g-${r.key}`}
                  className="group-row"
                  style={{ transform: `translateY(${v.start}px)` }}
                  role="row"
                  tabIndex={-1}
                >
                  {r.icon}
                  {r.label || humanize(group)}
                  <span className="count">{r.count}</span>
                </div>
              );
            const i = r.issue;
            const isCursor = issueRows[cursor]?.idx === v.index;
            return (
              // biome-ignore lint/a11y/useSemanticElements: virtualised row (see the grid above)
              <div
                key={`${i.key}-${v.index}`}
                role="row"
                tabIndex={-1}
                aria-selected={selected.has(i.key)}
                className={`row${selected.has(i.key) ? ' selected' : ''}${isCursor ? ' cursor' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: template }}
                data-key={i.key}
                onClick={(e) => {
                  setCursor(r.n);
                  if (e.shiftKey && lastClicked.current !== null) {
                    const [a, b] = [Math.min(lastClicked.current, r.n), Math.max(lastClicked.current, r.n)];
                    setSelected((s) => new Set([...s, ...issueRows.slice(a, b + 1).map((x) => x.issue.key)]));
                  }
                  lastClicked.current = r.n;
                }}
                onDoubleClick={() => navigate(`/issue/${i.key}`)}
                // The list's own keys (j/k, x, Enter) work from anywhere; a focused row also opens on Enter.
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.target === e.currentTarget) navigate(`/issue/${i.key}`);
                }}
              >
                <span className="cell">
                  <input
                    type="checkbox"
                    className="checkbox"
                    aria-label={`Select ${i.key}`}
                    checked={selected.has(i.key)}
                    onChange={() => toggle(i.key)}
                    onClick={(e) => e.stopPropagation()}
                  />
                </span>
                {before.map((c) => (
                  <span key={c.id} className="cell">
                    {c.render(i, ctx)}
                  </span>
                ))}
                <span className="cell title-cell">
                  <Link to={`/issue/${i.key}`}>{i.title}</Link>
                </span>
                {after.map((c) => (
                  <span key={c.id} className="cell">
                    {c.render(i, ctx)}
                  </span>
                ))}
              </div>
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
          j/k move · x select · Enter open · a assign · p priority · s status · ? all shortcuts
        </span>
      </div>
      {selected.size > 0 && (
        <div className="bulkbar" role="toolbar" aria-label="Bulk edit">
          <strong>{selected.size} selected</strong>
          <button type="button" className="btn btn-sm" onClick={() => commands.changeStatus(targets())}>
            Status
          </button>
          <button type="button" className="btn btn-sm" onClick={() => commands.prioritize(targets())}>
            Priority
          </button>
          <button type="button" className="btn btn-sm" onClick={() => commands.assign(targets())}>
            Assignee
          </button>
          <button type="button" className="btn btn-sm" onClick={() => commands.assignTeam(targets())}>
            Team
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setSelected(new Set())}>
            Clear
          </button>
        </div>
      )}
    </>
  );
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
