import type { Notification } from '@closeloop/shared/api/collaboration';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { useOptional } from '../api/hooks.ts';
import { TopBar } from '../components/layout.tsx';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { humanize, relativeTime } from '../lib/format.ts';

type NotificationPage = { items: Notification[]; nextCursor: string | null; unreadCount: number };

const useNotifications = () =>
  useOptional<NotificationPage>(['notifications', 'list'], '/notifications?limit=100');

export function useUnreadCount(): number {
  const n = useOptional<{ unreadCount: number }>(['notifications', 'unread'], '/notifications/unread-count');
  return n.data?.unreadCount ?? 0;
}

const WHY: Record<string, string> = {
  mentioned: 'mentioned you',
  assigned: 'assigned you',
  commented: 'commented',
  changed: 'changed',
  status_changed: 'changed the status',
  needs_assignee: 'routed to your team an issue nobody could take',
  sla_warning: 'SLA: breaching soon',
  sla_breached: 'SLA: breached',
  automation: 'automation rule',
};

/** The in-app inbox: mentions, assignments and changes to issues you watch. Updated live by the stream. */
export function NotificationsPage() {
  const n = useNotifications();
  const qc = useQueryClient();
  const toast = useToast();
  const list = n.data?.items ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = async (id: number, read = true) => {
    await api(`/notifications/${id}`, { method: 'PATCH', body: { read } }).catch((e) =>
      toast(errorText(e), 'error'),
    );
    refresh();
  };
  const markAll = async () => {
    await api('/notifications/read-all', { method: 'POST', body: {} }).catch((e) =>
      toast(errorText(e), 'error'),
    );
    refresh();
  };
  return (
    <>
      <TopBar title={`Inbox${n.data?.unreadCount ? ` (${n.data.unreadCount})` : ''}`}>
        {!!n.data?.unreadCount && (
          <button type="button" className="btn btn-sm" onClick={() => void markAll()}>
            Mark all read
          </button>
        )}
      </TopBar>
      <div className="page">
        {n.isLoading && <Spinner label="Loading notifications" />}
        {n.error && <ErrorState error={n.error} retry={() => n.refetch()} />}
        {n.data === null && (
          <EmptyState title="Notifications are not available yet">
            This server does not deliver in-app notifications yet.
          </EmptyState>
        )}
        {n.data && list.length === 0 && (
          <EmptyState title="You're all caught up">
            Mentions, assignments and changes to issues you watch appear here.
          </EmptyState>
        )}
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Notifications">
          {list.map((x) => (
            <li key={x.id} className={`notif${x.readAt ? '' : ' unread'}`}>
              {x.readAt ? (
                <span style={{ width: 8 }} />
              ) : (
                <span className="dot" role="img" aria-label="Unread" />
              )}
              <div style={{ flex: 1, minWidth: 0 }}>
                <div>
                  <strong>{x.actorName ?? (x.actorId === null ? 'Closeloop' : 'Someone')}</strong>{' '}
                  {WHY[x.kind] ?? humanize(x.kind).toLowerCase()}
                  {x.fields.length > 0 && <span className="muted"> ({x.fields.join(', ')})</span>} on{' '}
                  <Link to={`/issue/${x.issueKey}`} onClick={() => !x.readAt && void markRead(x.id)}>
                    {x.issueKey}
                  </Link>{' '}
                  {x.issueTitle}
                </div>
              </div>
              <span className="faint">{relativeTime(x.createdAt)}</span>
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                onClick={() => void markRead(x.id, !x.readAt)}
              >
                {x.readAt ? 'Mark unread' : 'Mark read'}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
