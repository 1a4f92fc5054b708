import type { PublicForm } from '@closeloop/shared/api/public-intake';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorText, publicApi } from '../../api/client.ts';
import { Logo } from '../../components/logo.tsx';
import { ErrorState, Spinner } from '../../components/ui.tsx';
import { ClosedForm } from './closed-form.tsx';
import { type KnownIssue, KnownIssuesOffer } from './known-issues.tsx';
import './public-pages.css';

/**
 * `/report/:formId`: a project's public report form (issue 17.2), for people without an account or
 * the SDK. Signed out; the same prompts as the feedback widget; a hidden honeypot field; after
 * sending, the tracking link where the reporter follows the report and answers the team.
 */
export function PublicReportPage() {
  const { formId = '' } = useParams();
  const form = useQuery({
    queryKey: ['public-form', formId],
    queryFn: () => publicApi<PublicForm>(`/report-forms/${encodeURIComponent(formId)}`),
    retry: false,
  });
  const [sent, setSent] = useState<{ token: string | null } | null>(null);
  if (form.isLoading) return <Spinner label="Loading the report form" />;
  if (form.error instanceof ApiError && (form.error.status === 404 || form.error.status === 400))
    return (
      <ClosedForm title="This form is closed">
        This report form is not taking reports. The project may have turned it off, or the link is wrong.
      </ClosedForm>
    );
  if (form.error || !form.data) return <ErrorState error={form.error} retry={() => form.refetch()} />;
  return (
    <main className="public-page">
      <section className="public-card" aria-labelledby="report-title">
        <Logo />
        {sent ? (
          <Confirmation token={sent.token} projectName={form.data.projectName} />
        ) : (
          <ReportForm form={form.data} onSent={(token) => setSent({ token })} />
        )}
      </section>
    </main>
  );
}

const PROMPTS = [
  ['steps', 'What did you do? (steps)'],
  ['expected', 'What did you expect to happen?'],
  ['actual', 'What happened instead?'],
] as const;

function ReportForm({ form, onSent }: { form: PublicForm; onSent: (token: string | null) => void }) {
  const [description, setDescription] = useState(form.template);
  const [sameAs, setSameAs] = useState<KnownIssue | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => String(data.get(k) ?? '');
    const body: Record<string, string | number> = { description: text('description') };
    for (const k of ['steps', 'expected', 'actual', 'name', 'email', 'website'])
      if (text(k).trim()) body[k] = text(k);
    if (sameAs) body.sameAs = sameAs.id;
    setBusy(true);
    setError(null);
    try {
      const r = await publicApi<{ trackingToken: string | null }>(
        `/report-forms/${encodeURIComponent(form.formId)}/reports`,
        { method: 'POST', body },
      );
      onSent(r.trackingToken);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Report a problem">
      <h1 id="report-title">Report a problem to {form.projectName}</h1>
      <p className="muted">
        Tell us what went wrong. You will get a link where you can follow your report and answer us.
      </p>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <label className="field">
        <span>What went wrong?</span>
        <textarea
          className="textarea"
          name="description"
          required
          maxLength={16_000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <KnownIssuesOffer formId={form.formId} text={description} chosen={sameAs} onChoose={setSameAs} />
      {PROMPTS.map(([name, label]) => (
        <label className="field" key={name}>
          <span>
            {label}
            {form.required.includes(name) && !sameAs ? ' (required)' : ''}
          </span>
          <textarea
            className="textarea"
            name={name}
            maxLength={8_000}
            required={form.required.includes(name) && !sameAs}
          />
        </label>
      ))}
      <label className="field">
        <span>Your name (optional)</span>
        <input className="input" name="name" autoComplete="name" maxLength={200} />
      </label>
      <label className="field">
        <span>Your email (optional, to hear back)</span>
        <input className="input" name="email" type="email" autoComplete="email" maxLength={320} />
      </label>
      <div className="public-honeypot" aria-hidden="true">
        <label>
          Website
          <input name="website" tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Sending…' : sameAs ? 'Add my report to it' : 'Send report'}
      </button>
    </form>
  );
}

function Confirmation({ token, projectName }: { token: string | null; projectName: string }) {
  const path = token ? `/track/${token}` : null;
  return (
    <div role="status" data-testid="report-sent">
      <h1 id="report-title">Thank you, your report was sent</h1>
      <p className="muted">{projectName} received it.</p>
      {path && (
        <>
          <p>Keep this link to follow your report and answer questions about it:</p>
          <p className="public-link">
            <Link to={path} data-testid="tracking-link">
              {window.location.origin}
              {path}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
