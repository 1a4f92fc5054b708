import type { Issue } from '@closeloop/shared/api/issues';
import { useQueryClient } from '@tanstack/react-query';
import { useToast } from '../components/toasts.tsx';
import { useAssigneeSuggestions } from '../lib/assignee-suggestions.ts';
import { useDirectory } from '../lib/directory.ts';
import { describeWriteError, patchIssue } from '../lib/mutations.ts';
import { strategyPart } from '../lib/routing-explanation.ts';

/**
 * Who should take this issue: the people ranked by expertise, availability and load (the team's
 * members first), each with a one-line reason, and why the issue was routed the way it was.
 */
export function IssueAssignment({ issue }: { issue: Issue }) {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useAssigneeSuggestions(issue);
  const dir = useDirectory();
  if (!q.data) return null;
  const last = q.data.log[0];
  const routedTo = last
    ? [last.teamId ? dir.teamName(last.teamId) : null, last.userId ? dir.userName(last.userId) : null]
        .filter(Boolean)
        .join(' · ')
    : '';
  const strategy = last ? strategyPart(last) : '';
  const top = q.data.items.filter((s) => s.eligible && s.userId !== issue.assigneeUserId).slice(0, 3);
  const assign = async (userId: number) => {
    try {
      await patchIssue(qc, issue, { assigneeUserId: userId });
    } catch (e) {
      toast(
        describeWriteError(e, (k) => k),
        'error',
      );
    }
  };
  return (
    <section aria-label="Assignment" style={{ marginTop: 20 }}>
      <h3>Assignment</h3>
      {last && (
        <p data-testid="routing-explanation">
          {last.ruleName && (
            <>
              Matched rule <strong>{last.ruleName}</strong> ({last.ruleReasons?.join(', ')})
              {routedTo && <> → {routedTo}</>}.{' '}
            </>
          )}
          {strategy && <span className="muted">{strategy}</span>}
        </p>
      )}
      {top.length > 0 && (
        <ul className="suggestions" aria-label="Suggested assignees">
          {top.map((s) => (
            <li key={s.userId}>
              <button type="button" className="btn btn-sm" onClick={() => void assign(s.userId)}>
                {s.name}
              </button>{' '}
              <span className="muted">
                {s.inTeam ? 'in the team · ' : ''}
                {s.reason}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
