import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { itemsOf, useOptional } from '../api/hooks.ts';
import { TopBar } from '../components/layout.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime } from '../lib/format.ts';

type Notification = {
  id: number;
  readAt?: string | null;
  read?: boolean;
  createdAt: string;
  title?: string;
  message?: string;
  reason?: string;
  type?: string;
  issueKey?: string | null;
  issue?: { key: string; title: string } | null;
};

const useNotifications = () =>
  useOptional<Notification[] | { items: Notification[] }>(['notifications'], '/notifications');
const isUnread = (n: Notification) => (n.read === undefined ? !n.readAt : !n.read);

export function useUnreadCount(): number {
  const n = useNotifications();
  return itemsOf(n.data).filter(isUnread).length;
}

/** The in-app inbox: mentions, assignments and changes to watched issues. */
export function NotificationsPage() {
  const n = useNotifications();
  const qc = useQueryClient();
  const list = itemsOf(n.data);
  const markRead = async (ids: number[]) => {
    await api('/notifications/read', { method: 'POST', body: { ids } }).catch(() =>
      Promise.all(
        ids.map((id) =>
          api(`/notifications/${id}`, { method: 'PATCH', body: { read: true } }).catch(() => {}),
        ),
      ),
    );
    qc.invalidateQueries({ queryKey: ['notifications'] });
  };
  return (
    <>
      <TopBar title="Inbox">
        {list.some(isUnread) && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void markRead(list.filter(isUnread).map((x) => x.id))}
          >
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
        {list.map((x) => {
          const key = x.issueKey ?? x.issue?.key;
          return (
            <div key={x.id} className={`notif${isUnread(x) ? ' unread' : ''}`}>
              {isUnread(x) ? <span className="dot" aria-label="Unread" /> : <span style={{ width: 8 }} />}
              <div style={{ flex: 1 }}>
                <div>
                  {key && (
                    <Link to={`/issue/${key}`} onClick={() => void markRead([x.id])}>
                      {key}
                    </Link>
                  )}{' '}
                  {x.title ?? x.issue?.title ?? ''}
                </div>
                <div className="muted">{x.message ?? x.reason ?? x.type}</div>
              </div>
              <span className="faint">{relativeTime(x.createdAt)}</span>
            </div>
          );
        })}
      </div>
    </>
  );
}
