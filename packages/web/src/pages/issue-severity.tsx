import type { Issue } from '@closeloop/shared/api/issues';
import type { Severity, Triage } from '@closeloop/shared/api/triage';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { PRIORITY_LABEL, PriorityIcon } from '../components/ui.tsx';
import { useDirectory } from '../lib/directory.ts';
import { relativeTime } from '../lib/format.ts';
import { describeWriteError, patchIssue } from '../lib/mutations.ts';

const SIGNAL_NAMES: Record<string, string> = {
  users: 'Users affected',
  sessions: 'Sessions affected',
  rate: 'Event rate',
  trend: 'Trend',
  level: 'Level and kind',
  novelty: 'New or regression',
  frustration: 'Frustration',
  flow: 'Flow abandonment',
  critical: 'Critical route',
  release: 'Release age',
  type: 'Type',
  risk: 'Impact × likelihood',
  deadline: 'Deadline',
  blocking: 'Blocked work',
  votes: 'Reporters and +1s',
};

/**
 * The severity score of an issue: what the score proposes, what people decided beside it, each
 * signal's points, the impact and likelihood people write, and the issue's triage state.
 */
export function IssueSeverity({ issue }: { issue: Issue }) {
  const qc = useQueryClient();
  const toast = useToast();
  const dir = useDirectory();
  const [all, setAll] = useState(false);
  const severity = useQuery({
    queryKey: ['severity', issue.key, issue.version],
    queryFn: () => api<Severity>(`/issues/${issue.key}/severity`),
  });
  const triage = useQuery({
    queryKey: ['triage-state', issue.key],
    queryFn: () => api<Triage>(`/issues/${issue.key}/triage`),
  });
  const s = severity.data;
  if (!s) return null;
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['severity', issue.key] });
    qc.invalidateQueries({ queryKey: ['triage-state', issue.key] });
    qc.invalidateQueries({ queryKey: ['triage'] });
  };
  const assess = async (body: { impact?: number | null; likelihood?: number | null }) => {
    try {
      await api(`/issues/${issue.key}/assessment`, { method: 'PATCH', body });
      refresh();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const takeProposal = async () => {
    try {
      await patchIssue(qc, issue, { priority: s.proposedPriority });
      refresh();
    } catch (e) {
      toast(
        describeWriteError(e, (k) => k),
        'error',
      );
    }
  };
  const setTriage = async (action: 'accept' | 'untriage') => {
    try {
      await api(`/issues/${issue.key}/triage`, { method: 'POST', body: { action } });
      refresh();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const shown = s.signals.filter((g) => all || g.points > 0);
  const scale = [null, 1, 2, 3, 4, 5] as const;

  return (
    <section aria-label="Severity" className="severity" style={{ marginTop: 20 }}>
      <div className="section-head">
        <h3>
          Severity <span className="severity-score">{s.score}</span>
          <span className="faint" style={{ fontWeight: 400, fontSize: 12 }}>
            {' '}
            / 100 · {s.model === 'learned' ? "project's learned weights" : 'default weights'}
          </span>
        </h3>
        {triage.data && (
          <span className="faint">
            Triage: <strong data-testid="triage-state">{triage.data.state}</strong>{' '}
            {triage.data.state === 'accepted' ? (
              <button type="button" className="btn btn-sm" onClick={() => void setTriage('untriage')}>
                Back to triage
              </button>
            ) : (
              <button type="button" className="btn btn-sm" onClick={() => void setTriage('accept')}>
                Accept
              </button>
            )}
          </span>
        )}
      </div>
      <div className="severity-decision">
        <span>
          Proposed: <PriorityIcon priority={s.proposedPriority} />{' '}
          <strong data-testid="proposed-priority">{PRIORITY_LABEL[s.proposedPriority]}</strong>
        </span>
        <span>
          Decided: <PriorityIcon priority={s.decided.priority} />{' '}
          <strong>{PRIORITY_LABEL[s.decided.priority]}</strong>
          {s.decided.by !== null && (
            <span className="faint">
              {' '}
              by {dir.userName(s.decided.by) ?? 'someone'}
              {s.decided.at ? ` ${relativeTime(s.decided.at)}` : ''}
            </span>
          )}
        </span>
        {s.decided.priority !== s.proposedPriority && (
          <button type="button" className="btn btn-sm" onClick={() => void takeProposal()}>
            Use proposal
          </button>
        )}
      </div>
      {s.reasons && <p className="severity-reasons">{s.reasons}</p>}
      <table className="severity-signals" aria-label="Signals">
        <tbody>
          {shown.map((g) => (
            <tr key={g.key}>
              <th scope="row">{SIGNAL_NAMES[g.key] ?? g.key}</th>
              <td>{g.detail}</td>
              <td className="severity-points">+{g.points.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => setAll((v) => !v)}>
        {all ? 'Only signals that count' : `All ${s.signals.length} signals`}
      </button>
      <div className="severity-assess">
        {(['impact', 'likelihood'] as const).map((f) => (
          <label key={f}>
            {f === 'impact' ? 'Impact' : 'Likelihood'}{' '}
            <select
              className="select"
              value={s[f] ?? ''}
              onChange={(e) => void assess({ [f]: e.target.value ? Number(e.target.value) : null })}
            >
              {scale.map((v) => (
                <option key={v ?? 'none'} value={v ?? ''}>
                  {v ?? '—'}
                </option>
              ))}
            </select>
          </label>
        ))}
        {issue.type === 'risk' && <span className="faint">Risk matrix: impact × likelihood</span>}
      </div>
    </section>
  );
}
