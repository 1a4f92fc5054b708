import type { Issue } from '@closeloop/shared/api/issues';
import type { ReactNode } from 'react';
import { SlaBadge } from '../components/sla-badge.tsx';
import { Sparkline } from '../components/sparkline.tsx';
import { Avatar, LabelChip, PRIORITY_LABEL, PriorityIcon, StatusIcon } from '../components/ui.tsx';
import type { Directory } from './directory.ts';
import { formatMetric, humanize, minutes, relativeTime, shortDate } from './format.ts';

export type ColumnCtx = { dir: Directory; statusName: (k: string) => string };
export type Column = {
  id: string;
  title: string;
  width: string;
  render: (i: Issue, c: ColumnCtx) => ReactNode;
  sort?: string;
};

/** Columns a user can show in the list; `title` is always on. */
export const COLUMNS: Column[] = [
  {
    id: 'priority',
    title: 'Priority',
    width: '28px',
    sort: 'priority',
    render: (i) => <PriorityIcon priority={i.priority} />,
  },
  { id: 'key', title: 'Key', width: '78px', render: (i) => <span className="key">{i.key}</span> },
  {
    id: 'status',
    title: 'Status',
    width: '120px',
    render: (i, c) => (
      <>
        <StatusIcon category={i.statusCategory} />
        <span>{c.statusName(i.status)}</span>
      </>
    ),
  },
  {
    id: 'sla',
    title: 'SLA',
    width: '150px',
    render: (i) => <SlaBadge sla={i.sla} />,
  },
  {
    id: 'type',
    title: 'Type',
    width: '80px',
    render: (i) => <span className="muted">{humanize(i.type)}</span>,
  },
  {
    id: 'labels',
    title: 'Labels',
    width: '180px',
    render: (i, c) =>
      i.labels.slice(0, 3).map((l) => <LabelChip key={l} name={l} color={c.dir.labelColor(l)} />),
  },
  {
    id: 'team',
    title: 'Team',
    width: '130px',
    render: (i, c) => <span className="muted">{c.dir.teamName(i.assigneeTeamId) ?? ''}</span>,
  },
  {
    id: 'due',
    title: 'Due',
    width: '72px',
    sort: 'due',
    render: (i) => <span className="muted">{shortDate(i.dueDate)}</span>,
  },
  {
    id: 'estimate',
    title: 'Estimate',
    width: '64px',
    render: (i) => <span className="muted">{minutes(i.estimateMinutes)}</span>,
  },
  {
    id: 'updated',
    title: 'Updated',
    width: '84px',
    sort: 'updated',
    render: (i) => <span className="muted">{relativeTime(i.updatedAt)}</span>,
  },
  {
    id: 'created',
    title: 'Created',
    width: '72px',
    sort: 'created',
    render: (i) => <span className="muted">{shortDate(i.createdAt)}</span>,
  },
  // Impact of machine-found issues (empty for manual ones); sorts run on the server.
  {
    id: 'events',
    title: 'Events',
    width: '64px',
    sort: 'events',
    render: (i) => <span className="num">{i.impact?.events ?? ''}</span>,
  },
  {
    id: 'users',
    title: 'Users',
    width: '56px',
    sort: 'users',
    render: (i) => <span className="num">{i.impact?.users ?? ''}</span>,
  },
  {
    id: 'sessions',
    title: 'Sessions',
    width: '64px',
    sort: 'sessions',
    render: (i) => <span className="num">{i.impact?.sessions ?? ''}</span>,
  },
  {
    id: 'firstseen',
    title: 'First seen',
    width: '84px',
    sort: 'firstseen',
    render: (i) => <span className="muted">{i.impact ? relativeTime(i.impact.firstSeen) : ''}</span>,
  },
  {
    id: 'lastseen',
    title: 'Last seen',
    width: '84px',
    sort: 'lastseen',
    render: (i) => <span className="muted">{i.impact ? relativeTime(i.impact.lastSeen) : ''}</span>,
  },
  {
    id: 'trend',
    title: 'Trend (24 h)',
    width: '72px',
    render: (i) => (i.impact ? <Sparkline values={i.impact.trend} /> : null),
  },
  {
    id: 'p75',
    title: 'p75',
    width: '110px',
    render: (i) =>
      i.impact?.performance ? (
        <span className="muted" title={i.impact.performance.target}>
          {i.impact.performance.metric} {formatMetric(i.impact.performance.metric, i.impact.performance.p75)}
        </span>
      ) : null,
  },
  {
    id: 'assignee',
    title: 'Assignee',
    width: '28px',
    render: (i, c) => <Avatar name={c.dir.userName(i.assigneeUserId)} />,
  },
];

export const DEFAULT_COLUMNS = ['priority', 'key', 'status', 'sla', 'labels', 'team', 'due', 'assignee'];

export const GROUPINGS = ['none', 'status', 'assignee', 'priority', 'team', 'label', 'type'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export type Group = { key: string; label: string; icon?: ReactNode; order: number };

const PRIO_ORDER = ['urgent', 'high', 'medium', 'low', 'none'];

/** The groups an issue falls in (several for labels). */
export function groupsOf(
  i: Issue,
  g: Grouping,
  c: ColumnCtx & { statusOrder: (k: string) => number },
): Group[] {
  switch (g) {
    case 'status':
      return [
        {
          key: i.status,
          label: c.statusName(i.status),
          icon: <StatusIcon category={i.statusCategory} />,
          order: c.statusOrder(i.status),
        },
      ];
    case 'assignee': {
      const name = c.dir.userName(i.assigneeUserId);
      return [
        {
          key: String(i.assigneeUserId ?? 'none'),
          label: name ?? 'Unassigned',
          icon: <Avatar name={name} size={18} />,
          order: name ? 0 : 1,
        },
      ];
    }
    case 'priority':
      return [
        {
          key: i.priority,
          label: PRIORITY_LABEL[i.priority],
          icon: <PriorityIcon priority={i.priority} />,
          order: PRIO_ORDER.indexOf(i.priority),
        },
      ];
    case 'team': {
      const name = c.dir.teamName(i.assigneeTeamId);
      return [{ key: String(i.assigneeTeamId ?? 'none'), label: name ?? 'No team', order: name ? 0 : 1 }];
    }
    case 'label':
      return i.labels.length
        ? i.labels.map((l) => ({ key: l, label: l, order: 0 }))
        : [{ key: '', label: 'No label', order: 1 }];
    case 'type':
      return [{ key: i.type, label: humanize(i.type), order: 0 }];
    default:
      return [{ key: '', label: '', order: 0 }];
  }
}
