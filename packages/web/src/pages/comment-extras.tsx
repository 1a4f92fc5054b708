import type { CommentRevision, ReactionSummary } from '@closeloop/shared/api/collaboration';
import type { Comment } from '@closeloop/shared/api/issues';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { keys, useOptional } from '../api/hooks.ts';
import { useToast } from '../components/toasts.tsx';
import { Spinner } from '../components/ui.tsx';
import { useDirectory } from '../lib/directory.ts';
import { relativeTime } from '../lib/format.ts';
import { sanitize } from '../lib/markdown.ts';

const PICKER = ['👍', '👎', '😄', '🎉', '😕', '❤️', '🚀', '👀'];

/** Reactions of every comment of an issue in one request, keyed by comment id. */
export function useIssueReactions(issueKey: string) {
  return useOptional<Record<string, ReactionSummary[]>>(
    ['reactions', issueKey],
    `/issues/${issueKey}/reactions`,
  );
}

/** A comment's reactions: toggle an emoji, see counts and who reacted. */
export function Reactions({ issueKey, comment }: { issueKey: string; comment: Comment }) {
  const all = useIssueReactions(issueKey);
  const qc = useQueryClient();
  const toast = useToast();
  const dir = useDirectory();
  const [picking, setPicking] = useState(false);
  if (all.data === null) return null;
  const list = all.data?.[String(comment.id)] ?? [];
  const toggle = async (emoji: string) => {
    setPicking(false);
    try {
      const r = await api<{ reactions: ReactionSummary[] }>(`/comments/${comment.id}/reactions`, {
        method: 'POST',
        body: { emoji },
      });
      qc.setQueryData<Record<string, ReactionSummary[]>>(['reactions', issueKey], (m) => ({
        ...(m ?? {}),
        [String(comment.id)]: r.reactions,
      }));
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  return (
    <fieldset className="reactions" aria-label="Reactions">
      {list.map((r) => {
        const who = r.userIds.map((id) => dir.userName(id) ?? `#${id}`).join(', ');
        return (
          <button
            key={r.emoji}
            type="button"
            className={`reaction${r.mine ? ' mine' : ''}`}
            aria-pressed={r.mine}
            aria-label={`${r.emoji} ${r.count}: ${who}`}
            title={who}
            onClick={() => void toggle(r.emoji)}
          >
            {r.emoji} <span className="reaction-count">{r.count}</span>
          </button>
        );
      })}
      <span className="reaction-add">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label="Add reaction"
          aria-expanded={picking}
          onClick={() => setPicking((p) => !p)}
        >
          ☺+
        </button>
        {picking && (
          <fieldset className="reaction-picker" aria-label="Pick a reaction">
            {PICKER.map((e) => (
              <button
                key={e}
                type="button"
                className="btn btn-ghost btn-sm"
                aria-label={`React ${e}`}
                onClick={() => void toggle(e)}
              >
                {e}
              </button>
            ))}
          </fieldset>
        )}
      </span>
    </fieldset>
  );
}

/** "edited" on a changed comment, opening its earlier versions (newest first). */
export function EditHistory({ comment }: { comment: Comment }) {
  const [open, setOpen] = useState(false);
  const revs = useQuery({
    queryKey: ['revisions', comment.id, comment.updatedAt],
    enabled: open,
    queryFn: () => api<CommentRevision[]>(`/comments/${comment.id}/revisions`),
  });
  if (comment.updatedAt === comment.createdAt) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-sm faint"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        edited {relativeTime(comment.updatedAt)}
      </button>
      {open && (
        <section className="revisions" aria-label="Edit history">
          {revs.isLoading && <Spinner label="Loading history" />}
          {revs.error && <div className="field-error">{errorText(revs.error)}</div>}
          {revs.data?.length === 0 && <div className="muted">No earlier versions.</div>}
          <ol>
            {[...(revs.data ?? [])]
              .sort((a, b) => b.replacedAt.localeCompare(a.replacedAt))
              .map((r) => (
                <li key={r.id} data-testid="revision">
                  <div className="faint">
                    Written {relativeTime(r.writtenAt)}, replaced {relativeTime(r.replacedAt)}
                  </div>
                  {/* biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised HTML, sanitised again */}
                  <div className="markdown" dangerouslySetInnerHTML={{ __html: sanitize(r.bodyHtml) }} />
                </li>
              ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** Edit your own comment in place. */
export function EditComment({
  issueKey,
  comment,
  onDone,
}: {
  issueKey: string;
  comment: Comment;
  onDone: () => void;
}) {
  const [body, setBody] = useState(comment.body);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const save = async () => {
    try {
      await api(`/comments/${comment.id}`, { method: 'PATCH', body: { body } });
      await qc.invalidateQueries({ queryKey: keys.comments(issueKey) });
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="comment-edit">
      <textarea
        className="input"
        aria-label="Edit comment"
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-primary btn-sm"
          onClick={() => void save()}
          disabled={!body.trim()}
        >
          Save comment
        </button>
        <button type="button" className="btn btn-sm" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
