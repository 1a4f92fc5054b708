import { likelyDuplicateOffer } from '@closeloop/core/similarity/merge-rules';
import type { Issue } from '@closeloop/shared/api/issues';
import type { Merge, SimilarIssue, SimilarList } from '@closeloop/shared/api/similarity';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { bindActions } from '../actions/bind.ts';
import { CATALOGUE } from '../actions/catalogue.ts';
import { useRegisterActions } from '../actions/registry.tsx';
import { api, errorText } from '../api/client.ts';
import { keys } from '../api/hooks.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { ResolutionName } from './resolution-name.tsx';
import { KeysOf } from './shortcut-keys.tsx';
import { useToast } from './toasts.tsx';
import { StatusIcon } from './ui.tsx';

/**
 * Similar issues from the similarity engine (server: /similar): while a title is typed in the
 * create dialog, and on the issue page with the likely duplicate and a one-key merge (M) / undo.
 */

const TYPING_DELAY_MS = 250;

function SimilarRow({ m }: { m: SimilarIssue }) {
  return (
    <li className="similar-row">
      <StatusIcon category={m.statusCategory as Issue['statusCategory']} />
      <Link to={`/issue/${m.key}`} className="mono">
        {m.key}
      </Link>{' '}
      <span>{m.title}</span>{' '}
      <span className="faint">
        {m.statusCategory === 'done' || m.statusCategory === 'cancelled' ? (
          <>
            {m.status}
            {m.resolution && (
              <>
                {' · '}
                <ResolutionName issueKey={m.key} resolution={m.resolution} />
              </>
            )}
          </>
        ) : (
          m.status
        )}
      </span>
      {m.likelyDuplicate && <span className="badge"> likely duplicate</span>}
      {m.resolutionNote && <div className="faint similar-note">{m.resolutionNote.slice(0, 240)}</div>}
    </li>
  );
}

/** Under the title field of the create dialog: what already exists that looks like it. */
export function SimilarWhileTyping({ project, title }: { project: string; title: string }) {
  const typed = useDebounced(title.trim(), TYPING_DELAY_MS);
  const q = useQuery({
    queryKey: ['similar-text', project, typed],
    queryFn: ({ signal }) =>
      api<SimilarList>(`/projects/${project}/similar?title=${encodeURIComponent(typed)}&limit=5`, { signal }),
    enabled: !!project && typed.length >= 3,
    staleTime: 30_000,
  });
  const items = q.data?.items ?? [];
  if (typed.length < 3 || items.length === 0) return null;
  return (
    <section className="similar-typing" aria-label="Similar issues">
      <div className="faint">Similar issues — is it one of these?</div>
      <ul className="similar-list">
        {items.map((m) => (
          <SimilarRow key={m.key} m={m} />
        ))}
      </ul>
    </section>
  );
}

/** On the issue page: closest open and closed issues, the likely duplicate (M merges) and merge history. */
export function SimilarIssuesPanel({ issue }: { issue: Issue }) {
  const qc = useQueryClient();
  const toast = useToast();
  const similar = useQuery({
    queryKey: ['similar', issue.key, issue.version],
    queryFn: () => api<SimilarList>(`/issues/${issue.key}/similar?limit=6`),
  });
  const merges = useQuery({
    queryKey: ['merges', issue.key, issue.version],
    queryFn: () => api<{ items: Merge[] }>(`/issues/${issue.key}/merges`),
  });
  const likely = similar.data?.likelyDuplicateOf ?? null;
  // A closed likely original is not merged into: this issue recurs it, and the page opens it instead.
  const target = likely && likelyDuplicateOffer(likely) === 'merge' ? likely : null;
  const recurs = likely && !target ? likely : null;
  const active = merges.data?.items.find((m) => m.duplicateKey === issue.key && m.undoneAt === null) ?? null;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: keys.issue(issue.key) });
    await qc.invalidateQueries({ queryKey: ['similar'] });
    await qc.invalidateQueries({ queryKey: ['merges'] });
  };
  const merge = async () => {
    if (!target) return;
    try {
      await api(`/issues/${issue.key}/merge`, { method: 'POST', body: { into: target.key } });
      toast(`Merged ${issue.key} into ${target.key}`, 'success');
      await refresh();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const undo = async () => {
    try {
      await api(`/issues/${issue.key}/merge/undo`, { method: 'POST' });
      toast(`Merge of ${issue.key} undone`, 'success');
      await refresh();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  useRegisterActions(target && !active ? bindActions('issue', { 'issue-merge-duplicate': merge }) : []);
  const items = similar.data?.items ?? [];
  if (items.length === 0 && !active) return null;
  return (
    <section className="similar-panel" aria-label="Similar issues">
      <h3>Similar issues</h3>
      {active && (
        <div className="alert alert-info" role="status">
          Merged into <Link to={`/issue/${active.originalKey}`}>{active.originalKey}</Link> (
          {active.moved.comments} comments, {active.moved.eventGroups} event groups moved){' '}
          <button type="button" className="btn btn-sm" onClick={undo}>
            Undo merge
          </button>
        </div>
      )}
      {target && !active && (
        <div className="alert" role="status">
          Likely duplicate of <Link to={`/issue/${target.key}`}>{target.key}</Link> — {target.title}{' '}
          <button
            type="button"
            className="btn btn-sm"
            onClick={merge}
            aria-keyshortcuts={CATALOGUE['issue-merge-duplicate'].shortcut}
          >
            Merge into {target.key} <KeysOf id="issue-merge-duplicate" />
          </button>
        </div>
      )}
      {recurs && !active && (
        <div className="alert" role="status">
          Recurrence of <Link to={`/issue/${recurs.key}`}>{recurs.key}</Link> — {recurs.title}, closed (
          <ResolutionName issueKey={recurs.key} resolution={recurs.resolution} />){' '}
          <Link className="btn btn-sm" to={`/issue/${recurs.key}`}>
            Open {recurs.key}
          </Link>
        </div>
      )}
      <ul className="similar-list">
        {items.map((m) => (
          <SimilarRow key={m.key} m={m} />
        ))}
      </ul>
    </section>
  );
}
