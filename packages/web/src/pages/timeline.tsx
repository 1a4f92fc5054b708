import type { Issue } from '@closeloop/shared/api/issues';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { bindActions } from '../actions/bind.ts';
import { useRegisterActions } from '../actions/registry.tsx';
import { itemsOf, useOptional } from '../api/hooks.ts';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, PriorityIcon, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { isoDay } from '../lib/format.ts';
import { useAllIssues } from '../lib/issue-search.ts';
import { describeWriteError, patchIssue } from '../lib/mutations.ts';

const DAY = 86_400_000;
const LABEL_W = 260;
const ROW_H = 32;
const parse = (d: string) => new Date(`${d}T00:00:00`).getTime();
const addDays = (d: string, n: number) => isoDay(new Date(parse(d) + n * DAY));

type Milestone = { id: number; name: string; targetDate?: string | null; dueDate?: string | null };
type Link_ = { type: string; from?: string; to?: string; sourceKey?: string; targetKey?: string };

/**
 * Issues with start/due dates as bars on a zoomable day axis, milestones as markers, "blocks"
 * links as arrows (when the server lists links); drag a bar to move it, its ends to resize.
 */
export function TimelinePage() {
  const currentProject = useCurrentProject();
  const { key, project } = currentProject;
  const qc = useQueryClient();
  const toast = useToast();
  const all = useAllIssues(key);
  const milestones = useOptional<Milestone[] | { items: Milestone[] }>(
    ['milestones', key],
    `/projects/${key}/milestones`,
    !!key,
  );
  const links = useOptional<Link_[] | { items: Link_[] }>(
    ['links', 'project', key],
    `/projects/${key}/links?type=blocks`,
    !!key,
  );
  const [dayW, setDayW] = useState(24);
  const [drag, setDrag] = useState<{
    key: string;
    mode: 'move' | 'start' | 'end';
    x0: number;
    dx: number;
  } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(
    () =>
      (all.data?.pages[0]?.items ?? [])
        .filter((i) => i.startDate || i.dueDate)
        .map((i) => {
          const start = i.startDate ?? addDays(i.dueDate!, -2);
          const end = i.dueDate ?? addDays(i.startDate!, 2);
          // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers (string order is date order)
          return { issue: i, start, end: end < start ? start : end };
        })
        .sort((a, b) => a.start.localeCompare(b.start)),
    [all.data],
  );
  const origin = useMemo(() => {
    const min = rows.reduce((m, r) => Math.min(m, parse(r.start)), Date.now());
    return min - 14 * DAY;
  }, [rows]);
  const spanDays = useMemo(() => {
    const max = rows.reduce((m, r) => Math.max(m, parse(r.end)), Date.now());
    return Math.ceil((max - origin) / DAY) + 60;
  }, [rows, origin]);
  const x = (d: string) => LABEL_W + ((parse(d) - origin) / DAY) * dayW;
  const zoom = (f: number) => setDayW((w) => Math.max(3, Math.min(80, Math.round(w * f))));
  useRegisterActions(
    bindActions('timeline', {
      'tl-zoom-in': () => zoom(1.5),
      'tl-zoom-out': () => zoom(1 / 1.5),
      'tl-today': () => scroller.current?.scrollTo({ left: x(isoDay(new Date())) - 400, behavior: 'smooth' }),
    }),
  );

  const commit = async (issue: Issue, start: string, end: string) => {
    try {
      await patchIssue(qc, issue, { startDate: start, dueDate: end });
      toast(`${issue.key}: ${start} → ${end}`, 'success');
    } catch (e) {
      toast(describeWriteError(e), 'error');
    }
    qc.invalidateQueries({ queryKey: ['issues', 'all', key] });
  };

  const ticks: { left: number; label: string }[] = [];
  for (let d = 0; d < spanDays; d++) {
    const date = new Date(origin + d * DAY);
    const step = dayW >= 18 ? date.getDay() === 1 : date.getDate() === 1;
    if (step)
      ticks.push({
        left: LABEL_W + d * dayW,
        label: date.toLocaleDateString(undefined, {
          month: 'short',
          day: dayW >= 18 ? 'numeric' : undefined,
        }),
      });
  }
  const rowIndex = new Map(rows.map((r, i) => [r.issue.key, i]));
  const arrows = itemsOf(links.data)
    .filter((l) => l.type === 'blocks')
    .map((l) => ({ from: l.from ?? l.sourceKey ?? '', to: l.to ?? l.targetKey ?? '' }))
    .filter((l) => rowIndex.has(l.from) && rowIndex.has(l.to));

  return (
    <>
      <TopBar title={`${project?.name ?? 'Timeline'} · Timeline`}>
        <ProjectPicker current={currentProject} />
        <button type="button" className="btn btn-sm" aria-label="Zoom out" onClick={() => zoom(1 / 1.5)}>
          −
        </button>
        <button type="button" className="btn btn-sm" aria-label="Zoom in" onClick={() => zoom(1.5)}>
          +
        </button>
      </TopBar>
      {all.isLoading && <Spinner label="Loading timeline" />}
      {all.error && <ErrorState error={all.error} />}
      {all.data && rows.length === 0 && (
        <EmptyState title="Nothing scheduled">Give issues a start or due date to see them here.</EmptyState>
      )}
      {rows.length > 0 && (
        <div
          className="tl"
          ref={scroller}
          data-testid="timeline"
          onWheel={(e) => {
            if (e.ctrlKey) {
              e.preventDefault();
              zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2);
            }
          }}
          onPointerMove={(e) => drag && setDrag({ ...drag, dx: e.clientX - drag.x0 })}
          onPointerUp={() => {
            if (!drag) return;
            const r = rows.find((x) => x.issue.key === drag.key);
            const days = Math.round(drag.dx / dayW);
            setDrag(null);
            if (!r || days === 0) return;
            const s = drag.mode === 'end' ? r.start : addDays(r.start, days);
            const en = drag.mode === 'start' ? r.end : addDays(r.end, days);
            // biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers
            void commit(r.issue, s <= en ? s : en, en >= s ? en : s);
          }}
        >
          <div
            style={{
              width: LABEL_W + spanDays * dayW,
              height: 34 + rows.length * ROW_H,
              position: 'relative',
            }}
          >
            <div className="tl-axis" style={{ width: LABEL_W + spanDays * dayW }}>
              {ticks.map((t) => (
                <span key={t.left} className="tl-tick" style={{ left: t.left }}>
                  {t.label}
                </span>
              ))}
            </div>
            <div className="tl-today" style={{ left: x(isoDay(new Date())) }} aria-hidden="true" />
            {itemsOf(milestones.data).map((m) => {
              const d = m.targetDate ?? m.dueDate;
              return d ? (
                <div key={m.id} className="tl-milestone" style={{ left: x(d) }}>
                  <span>◆ {m.name}</span>
                </div>
              ) : null;
            })}
            <svg
              width={LABEL_W + spanDays * dayW}
              height={34 + rows.length * ROW_H}
              style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', zIndex: 1 }}
              aria-hidden="true"
            >
              <defs>
                <marker id="arrow" markerWidth="8" markerHeight="8" refX="6" refY="4" orient="auto">
                  <path d="M0 0L8 4L0 8z" fill="var(--danger)" />
                </marker>
              </defs>
              {arrows.map((a) => {
                const fr = rows[rowIndex.get(a.from)!]!;
                const to = rows[rowIndex.get(a.to)!]!;
                const x1 = x(fr.end) + dayW;
                const y1 = 34 + rowIndex.get(a.from)! * ROW_H + 16;
                const x2 = x(to.start);
                const y2 = 34 + rowIndex.get(a.to)! * ROW_H + 16;
                return (
                  <path
                    key={`${a.from}-${a.to}`}
                    d={`M${x1} ${y1} C${x1 + 20} ${y1}, ${x2 - 20} ${y2}, ${x2} ${y2}`}
                    stroke="var(--danger)"
                    fill="none"
                    markerEnd="url(#arrow)"
                  />
                );
              })}
            </svg>
            {rows.map((r, i) => {
              const d = drag?.key === r.issue.key ? Math.round(drag.dx / dayW) : 0;
              const s = drag?.key === r.issue.key && drag.mode !== 'end' ? addDays(r.start, d) : r.start;
              const e = drag?.key === r.issue.key && drag.mode !== 'start' ? addDays(r.end, d) : r.end;
              const left = x(s);
              const width = Math.max(dayW, x(e) + dayW - left);
              const down = (mode: 'move' | 'start' | 'end') => (ev: React.PointerEvent) => {
                ev.stopPropagation();
                ev.preventDefault();
                setDrag({ key: r.issue.key, mode, x0: ev.clientX, dx: 0 });
              };
              return (
                <div
                  key={r.issue.key}
                  className="tl-row"
                  style={{ top: 34 + i * ROW_H, height: ROW_H, width: LABEL_W + spanDays * dayW }}
                >
                  <div className="tl-label">
                    <PriorityIcon priority={r.issue.priority} />
                    <Link to={`/issue/${r.issue.key}`}>
                      <span className="key">{r.issue.key}</span> {r.issue.title}
                    </Link>
                  </div>
                  <div
                    className={`tl-bar${r.issue.closedAt ? ' closed' : ''}`}
                    style={{ left, width }}
                    title={`${r.issue.key}: ${s} → ${e}`}
                    onPointerDown={down('move')}
                    data-key={r.issue.key}
                  >
                    <span className="handle" style={{ left: 0 }} onPointerDown={down('start')} />
                    {r.issue.title}
                    <span className="handle" style={{ right: 0 }} onPointerDown={down('end')} />
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </>
  );
}
