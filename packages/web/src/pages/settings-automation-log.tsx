import type { AutomationRun } from '@closeloop/shared/api/automation';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime } from '../lib/format.ts';

/**
 * The execution log of a project's automation rules, newest first; with `rule`, that rule's own
 * runs (rules keep their id across edits, so the log follows the rule, not its position).
 */
export function AutomationLog({
  projectKey,
  rule,
}: {
  projectKey: string;
  rule?: { id: number; name: string };
}) {
  const q = useQuery({
    queryKey: ['automation-runs', projectKey, rule?.id ?? null],
    queryFn: () =>
      api<{ items: AutomationRun[] }>(
        `/projects/${projectKey}/automation-runs${rule ? `?ruleId=${rule.id}` : ''}`,
      ),
    refetchInterval: 5000,
  });
  if (q.isError) return <ErrorState error={q.error} />;
  if (!q.data) return <Spinner />;
  if (q.data.items.length === 0)
    return <EmptyState title={rule ? `${rule.name} has not run yet` : 'No rule has run yet'} />;
  return (
    <table className="table" aria-label={rule ? `Runs of ${rule.name}` : 'Automation log'}>
      <thead>
        <tr>
          {!rule && <th>Rule</th>}
          <th>Issue</th>
          <th>Outcome</th>
          <th>Detail</th>
          <th>When</th>
        </tr>
      </thead>
      <tbody>
        {q.data.items.map((r) => (
          <tr key={r.id}>
            {!rule && <td>{r.ruleName}</td>}
            <td>
              <Link to={`/issue/${r.issueKey}`}>{r.issueKey}</Link>
            </td>
            <td data-outcome={r.outcome}>{r.outcome}</td>
            <td className="faint">{r.detail}</td>
            <td>{relativeTime(r.at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
