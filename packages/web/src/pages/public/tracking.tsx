import type { Tracking, TrackingMessage } from '@closeloop/shared/api/public-intake';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, errorText, publicApi } from '../../api/client.ts';
import { Logo } from '../../components/logo.tsx';
import { ErrorState, Spinner } from '../../components/ui.tsx';
import { relativeTime } from '../../lib/format.ts';
import { sanitize } from '../../lib/markdown.ts';
import { ClosedForm } from './closed-form.tsx';
import './public-pages.css';

const STATE_LABEL: Record<Tracking['state'], string> = {
  received: 'Received',
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Closed',
};

/**
 * `/track/:token`: the reporter's tracking page (issue 17.2, 17.6), signed out; the token is the
 * credential. Their own words, where the report stands, the team's public replies and their own
 * answers, and a box to reply (it lands as a comment on the issue). Nothing internal reaches it:
 * the server's answer holds only what this reporter may read.
 */
export function TrackingPage() {
  const { token = '' } = useParams();
  const key = ['tracking', token];
  const t = useQuery({
    queryKey: key,
    queryFn: () => publicApi<Tracking>(`/tracking/${encodeURIComponent(token)}`),
    retry: false,
    refetchInterval: 15_000,
  });
  if (t.isLoading) return <Spinner label="Loading your report" />;
  if (t.error instanceof ApiError && (t.error.status === 404 || t.error.status === 400))
    return (
      <ClosedForm title="Report not found">
        This tracking link does not match any report. Check that you copied all of it.
      </ClosedForm>
    );
  if (t.error || !t.data) return <ErrorState error={t.error} retry={() => t.refetch()} />;
  const r = t.data;
  return (
    <main className="public-page">
      <section className="public-card" aria-labelledby="tracking-title">
        <Logo />
        <h1 id="tracking-title">Your report to {r.projectName}</h1>
        <p>
          Status:{' '}
          <span className="public-status" data-testid="tracking-state">
            {STATE_LABEL[r.state]}
            {r.state === 'closed' && r.resolution ? ` (${r.resolution.replace(/_/g, ' ')})` : ''}
          </span>{' '}
          <span className="faint">· sent {relativeTime(r.reportedAt)}</span>
        </p>
        <blockquote className="muted" style={{ whiteSpace: 'pre-wrap' }}>
          {r.description}
        </blockquote>
        <h2 style={{ fontSize: 15 }}>Conversation</h2>
        {r.messages.length === 0 ? (
          <p className="muted">No replies yet. We will answer here.</p>
        ) : (
          <ol className="public-messages" aria-label="Conversation">
            {r.messages.map((m) => (
              <Message key={m.id} m={m} project={r.projectName} />
            ))}
          </ol>
        )}
        <ReplyBox token={token} canReply={r.state !== 'received'} queryKey={key} />
      </section>
    </main>
  );
}

function Message({ m, project }: { m: TrackingMessage; project: string }) {
  return (
    <li className={`public-message ${m.from === 'you' ? 'is-you' : ''}`} data-testid="tracking-message">
      <header>
        <strong>{m.from === 'you' ? 'You' : `${project} team`}</strong>
        <span className="faint">{relativeTime(m.at)}</span>
      </header>
      <ReplyText html={m.bodyHtml} />
    </li>
  );
}

/** The server's sanitised HTML, sanitised again; no mention links (signed out, there is no directory). */
function ReplyText({ html }: { html: string }) {
  const out = useMemo(() => sanitize(html), [html]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server and again by DOMPurify
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: out }} />;
}

function ReplyBox({ token, canReply, queryKey }: { token: string; canReply: boolean; queryKey: string[] }) {
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canReply) return <p className="muted">You can reply once your report has been filed (a moment).</p>;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await publicApi(`/tracking/${encodeURIComponent(token)}/replies`, { method: 'POST', body: { body } });
      setBody('');
      await qc.invalidateQueries({ queryKey });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void send(e)} aria-label="Reply">
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <label className="field">
        <span>Your reply</span>
        <textarea
          className="textarea"
          name="reply"
          value={body}
          maxLength={8_000}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      <button className="btn btn-primary" type="submit" disabled={busy || !body.trim()}>
        {busy ? 'Sending…' : 'Send reply'}
      </button>
    </form>
  );
}
