import type { KnownIssues } from '@closeloop/shared/api/public-intake';
import { useQuery } from '@tanstack/react-query';
import { publicApi } from '../../api/client.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

/** A pause this long in typing asks the server once. */
const TYPING_DELAY_MS = 300;

export type KnownIssue = KnownIssues['items'][number];

/**
 * "Is it one of these?" under the description of the public form (issue 17.5): open issues the team
 * has answered publicly that look like what is being typed, titles only. Choosing one makes the
 * report a +1 on it; the reporter can take it back before sending.
 */
export function KnownIssuesOffer({
  formId,
  text,
  chosen,
  onChoose,
}: {
  formId: string;
  text: string;
  chosen: KnownIssue | null;
  onChoose: (issue: KnownIssue | null) => void;
}) {
  const typed = useDebounced(text.trim(), TYPING_DELAY_MS);
  const q = useQuery({
    queryKey: ['known-issues', formId, typed],
    queryFn: ({ signal }) =>
      publicApi<KnownIssues>(
        `/report-forms/${encodeURIComponent(formId)}/known-issues?text=${encodeURIComponent(typed.slice(0, 2_000))}`,
        { signal },
      ),
    enabled: typed.length >= 3 && chosen === null,
    staleTime: 30_000,
    retry: false,
  });
  if (chosen)
    return (
      <div className="known-issues" role="status" data-testid="known-issue-chosen">
        <p>
          Your report will be added to <strong>{chosen.title}</strong>, with your words and contact details,
          so the team sees one more person hit it.
        </p>
        <button type="button" className="btn btn-ghost" onClick={() => onChoose(null)}>
          No, it is something else
        </button>
      </div>
    );
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="known-issues" aria-labelledby="known-issues-title" data-testid="known-issues">
      <h2 id="known-issues-title">Is it one of these?</h2>
      <p className="muted">
        We already know about these problems. If yours is one of them, add your report to it.
      </p>
      <ul>
        {items.map((i) => (
          <li key={i.id}>
            <span>{i.title}</span>{' '}
            <button type="button" className="btn btn-ghost" onClick={() => onChoose(i)}>
              Yes, this one
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
