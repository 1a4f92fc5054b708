import type { AutomationTrigger } from '@closeloop/shared/api/automation';

/** The "When" part of an automation rule in the editor: its choices, its fields and its summary. */

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function triggerText(t: AutomationTrigger): string {
  if (t.type === 'field.changed') return `when ${t.field} changes`;
  if (t.type === 'status.entered') return `when status becomes ${t.status}`;
  if (t.type === 'comment.added') return 'when a comment is added';
  if (t.type === 'sla.warning') return 'when an SLA clock is about to breach';
  if (t.type === 'sla.breached') return 'when an SLA clock breaches';
  if (t.type === 'regression') return 'when a fixed error comes back (regression)';
  if (t.type === 'threshold') return `when an error reaches ${t.count} ${t.metric}`;
  if (t.type === 'schedule') {
    const days = t.days.length === 7 ? 'every day' : t.days.map((d) => WEEKDAYS[d - 1]).join(', ');
    return `${days} at ${t.at} (project time zone)`;
  }
  return 'when an issue is created';
}

export function TriggerChoices() {
  return (
    <>
      <option value="issue.created">an issue is created</option>
      <option value="field.changed">a field changes</option>
      <option value="status.entered">the status becomes</option>
      <option value="comment.added">a comment is added</option>
      <option value="sla.warning">an SLA clock is about to breach</option>
      <option value="sla.breached">an SLA clock breaches</option>
      <option value="regression">a fixed error comes back (regression)</option>
      <option value="threshold">an error reaches a number of events or users</option>
      <option value="schedule">on a schedule</option>
    </>
  );
}

/** The inputs a trigger kind needs, named for `buildTrigger`. */
export function TriggerFields({ kind, initial }: { kind: string; initial?: AutomationTrigger | undefined }) {
  if (kind === 'field.changed' || kind === 'status.entered')
    return (
      <label className="field">
        <span>{kind === 'field.changed' ? 'Field (priority, labels, assigneeUserId…)' : 'Status key'}</span>
        <input
          className="input"
          name="triggerArg"
          required
          defaultValue={
            initial?.type === 'field.changed'
              ? initial.field
              : initial?.type === 'status.entered'
                ? initial.status
                : undefined
          }
        />
      </label>
    );
  const threshold = initial?.type === 'threshold' ? initial : undefined;
  const schedule = initial?.type === 'schedule' ? initial : undefined;
  if (kind === 'threshold')
    return (
      <div style={{ display: 'flex', gap: 8 }}>
        <label className="field">
          <span>Count</span>
          <input
            className="input"
            name="thresholdCount"
            type="number"
            min={1}
            required
            defaultValue={threshold?.count ?? 100}
          />
        </label>
        <label className="field">
          <span>Of</span>
          <select className="input" name="thresholdMetric" defaultValue={threshold?.metric ?? 'events'}>
            <option value="events">events</option>
            <option value="users">affected users</option>
          </select>
        </label>
      </div>
    );
  if (kind === 'schedule')
    return (
      <fieldset className="field">
        <legend>At (the project’s calendar time zone), on</legend>
        <input
          className="input"
          name="scheduleAt"
          type="time"
          required
          defaultValue={schedule?.at ?? '09:00'}
          aria-label="Time"
        />
        {WEEKDAYS.map((d, i) => (
          <label key={d}>
            <input
              type="checkbox"
              name="scheduleDay"
              value={i + 1}
              defaultChecked={schedule ? schedule.days.includes(i + 1) : i < 5}
            />{' '}
            {d}
          </label>
        ))}
      </fieldset>
    );
  return null;
}

export function buildTrigger(kind: string, f: FormData): AutomationTrigger {
  const arg = String(f.get('triggerArg') ?? '');
  if (kind === 'field.changed') return { type: 'field.changed', field: arg };
  if (kind === 'status.entered') return { type: 'status.entered', status: arg };
  if (kind === 'threshold')
    return {
      type: 'threshold',
      metric: f.get('thresholdMetric') === 'users' ? 'users' : 'events',
      count: Number(f.get('thresholdCount')),
    };
  if (kind === 'schedule')
    return {
      type: 'schedule',
      at: String(f.get('scheduleAt') ?? '09:00').slice(0, 5),
      days: f.getAll('scheduleDay').map(Number),
    };
  if (kind === 'comment.added' || kind === 'sla.warning' || kind === 'sla.breached' || kind === 'regression')
    return { type: kind };
  return { type: 'issue.created' };
}
