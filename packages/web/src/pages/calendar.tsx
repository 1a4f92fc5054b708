import type { Issue } from '@closeloop/shared/api/issues';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { bindActions } from '../actions/bind.ts';
import { useRegisterActions } from '../actions/registry.tsx';
import { useCreateIssue } from '../components/create-issue.tsx';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { isoDay } from '../lib/format.ts';
import { useAllIssues } from '../lib/issue-search.ts';
import { describeWriteError, patchIssue } from '../lib/mutations.ts';

const DOW = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const PRIO_COLOR: Record<string, string> = {
  urgent: 'var(--prio-urgent)',
  high: 'var(--prio-high)',
  medium: 'var(--prio-medium)',
  low: 'var(--prio-low)',
  none: 'var(--faint)',
};

function startOfWeek(d: Date) {
  const x = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  x.setDate(x.getDate() - ((x.getDay() + 6) % 7));
  return x;
}

/** Month and week views of issues by due date; drag an issue to another day to reschedule it. */
export function CalendarPage() {
  const currentProject = useCurrentProject();
  const { key, project } = currentProject;
  const qc = useQueryClient();
  const toast = useToast();
  const create = useCreateIssue();
  const all = useAllIssues(key);
  const [mode, setMode] = useState<'month' | 'week'>('month');
  const [anchor, setAnchor] = useState(() => new Date());
  const [over, setOver] = useState<string | null>(null);
  const issues = all.data?.pages[0]?.items ?? [];
  const byDay = useMemo(() => {
    const m = new Map<string, Issue[]>();
    for (const i of issues) if (i.dueDate) m.set(i.dueDate, [...(m.get(i.dueDate) ?? []), i]);
    return m;
  }, [issues]);
  const days = useMemo(() => {
    const first =
      mode === 'month'
        ? startOfWeek(new Date(anchor.getFullYear(), anchor.getMonth(), 1))
        : startOfWeek(anchor);
    const n = mode === 'month' ? 42 : 7;
    return Array.from(
      { length: n },
      (_, i) => new Date(first.getFullYear(), first.getMonth(), first.getDate() + i),
    );
  }, [anchor, mode]);
  const shift = (dir: number) =>
    setAnchor((a) =>
      mode === 'month'
        ? new Date(a.getFullYear(), a.getMonth() + dir, 1)
        : new Date(a.getFullYear(), a.getMonth(), a.getDate() + 7 * dir),
    );
  useRegisterActions(
    bindActions('calendar', {
      'cal-prev': () => shift(-1),
      'cal-next': () => shift(1),
      'cal-today': () => setAnchor(new Date()),
      'cal-mode': () => setMode((m) => (m === 'month' ? 'week' : 'month')),
    }),
  );
  const reschedule = async (issueKey: string, day: string) => {
    const issue = issues.find((i) => i.key === issueKey);
    if (!issue || issue.dueDate === day) return;
    try {
      await patchIssue(qc, issue, { dueDate: day });
      toast(`${issue.key} due ${day}`, 'success');
    } catch (e) {
      toast(describeWriteError(e), 'error');
    }
    qc.invalidateQueries({ queryKey: ['issues', 'all', key] });
  };
  const today = isoDay(new Date());
  const title = anchor.toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  return (
    <>
      <TopBar title={`${project?.name ?? 'Calendar'} · ${title}`}>
        <ProjectPicker current={currentProject} />
        <fieldset aria-label="Calendar view" className="btn-group" style={{ display: 'flex', gap: 2 }}>
          <button
            type="button"
            className={`btn btn-sm${mode === 'month' ? ' btn-primary' : ''}`}
            aria-pressed={mode === 'month'}
            onClick={() => setMode('month')}
          >
            Month
          </button>
          <button
            type="button"
            className={`btn btn-sm${mode === 'week' ? ' btn-primary' : ''}`}
            aria-pressed={mode === 'week'}
            onClick={() => setMode('week')}
          >
            Week
          </button>
        </fieldset>
        <button type="button" className="btn btn-sm" aria-label="Previous" onClick={() => shift(-1)}>
          ‹
        </button>
        <button type="button" className="btn btn-sm" onClick={() => setAnchor(new Date())}>
          Today
        </button>
        <button type="button" className="btn btn-sm" aria-label="Next" onClick={() => shift(1)}>
          ›
        </button>
      </TopBar>
      {all.isLoading && <Spinner label="Loading calendar" />}
      {all.error && <ErrorState error={all.error} />}
      <div
        className="cal"
        style={{
          gridTemplateRows: `auto repeat(${days.length / 7}, minmax(${mode === 'week' ? 400 : 110}px, 1fr))`,
        }}
        data-testid="calendar"
      >
        {DOW.map((d) => (
          <div key={d} className="cal-dow">
            {d}
          </div>
        ))}
        {days.map((d) => {
          const day = isoDay(d);
          const list = byDay.get(day) ?? [];
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: drop target; keyboard users change due dates on the issue page
            <div
              key={day}
              className={`cal-day${d.getMonth() !== anchor.getMonth() && mode === 'month' ? ' other' : ''}${day === today ? ' today' : ''}${over === day ? ' over' : ''}`}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(day);
              }}
              onDragLeave={() => setOver((o) => (o === day ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                void reschedule(e.dataTransfer.getData('text/plain'), day);
              }}
              onDoubleClick={() => create.open({ project: key ?? undefined, dueDate: day })}
              data-day={day}
            >
              <span className="cal-num">{d.getDate()}</span>
              {list.slice(0, mode === 'week' ? 30 : 4).map((i) => (
                <Link
                  key={i.key}
                  to={`/issue/${i.key}`}
                  className="cal-item"
                  draggable
                  onDragStart={(e) => e.dataTransfer.setData('text/plain', i.key)}
                  style={{
                    borderLeftColor: PRIO_COLOR[i.priority],
                    textDecoration: i.closedAt ? 'line-through' : undefined,
                  }}
                  title={`${i.key} ${i.title}`}
                >
                  {i.key} {i.title}
                </Link>
              ))}
              {list.length > (mode === 'week' ? 30 : 4) && (
                <span className="faint">+{list.length - 4} more</span>
              )}
            </div>
          );
        })}
      </div>
    </>
  );
}
