import type { knowledgeSchema } from '@closeloop/shared/api/lessons';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api, qs } from '../api/client.ts';
import { TopBar } from '../components/layout.tsx';
import { ResolutionName } from '../components/resolution-name.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { humanize, relativeTime } from '../lib/format.ts';

type Knowledge = z.infer<typeof knowledgeSchema>;

/** Resolutions and lessons learned of closed issues, searched in one place. */
export function KnowledgePage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const r = useQuery({
    queryKey: ['knowledge', q],
    enabled: q.length > 0,
    queryFn: () => api<Knowledge>(`/knowledge${qs({ q })}`),
  });
  return (
    <>
      <TopBar title="Knowledge" />
      <div className="page">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            setParams(text.trim() ? { q: text.trim() } : {});
          }}
        >
          <input
            className="input"
            type="search"
            aria-label="Search resolutions and lessons learned"
            placeholder="Search what past issues taught: root causes, fixes, prevention…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn btn-primary">
            Search
          </button>
        </form>
        {!q && (
          <p className="muted">
            Closed issues are found by their text, resolution note and lessons-learned record.
          </p>
        )}
        {r.isLoading && <Spinner label="Searching" />}
        {r.error && <ErrorState error={r.error} retry={() => r.refetch()} />}
        {r.data && r.data.items.length === 0 && <EmptyState title={`Nothing closed matches “${q}”`} />}
        {r.data && r.data.items.length > 0 && (
          <ul className="knowledge-list" aria-label="Knowledge results">
            {r.data.items.map((hit) => (
              <li key={hit.key} className="knowledge-hit">
                <div>
                  <Link to={`/issue/${hit.key}`}>
                    <strong>{hit.key}</strong> {hit.title}
                  </Link>{' '}
                  <span className="muted">
                    {humanize(hit.type)} · <ResolutionName issueKey={hit.key} resolution={hit.resolution} />
                    {hit.closedAt ? ` · ${relativeTime(hit.closedAt)}` : ''}
                  </span>
                </div>
                {hit.lessons?.rootCause && (
                  <p>
                    <span className="muted">Root cause:</span> {hit.lessons.rootCause}
                  </p>
                )}
                {hit.lessons?.prevention && (
                  <p>
                    <span className="muted">Prevention:</span> {hit.lessons.prevention}
                  </p>
                )}
                {hit.resolutionNote && (
                  <p>
                    <span className="muted">Resolution:</span> {hit.resolutionNote}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
