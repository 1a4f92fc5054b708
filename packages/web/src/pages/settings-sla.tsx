import type { SlaSettings } from '@closeloop/shared/api/sla';
import type { CustomField } from '@closeloop/shared/api/workflows';
import { PRIORITIES, type Priority } from '@closeloop/shared/issue-fields';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useOptional } from '../api/hooks.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, PRIORITY_LABEL } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useIssueTypes, useWorkflow } from '../lib/project-meta.ts';
import { type TypedTarget, TypedTargets } from './settings-sla-typed.tsx';

type Draft = SlaSettings['calendar'] & {
  enabled: boolean;
  /** Minutes as typed, per priority: '' means no promise. */
  first: Record<Priority, string>;
  resolution: Record<Priority, string>;
  paused: string[];
  warnAt: string;
  raisePriority: boolean;
  notifyLead: boolean;
  reassignToLead: boolean;
  holidayText: string;
  typed: TypedTarget[];
};

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ORDER = [...PRIORITIES].reverse();
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (t: string) => {
  const [h, m] = t.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const blank = () => Object.fromEntries(PRIORITIES.map((p) => [p, ''])) as Record<Priority, string>;

function toDraft(s: SlaSettings): Draft {
  const first = blank();
  const resolution = blank();
  for (const t of s.policy?.targets ?? []) {
    if (t.type !== null || t.field) continue;
    first[t.priority] = t.firstResponseMinutes === null ? '' : String(t.firstResponseMinutes);
    resolution[t.priority] = t.resolutionMinutes === null ? '' : String(t.resolutionMinutes);
  }
  return {
    ...s.calendar,
    enabled: s.policy !== null,
    first,
    resolution,
    paused: [...(s.policy?.pausedStatuses ?? [])],
    warnAt: String(s.policy?.warnAtPercent ?? 75),
    raisePriority: s.policy?.escalation.raisePriority ?? false,
    notifyLead: s.policy?.escalation.notifyLead ?? true,
    reassignToLead: s.policy?.escalation.reassignToLead ?? false,
    holidayText: s.calendar.holidays.join('\n'),
    typed: (s.policy?.targets ?? [])
      .filter((t) => t.type !== null || t.field)
      .map((t) => ({
        type: t.type ?? '',
        field: t.field?.key ?? '',
        value: t.field?.value ?? '',
        priority: t.priority,
        first: t.firstResponseMinutes === null ? '' : String(t.firstResponseMinutes),
        resolution: t.resolutionMinutes === null ? '' : String(t.resolutionMinutes),
      })),
  };
}

function fromDraft(d: Draft): SlaSettings {
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  const targets = ORDER.filter((p) => d.first[p].trim() !== '' || d.resolution[p].trim() !== '').map((p) => ({
    priority: p,
    type: null,
    firstResponseMinutes: num(d.first[p]),
    resolutionMinutes: num(d.resolution[p]),
  }));
  // A row scoped by neither a type nor a field value would repeat the priority's own target.
  const typed = d.typed
    .filter((t) => t.type !== '' || (t.field !== '' && t.value.trim() !== ''))
    .map((t) => ({
      priority: t.priority,
      type: t.type === '' ? null : t.type,
      ...(t.field !== '' && t.value.trim() !== '' ? { field: { key: t.field, value: t.value.trim() } } : {}),
      firstResponseMinutes: num(t.first),
      resolutionMinutes: num(t.resolution),
    }));
  return {
    calendar: {
      timeZone: d.timeZone.trim(),
      aroundTheClock: d.aroundTheClock,
      workDays: [...d.workDays].sort(),
      workStart: d.workStart,
      workEnd: d.workEnd,
      holidays: d.holidayText
        .split(/\s+/)
        .map((s) => s.trim())
        .filter(Boolean),
    },
    policy: d.enabled
      ? {
          targets: [...targets, ...typed],
          pausedStatuses: d.paused,
          warnAtPercent: Number(d.warnAt),
          escalation: {
            raisePriority: d.raisePriority,
            notifyLead: d.notifyLead,
            reassignToLead: d.reassignToLead,
          },
        }
      : null,
  };
}

/**
 * The SLA editor of the current project: its business calendar (time zone, working days and
 * hours, holidays, or around the clock), targets per priority for first response and resolution,
 * statuses that pause the clocks, when to warn and how to escalate a breach.
 */
export function SlaSettingsTab() {
  const { key } = useCurrentProject();
  const qc = useQueryClient();
  const toast = useToast();
  const wf = useWorkflow(key ?? undefined);
  const types = useIssueTypes(key ?? undefined);
  const fields = useOptional<CustomField[]>(['fields', key], `/projects/${key}/fields`, !!key);
  const q = useQuery({
    queryKey: ['sla', key],
    queryFn: () => api<SlaSettings>(`/projects/${key}/sla`),
    enabled: !!key,
  });
  const [d, setD] = useState<Draft | null>(null);
  useEffect(() => {
    if (q.data) setD(toDraft(q.data));
  }, [q.data]);
  if (!key) return <EmptyState title="Pick a project first" />;
  if (!d) return null;
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const save = async () => {
    try {
      await api(`/projects/${key}/sla`, { method: 'PUT', body: fromDraft(d) });
      qc.invalidateQueries({ queryKey: ['sla', key] });
      qc.invalidateQueries({ queryKey: ['issues'] });
      toast(d.enabled ? 'SLA policy saved; clocks follow within seconds' : 'SLAs switched off', 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const target = (p: Priority, which: 'first' | 'resolution') => (
    <input
      className="input"
      type="number"
      min="0"
      step="any"
      inputMode="decimal"
      aria-label={`${PRIORITY_LABEL[p]} ${which === 'first' ? 'first response' : 'resolution'} minutes`}
      value={d[which][p]}
      disabled={!d.enabled}
      onChange={(e) => set({ [which]: { ...d[which], [p]: e.target.value } } as Partial<Draft>)}
    />
  );
  return (
    <section aria-labelledby="sla-title">
      <h2 id="sla-title">SLAs · {key}</h2>
      <label className="radio-row">
        <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
        Track SLAs in this project
      </label>
      <h3>Targets (minutes of business time; empty: no promise)</h3>
      <table className="table" aria-label="SLA targets">
        <thead>
          <tr>
            <th>Priority</th>
            <th>First response</th>
            <th>Resolution</th>
          </tr>
        </thead>
        <tbody>
          {ORDER.map((p) => (
            <tr key={p}>
              <th scope="row">{PRIORITY_LABEL[p]}</th>
              <td>{target(p, 'first')}</td>
              <td>{target(p, 'resolution')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Targets for one issue type or custom field value</h3>
      <p className="faint">
        They win over the priority's target above for the issues they name (a field value over a type, both
        over either).
      </p>
      <TypedTargets
        rows={d.typed}
        enabled={d.enabled}
        types={types}
        fields={fields.data ?? []}
        onChange={(typed) => set({ typed })}
      />
      <p className="faint">
        First response: the first comment or status change by someone other than the reporter. Both clocks
        stand still in the paused statuses and stop when the issue is closed.
      </p>
      <h3>Paused in</h3>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        {wf.statuses.map((s) => (
          <label key={s.key} className="radio-row">
            <input
              type="checkbox"
              checked={d.paused.includes(s.key)}
              disabled={!d.enabled}
              onChange={(e) =>
                set({ paused: e.target.checked ? [...d.paused, s.key] : d.paused.filter((k) => k !== s.key) })
              }
            />{' '}
            {s.name}
          </label>
        ))}
      </div>
      <h3>Warnings and escalation</h3>
      <label className="radio-row">
        Warn at{' '}
        <input
          className="input"
          style={{ width: 72 }}
          type="number"
          min="1"
          max="99"
          aria-label="Warn at percent"
          value={d.warnAt}
          disabled={!d.enabled}
          onChange={(e) => set({ warnAt: e.target.value })}
        />{' '}
        % of the target (shown as “breaching soon”)
      </label>
      {(
        [
          ['raisePriority', 'On a breach, raise the priority one step'],
          ['notifyLead', 'On a breach, tell the lead of the issue’s team'],
          ['reassignToLead', 'On a breach, give the issue to the team lead'],
        ] as const
      ).map(([k, label]) => (
        <label key={k} className="radio-row">
          <input
            type="checkbox"
            checked={d[k]}
            disabled={!d.enabled}
            onChange={(e) => set({ [k]: e.target.checked })}
          />{' '}
          {label}
        </label>
      ))}
      <h3>Business calendar</h3>
      <label className="radio-row">
        <input
          type="checkbox"
          checked={d.aroundTheClock}
          onChange={(e) => set({ aroundTheClock: e.target.checked })}
        />{' '}
        Around the clock (24 × 7, no holidays)
      </label>
      <label className="radio-row">
        Time zone{' '}
        <input
          className="input"
          aria-label="Time zone"
          value={d.timeZone}
          onChange={(e) => set({ timeZone: e.target.value })}
          placeholder="Europe/Berlin"
        />{' '}
        <span className="faint">
          the project’s one zone: also for performance baselines, reports and schedules
        </span>
      </label>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        {DAYS.map((name, n) => (
          <label key={name} className="radio-row">
            <input
              type="checkbox"
              checked={d.workDays.includes(n + 1)}
              disabled={d.aroundTheClock}
              onChange={(e) =>
                set({
                  workDays: e.target.checked ? [...d.workDays, n + 1] : d.workDays.filter((x) => x !== n + 1),
                })
              }
            />{' '}
            {name}
          </label>
        ))}
      </div>
      <label className="radio-row">
        From{' '}
        <input
          className="input"
          type="time"
          aria-label="Working hours start"
          value={hhmm(d.workStart)}
          disabled={d.aroundTheClock}
          onChange={(e) => set({ workStart: minutesOf(e.target.value) })}
        />{' '}
        to{' '}
        <input
          className="input"
          type="time"
          aria-label="Working hours end"
          value={hhmm(d.workEnd)}
          disabled={d.aroundTheClock}
          onChange={(e) => set({ workEnd: minutesOf(e.target.value) })}
        />
      </label>
      <label>
        Holidays (one date per line, like 2026-12-25)
        <textarea
          className="input"
          rows={3}
          aria-label="Holidays"
          value={d.holidayText}
          disabled={d.aroundTheClock}
          onChange={(e) => set({ holidayText: e.target.value })}
        />
      </label>
      <div>
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          Save SLA policy
        </button>
      </div>
    </section>
  );
}
