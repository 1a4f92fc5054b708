import type { Activity, Comment, Issue } from '@closeloop/shared/api/issues';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { itemsOf, keys, useActivity, useComments, useMe } from '../api/hooks.ts';
import { MentionTextarea } from '../components/mention-textarea.tsx';
import { RichText } from '../components/rich-text.tsx';
import { useToast } from '../components/toasts.tsx';
import { Avatar, ErrorState, Spinner } from '../components/ui.tsx';
import { useDirectory } from '../lib/directory.ts';
import { humanize, relativeTime } from '../lib/format.ts';
import { useWorkflow } from '../lib/project-meta.ts';
import { EditComment, EditHistory, Reactions } from './comment-extras.tsx';
import { FIELD_NAMES } from './issue-conflict.tsx';
import { useIssueReports } from './issue-reports.tsx';

type FeedItem = { at: string; kind: 'comment'; c: Comment } | { at: string; kind: 'activity'; a: Activity };

/** Comments and field changes of an issue, oldest first, with the comment composer. */
export function Feed({ issue }: { issue: Issue }) {
  const comments = useComments(issue.key);
  const activity = useActivity(issue.key);
  const dir = useDirectory();
  const qc = useQueryClient();
  const toast = useToast();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  // Comments are internal unless the writer chooses to answer the issue's reporters (issue 17.6).
  const [toReporters, setToReporters] = useState(false);
  const reports = useIssueReports(issue.key);
  const reporterNames = new Map(
    (reports.data?.items ?? []).map((r) => [
      r.id,
      r.reporter.name ?? r.reporter.email ?? r.reporter.user ?? 'Anonymous',
    ]),
  );
  const hasReporters = reporterNames.size > 0;
  const wf = useWorkflow(issue.projectKey, issue.type);
  const items: FeedItem[] = [
    ...itemsOf(comments.data).map((c) => ({ at: c.createdAt, kind: 'comment' as const, c })),
    ...itemsOf(activity.data)
      .filter((a) => a.action !== 'commented')
      .map((a) => ({ at: a.createdAt, kind: 'activity' as const, a })),
  ].sort((x, y) => x.at.localeCompare(y.at));

  const post = async () => {
    if (!body.trim()) return;
    setBusy(true);
    try {
      await api(`/issues/${issue.key}/comments`, {
        method: 'POST',
        body: { body, visibility: toReporters && hasReporters ? 'public' : 'internal' },
      });
      setBody('');
      setToReporters(false);
      qc.invalidateQueries({ queryKey: keys.comments(issue.key) });
      qc.invalidateQueries({ queryKey: keys.activity(issue.key) });
    } catch (e) {
      toast(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const describe = (a: Activity) => {
    const v = (x: unknown) => {
      if (x === null || x === undefined || x === '') return 'none';
      if (a.field === 'status') return wf.nameOf(String(x));
      if (a.field === 'assigneeUserId' || a.field === 'assignee')
        return dir.userName(x as number) ?? String(x);
      if (a.field === 'assigneeTeamId' || a.field === 'team') return dir.teamName(x as number) ?? String(x);
      if (Array.isArray(x)) return x.join(', ') || 'none';
      if (typeof x === 'object') {
        const o = x as { name?: string; key?: string; title?: string };
        return o.name ?? o.key ?? o.title ?? JSON.stringify(x);
      }
      const s = String(x);
      return s.length > 60 ? `${s.slice(0, 60)}…` : s;
    };
    if (a.action === 'created') return <>created the issue</>;
    if (!a.field) return <>{humanize(a.action).toLowerCase()}</>;
    if (a.field === 'description') return <>edited the description</>;
    if (a.field === 'comment') return <>edited a comment</>;
    return (
      <>
        changed {(FIELD_NAMES[a.field] ?? humanize(a.field.replace(/^custom\./, ''))).toLowerCase()} from{' '}
        <strong>{v(a.from)}</strong> to <strong>{v(a.to)}</strong>
      </>
    );
  };
  return (
    <section aria-label="Activity and comments" style={{ marginTop: 28 }}>
      <h2 style={{ fontSize: 14 }}>Activity</h2>
      {(comments.isLoading || activity.isLoading) && <Spinner label="Loading activity" />}
      {comments.error && <ErrorState error={comments.error} />}
      <ol className="timeline-feed">
        {items.map((it) =>
          it.kind === 'comment' ? (
            <CommentItem
              key={`c${it.c.id}`}
              issueKey={issue.key}
              comment={it.c}
              reporter={it.c.reportId === null ? null : (reporterNames.get(it.c.reportId) ?? 'Reporter')}
            />
          ) : (
            <li key={`a${it.a.id}`} className="feed-event">
              <Avatar name={dir.userName(it.a.actorId)} size={16} />
              <span>
                <strong>{dir.userName(it.a.actorId) ?? 'System'}</strong> {describe(it.a)}
              </span>
              <span className="faint">· {relativeTime(it.a.createdAt)}</span>
            </li>
          ),
        )}
      </ol>
      <div className="composer" id="comment-box">
        <MentionTextarea
          value={body}
          onChange={setBody}
          onSubmit={post}
          label="Write a comment"
          placeholder="Leave a comment… Markdown and @mentions work. Ctrl+Enter sends."
          className=""
        />
        <div className="composer-foot">
          {hasReporters && (
            <label className="composer-visibility">
              <input
                type="checkbox"
                checked={toReporters}
                onChange={(e) => setToReporters(e.target.checked)}
              />{' '}
              Reply to reporters (public: shown on their tracking page)
            </label>
          )}
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={busy || !body.trim()}
            onClick={() => void post()}
          >
            {busy ? 'Sending…' : toReporters && hasReporters ? 'Reply publicly' : 'Comment'}
          </button>
        </div>
      </div>
    </section>
  );
}

function CommentItem({
  issueKey,
  comment,
  reporter,
}: {
  issueKey: string;
  comment: Comment;
  /** The name of the reporter whose report this comment belongs to, if any. */
  reporter: string | null;
}) {
  const dir = useDirectory();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const mine = !!me.data && me.data.user.id === comment.authorId;
  const fromReporter = comment.authorId === null && reporter !== null;
  return (
    <li
      className="feed-comment"
      data-testid="comment"
      data-comment-id={comment.id}
      data-visibility={comment.visibility}
    >
      <header>
        <Avatar name={fromReporter ? reporter : dir.userName(comment.authorId)} size={20} />
        <strong>
          {fromReporter ? `${reporter} (reporter)` : (dir.userName(comment.authorId) ?? 'Someone')}
        </strong>
        <span className="faint">{relativeTime(comment.createdAt)}</span>
        {comment.visibility === 'public' && (
          <span className="badge" title="Reporters see this on their tracking page">
            {fromReporter ? 'From the tracking page' : reporter ? `Public · to ${reporter}` : 'Public reply'}
          </span>
        )}
        <EditHistory comment={comment} />
        {mine && !editing && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            style={{ marginLeft: 'auto' }}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
        )}
      </header>
      {editing ? (
        <EditComment issueKey={issueKey} comment={comment} onDone={() => setEditing(false)} />
      ) : (
        <RichText html={comment.bodyHtml} />
      )}
      {comment.attachments.length > 0 && (
        <ul className="comment-files" aria-label="Attachments">
          {comment.attachments.map((f) => (
            <li key={f.id}>
              <a
                href={`/api/v1/issues/${encodeURIComponent(issueKey)}/comments/attachments/${f.id}`}
                download={f.filename}
              >
                {f.filename}
              </a>
            </li>
          ))}
        </ul>
      )}
      <Reactions issueKey={issueKey} comment={comment} />
    </li>
  );
}
