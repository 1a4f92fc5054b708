import type { Priority, StatusCategory } from '@closeloop/shared/issue-fields';
import type { ReactNode } from 'react';
import { errorText } from '../api/client.ts';

export const Kbd = ({ children }: { children: ReactNode }) => <kbd className="kbd">{children}</kbd>;

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <svg width="40" height="40" viewBox="0 0 24 24" aria-hidden="true" className="state-icon">
        <circle
          cx="12"
          cy="12"
          r="9"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeDasharray="3 3"
        />
      </svg>
      <h3>{title}</h3>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <h3>Something went wrong</h3>
      <p className="muted">{errorText(error)}</p>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export const PRIORITY_LABEL: Record<Priority, string> = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'No priority',
};

export function PriorityIcon({ priority }: { priority: Priority }) {
  if (priority === 'urgent')
    return (
      <svg
        className="prio prio-urgent"
        width="14"
        height="14"
        viewBox="0 0 14 14"
        role="img"
        aria-label="Urgent"
      >
        <rect x="1" y="1" width="12" height="12" rx="3" fill="currentColor" />
        <rect x="6.2" y="3.5" width="1.6" height="4.5" rx=".8" fill="var(--bg)" />
        <rect x="6.2" y="9" width="1.6" height="1.6" rx=".8" fill="var(--bg)" />
      </svg>
    );
  const level = { none: 0, low: 1, medium: 2, high: 3 }[priority];
  return (
    <svg
      className={`prio prio-${priority}`}
      width="14"
      height="14"
      viewBox="0 0 14 14"
      role="img"
      aria-label={PRIORITY_LABEL[priority]}
    >
      {[0, 1, 2].map((i) => (
        <rect
          key={i}
          x={1.5 + i * 4}
          y={9 - i * 3}
          width="3"
          height={4 + i * 3}
          rx="1"
          fill="currentColor"
          opacity={i < level ? 1 : 0.25}
        />
      ))}
    </svg>
  );
}

export function StatusIcon({ category }: { category: StatusCategory | string }) {
  const cls = `status-icon status-${category}`;
  if (category === 'done')
    return (
      <svg className={cls} width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <circle cx="7" cy="7" r="6" fill="currentColor" />
        <path
          d="M4.2 7.2l1.9 1.9 3.7-3.9"
          stroke="var(--bg)"
          strokeWidth="1.6"
          fill="none"
          strokeLinecap="round"
        />
      </svg>
    );
  if (category === 'cancelled')
    return (
      <svg className={cls} width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <circle cx="7" cy="7" r="6" fill="currentColor" />
        <path d="M5 5l4 4M9 5l-4 4" stroke="var(--bg)" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    );
  const fill = category === 'in_progress' ? 'M7 1a6 6 0 0 1 0 12z' : null;
  return (
    <svg className={cls} width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <circle
        cx="7"
        cy="7"
        r="5.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeDasharray={category === 'backlog' ? '2 2' : undefined}
      />
      {fill && <path d={fill} fill="currentColor" />}
    </svg>
  );
}

export function Avatar({ name, size = 20 }: { name: string | null | undefined; size?: number }) {
  if (!name)
    return (
      <span
        className="avatar avatar-none"
        style={{ width: size, height: size }}
        role="img"
        title="Unassigned"
        aria-label="Unassigned"
      >
        <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeDasharray="2.5 2.5" />
        </svg>
      </span>
    );
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .slice(0, 2)
    .join('')
    .toUpperCase();
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 360;
  return (
    <span
      className="avatar"
      title={name}
      style={{ width: size, height: size, fontSize: size * 0.42, background: `hsl(${h} 55% 28%)` }}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}

export function LabelChip({ name, color }: { name: string; color?: string }) {
  return (
    <span className="chip">
      <span className="chip-dot" style={{ background: color ?? 'var(--muted)' }} />
      {name}
    </span>
  );
}
