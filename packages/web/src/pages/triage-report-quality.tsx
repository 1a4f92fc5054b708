import { GAP_LABEL } from '@closeloop/core/intake/report-quality';
import { AskReporter } from './issue-report-question.tsx';
import { useIssueReports } from './issue-reports.tsx';

/**
 * In the triage queue (issue 17.4): an issue a person's report filed, when that report is too vague
 * to act on (core/intake/report-quality.ts: no steps, no expected/actual, very short), says what it
 * lacks, and the triager can ask that reporter for more without leaving the queue.
 */
export function TriageReportQuality({ issueKey }: { issueKey: string }) {
  const reports = useIssueReports(issueKey);
  const filing = reports.data?.items.find((r) => r.outcome === 'new');
  if (!filing || filing.gaps.length === 0) return null;
  return (
    <div className="alert alert-warning" data-testid="vague-report">
      <p style={{ margin: 0 }}>
        <strong>Vague report.</strong> Missing: {filing.gaps.map((g) => GAP_LABEL[g]).join(', ')}.
      </p>
      <AskReporter r={filing} issueKey={issueKey} />
    </div>
  );
}
