import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { TopBar } from '../components/layout.tsx';
import { Avatar, EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useDirectory } from '../lib/directory.ts';
import './workload.css';
import { TeamOptions } from '../components/directory-options.tsx';

/** One row of GET /teams/:id/workload (or /workload): the assignment engine's own numbers. */
export interface WorkloadItem {
  userId: number;
  name: string;
  email: string | null;
  openIssues: number;
  load: number;
  capacity: number;
  atCapacity: boolean;
  outOfOffice: boolean;
  workingNow: boolean;
  timeZone: string;
  workDays: number[];
  workStart: number;
  workEnd: number;
  outOfOfficePeriods: { from: number; to: number }[];
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const points = (n: number) => String(Math.round(n * 10) / 10);

function hours(i: WorkloadItem) {
  const d = [...i.workDays].sort();
  const contiguous = d.length > 1 && d.every((x, n) => n === 0 || x === d[n - 1]! + 1);
  const days = contiguous
    ? `${DAYS[d[0]! - 1]}–${DAYS[d[d.length - 1]! - 1]}`
    : d.map((x) => DAYS[x - 1]).join(', ');
  return `${days} ${hhmm(i.workStart)}–${hhmm(i.workEnd)} ${i.timeZone}`;
}

/** Out of office beats capacity: the engine skips such a person whatever their load. */
function status(i: WorkloadItem) {
  if (i.outOfOffice) {
    const now = i.outOfOfficePeriods.find((p) => p.from <= Date.now());
    return { tone: 'away', text: now ? `Out of office until ${day(now.to)}` : 'Out of office' };
  }
  if (i.load > i.capacity) return { tone: 'over', text: 'Over capacity' };
  if (i.atCapacity) return { tone: 'over', text: 'At capacity' };
  return { tone: 'ok', text: i.workingNow ? 'Available' : 'Available · outside working hours' };
}

function CapacityBar({ item }: { item: WorkloadItem }) {
  const over = item.load > item.capacity;
  const share = item.capacity > 0 ? item.load / item.capacity : item.load > 0 ? 1 : 0;
  return (
    <div className="workload-bar-cell">
      {/* The bar is a picture of the figures beside it, which screen readers read instead. */}
      <div
        className={`workload-bar${over ? ' over' : item.atCapacity ? ' full' : ''}`}
        aria-hidden="true"
        data-load={item.load}
        data-capacity={item.capacity}
      >
        <span style={{ width: `${Math.min(1, share) * 100}%` }} />
      </div>
      <span className="workload-figures">
        {points(item.load)} / {points(item.capacity)} pts
        {over && <strong> +{points(item.load - item.capacity)} over</strong>}
      </span>
    </div>
  );
}

/**
 * Who has what: each person's open assigned issues weighed as automatic assignment weighs them
 * (priority × estimate), against their capacity, with out of office and working hours. For one
 * team (`?team=id`) or everyone in the workspace who can work on issues.
 */
export function WorkloadPage() {
  const [params, setParams] = useSearchParams();
  const team = params.get('team') ?? '';
  const dir = useDirectory();
  const q = useQuery({
    queryKey: ['workload', team],
    queryFn: () => api<{ items: WorkloadItem[] }>(team ? `/teams/${team}/workload` : '/workload'),
  });
  const teamName = dir.teams.find((t) => String(t.id) === team)?.name;
  return (
    <>
      <TopBar title={`Workload · ${teamName ?? (team ? 'Team' : 'Everyone')}`}>
        <select
          className="select workload-team"
          aria-label="Team"
          value={team}
          onChange={(e) => setParams(e.target.value ? { team: e.target.value } : {})}
        >
          <option value="">Everyone</option>
          <TeamOptions />
        </select>
      </TopBar>
      {q.isLoading && <Spinner label="Loading workload" />}
      {q.error && <ErrorState error={q.error} retry={() => q.refetch()} />}
      {q.data && q.data.items.length === 0 && (
        <EmptyState title="Nobody here yet">Add people to this team in Settings → Teams.</EmptyState>
      )}
      {q.data && q.data.items.length > 0 && (
        <table className="table workload" aria-label="Workload">
          <thead>
            <tr>
              <th>Person</th>
              <th>Load (points)</th>
              <th>Status</th>
              <th>Working hours</th>
              <th>Out of office</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((i) => {
              const s = status(i);
              return (
                <tr key={i.userId} data-person={i.name}>
                  <td>
                    <Avatar name={i.name} /> <strong>{i.name}</strong>
                    <div>
                      {i.email ? (
                        <Link to={`/issues?${new URLSearchParams({ q: `assignee:${i.email} status:open` })}`}>
                          {i.openIssues} open {i.openIssues === 1 ? 'issue' : 'issues'}
                        </Link>
                      ) : (
                        `${i.openIssues} open`
                      )}
                    </div>
                  </td>
                  <td>
                    <CapacityBar item={i} />
                  </td>
                  <td>
                    <span className={`workload-status ${s.tone}`}>{s.text}</span>
                  </td>
                  <td className="muted">{hours(i)}</td>
                  <td className="muted">
                    {i.outOfOfficePeriods.map((p) => `${day(p.from)} → ${day(p.to)}`).join(', ') || '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
