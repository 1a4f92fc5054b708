import type { SlaBadgeValue } from '@closeloop/shared/api/sla';

const TEXT: Record<SlaBadgeValue, string> = {
  breached: 'SLA breached',
  breaching_soon: 'Breaching soon',
  paused: 'SLA paused',
  on_track: 'On track',
  met: 'SLA met',
};

const TONE: Record<SlaBadgeValue, string> = {
  breached: 'danger',
  breaching_soon: 'warning',
  paused: 'muted',
  on_track: 'success',
  met: 'muted',
};

/** Time left until an instant, short ("2 h", "15 min"); past instants read "now". */
export function timeLeft(iso: string, now = Date.now()): string {
  const s = (Date.parse(iso) - now) / 1000;
  if (s <= 0) return 'now';
  if (s < 60) return '< 1 min';
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400 * 2) return `${Math.round(s / 360) / 10} h`;
  return `${Math.round(s / 86_400)} d`;
}

/** An issue's SLA state as a small chip: list rows, board cards and the issue page share it. */
export function SlaBadge({
  sla,
}: {
  sla: { badge: SlaBadgeValue; dueAt: string | null } | null | undefined;
}) {
  if (!sla) return null;
  const due = sla.dueAt && (sla.badge === 'on_track' || sla.badge === 'breaching_soon') ? sla.dueAt : null;
  return (
    <span
      className={`chip sla-badge sla-${TONE[sla.badge]}`}
      data-sla={sla.badge}
      title={due ? `Due ${new Date(due).toLocaleString()}` : TEXT[sla.badge]}
    >
      {TEXT[sla.badge]}
      {due ? ` · ${timeLeft(due)}` : ''}
    </span>
  );
}
