import { GAP_LABEL } from '@closeloop/core/intake/report-quality';
import type { AskReporterAnswer, UserReportView } from '@closeloop/shared/api/user-reports';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { keys } from '../api/hooks.ts';

/** The question a vague report suggests: what it lacks, asked plainly. */
function suggestedQuestion(r: UserReportView): string {
  if (r.gaps.length === 0) return '';
  return `Thanks for your report! Could you tell us ${r.gaps.map((g) => GAP_LABEL[g]).join(', ')}?`;
}

/**
 * "Ask for more" on one report (issue 17.4): the question goes to that reporter alone, on their
 * tracking page and by email when they left an address. Prefilled with what the report lacks.
 */
export function AskReporter({ r, issueKey }: { r: UserReportView; issueKey: string }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(() => suggestedQuestion(r));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<AskReporterAnswer | null>(null);
  const reachable = r.reporter.email !== null || r.source === 'form';
  if (!reachable) return null;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<AskReporterAnswer>(
        `/issues/${encodeURIComponent(issueKey)}/user-reports/${r.id}/questions`,
        {
          method: 'POST',
          body: { body: text },
        },
      );
      setSent(answer);
      setOpen(false);
      await qc.invalidateQueries({ queryKey: keys.comments(issueKey) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <div className="user-report-ask">
        <button type="button" className="btn btn-sm" onClick={() => setOpen(true)}>
          Ask the reporter for more
        </button>
        {sent && (
          <span role="status" className="faint" data-testid="asked-reporter">
            {sent.byEmail
              ? `Asked: mailed to ${r.reporter.email} and shown on their tracking page`
              : 'Asked on their tracking page'}
          </span>
        )}
      </div>
    );
  return (
    <form className="user-report-ask" onSubmit={(e) => void send(e)} aria-label="Ask the reporter">
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <label className="field">
        <span>Your question (only this reporter sees it)</span>
        <textarea
          className="textarea"
          value={text}
          maxLength={8_000}
          required
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button className="btn btn-primary btn-sm" type="submit" disabled={busy || !text.trim()}>
        {busy ? 'Sending…' : 'Send question'}
      </button>{' '}
      <button type="button" className="btn btn-sm" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
