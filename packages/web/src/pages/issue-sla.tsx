import type { Issue } from '@closeloop/shared/api/issues';
import type { IssueSla, SlaClockView } from '@closeloop/shared/api/sla';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { SlaBadge, timeLeft } from '../components/sla-badge.tsx';

const METRIC: Record<SlaClockView['metric'], string> = {
  first_response: 'First response',
  resolution: 'Resolution',
};

const duration = (minutes: number) =>
  minutes < 120 ? `${Math.round(minutes * 10) / 10} min` : `${Math.round(minutes / 6) / 10} h`;

function clockText(c: SlaClockView): string {
  const of = `${duration(c.elapsedMinutes)} of ${duration(c.targetMinutes)}`;
  if (c.state === 'breached')
    return `Breached ${c.breachedAt ? new Date(c.breachedAt).toLocaleString() : ''} · ${of}`;
  if (c.state === 'met') return `Met · ${of}`;
  if (c.state === 'paused') return `Paused · ${of}`;
  return `${c.warning ? 'Breaching soon' : 'Running'} · due in ${c.dueAt ? timeLeft(c.dueAt) : '—'} · ${of}`;
}

/**
 * The issue's SLA clocks (first response, resolution), computed by the server from its history
 * each time they are shown and every 15 s while the page is open; hidden when no SLA applies.
 */
export function IssueSlaPanel({ issue }: { issue: Issue }) {
  const q = useQuery({
    queryKey: ['issue-sla', issue.key, issue.version, issue.sla?.badge ?? null],
    queryFn: () => api<IssueSla>(`/issues/${issue.key}/sla`),
    refetchInterval: 15_000,
  });
  const sla = q.data;
  if (!sla || sla.clocks.length === 0) return null;
  return (
    <section aria-label="SLA" className="issue-sla" style={{ marginTop: 20 }}>
      <div className="section-head">
        <h3>
          SLA {sla.badge && <SlaBadge sla={{ badge: sla.badge, dueAt: null }} />}
          <span className="faint" style={{ fontWeight: 400, fontSize: 12 }}>
            {' '}
            · {sla.aroundTheClock ? 'around the clock' : `business hours, ${sla.timeZone}`}
          </span>
        </h3>
      </div>
      <table className="table" aria-label="SLA clocks">
        <tbody>
          {sla.clocks.map((c) => (
            <tr key={c.metric} data-clock={c.metric} data-state={c.warning ? 'warning' : c.state}>
              <th scope="row">{METRIC[c.metric]}</th>
              <td>{clockText(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
