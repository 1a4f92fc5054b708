import type { DeadEvent, DeadEventList } from '@closeloop/shared/api/dead-events';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime } from '../lib/format.ts';

/** How much of the stored event a row shows: enough to recognise it, not to read it. */
const PREVIEW_CHARS = 160;
/** While a retry waits for the grouping worker, the list asks again this often (ms). */
const RETRY_POLL_MS = 1_000;

/**
 * Events the grouping worker set aside because they failed on their own (server ingest/dead-letter.ts),
 * for admins of the project: the error, when, the start of the stored event, and Retry / Discard.
 * Only rendered for admins: the API answers 403 to everyone else.
 */
export function DeadEventsSection({ projectKey }: { projectKey: string }) {
  const list = useQuery({
    queryKey: ['dead-events', projectKey],
    queryFn: () => api<DeadEventList>(`/projects/${projectKey}/dead-events`),
    // A retry is done by the worker in the background: keep asking until it has answered.
    refetchInterval: (q) =>
      q.state.data?.items.some((e) => e.retryRequestedAt !== null) ? RETRY_POLL_MS : false,
  });
  return (
    <section aria-labelledby="dead-events-title" data-testid="dead-events">
      <h2 id="dead-events-title" style={{ fontSize: 15, marginTop: 28 }}>
        Set-aside events
      </h2>
      <p className="muted">
        Events grouping could not process on their own. The events after them kept flowing. Retry one once its
        cause is fixed, or discard it: it then stays in the raw log, never grouped.
      </p>
      {list.isLoading && <Spinner label="Loading set-aside events" />}
      {list.error && <ErrorState error={list.error} retry={() => list.refetch()} />}
      {list.data && list.data.total === 0 && <p className="faint">No set-aside events.</p>}
      {list.data && list.data.total > list.data.items.length && (
        <p className="faint">
          Showing the newest {list.data.items.length} of {list.data.total.toLocaleString()}.
        </p>
      )}
      {list.data?.items.map((e) => (
        <DeadEventRow key={e.id} e={e} projectKey={projectKey} />
      ))}
    </section>
  );
}

function DeadEventRow({ e, projectKey }: { e: DeadEvent; projectKey: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const act = async (method: 'POST' | 'DELETE', path: string, done: string) => {
    setBusy(true);
    try {
      await api(`/projects/${projectKey}/dead-events/${e.id}${path}`, { method });
      toast(done, 'success');
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
      await qc.invalidateQueries({ queryKey: ['dead-events', projectKey] });
    }
  };
  const waiting = e.retryRequestedAt !== null;
  return (
    <div className="setup-key" data-testid="dead-event" data-event-id={e.eventId}>
      <div className="setup-key-head">
        <code>{e.eventId}</code>
        <span className="faint">
          set aside {relativeTime(e.failedAt)} · {e.attempts} attempts
          {e.receivedAt ? ` · received ${relativeTime(e.receivedAt)}` : ''}
        </span>
        <span style={{ flex: 1 }} />
        {waiting ? (
          <span className="chip">retry queued</span>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-sm"
              disabled={busy}
              onClick={() => act('POST', '/retry', 'Retry queued')}
            >
              Retry
            </button>
            <button
              type="button"
              className="btn btn-sm btn-danger"
              disabled={busy}
              onClick={() => {
                if (confirm(`Discard event ${e.eventId}? It will never be grouped.`))
                  void act('DELETE', '', 'Event discarded');
              }}
            >
              Discard
            </button>
          </>
        )}
      </div>
      <div className="secret" data-testid="dead-event-error">
        {e.error}
      </div>
      <pre className="faint" style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {e.payloadPreview.length > PREVIEW_CHARS
          ? `${e.payloadPreview.slice(0, PREVIEW_CHARS)}…`
          : e.payloadPreview}
      </pre>
    </div>
  );
}
