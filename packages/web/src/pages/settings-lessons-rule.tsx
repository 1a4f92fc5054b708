import type { LessonsRule } from '@closeloop/shared/api/resolutions';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useOptional } from '../api/hooks.ts';
import { useToast } from '../components/toasts.tsx';
import { useDebounced } from '../lib/use-debounced.ts';

/**
 * The project's lessons rule (issue 13 §1): issues matching this search owe a lessons-learned
 * record when closed, besides high/urgent work, risks and incidents. While typing, the server
 * counts what the rule matches or says why it is not a query.
 */
export function LessonsRuleEditor({ projectKey }: { projectKey: string | undefined }) {
  const rule = useOptional<LessonsRule>(
    ['lessons-rule', projectKey],
    `/projects/${projectKey}/lessons-rule`,
    !!projectKey,
  );
  if (!projectKey || rule.data === undefined) return null;
  // Keyed on the saved rule, so a project switch or a save starts the draft afresh.
  return <RuleForm key={`${projectKey}:${rule.data?.query}`} projectKey={projectKey} saved={rule.data} />;
}

function RuleForm({ projectKey, saved }: { projectKey: string; saved: LessonsRule | null }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState(saved?.query ?? '');
  const [error, setError] = useState<string | null>(null);
  const typed = useDebounced(draft.trim(), 300);
  const preview = useQuery({
    queryKey: ['lessons-rule-preview', projectKey, typed],
    enabled: typed !== '',
    retry: false,
    queryFn: () =>
      api<{ matches: number }>(`/projects/${projectKey}/lessons-rule/preview`, {
        method: 'POST',
        body: { query: typed },
      }),
  });
  const save = async () => {
    setError(null);
    try {
      await api(`/projects/${projectKey}/lessons-rule`, {
        method: 'PUT',
        body: { query: draft.trim() || null },
      });
      toast(draft.trim() ? 'Lessons rule saved' : 'Lessons rule removed', 'success');
      await qc.invalidateQueries({ queryKey: ['lessons-rule', projectKey] });
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form
      aria-labelledby="lessons-rule-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="lessons-rule-title" style={{ marginTop: 24 }}>
        Lessons rule
      </h3>
      <p className="muted">
        Closing an issue this search matches asks for a lessons-learned record, besides high and urgent work,
        risks and incidents. Empty: no rule.
      </p>
      <div className="inline-form">
        <label className="field">
          <span>Issues matching</span>
          <input
            className="input mono"
            name="query"
            value={draft}
            placeholder="label:security"
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button className="btn btn-primary" type="submit">
          Save rule
        </button>
      </div>
      {typed !== '' && preview.data && (
        <p className="muted" role="status">
          Matches {preview.data.matches} {preview.data.matches === 1 ? 'issue' : 'issues'} now
        </p>
      )}
      {typed !== '' && preview.error && (
        <p className="field-error" data-testid="lessons-rule-check">
          {errorText(preview.error)}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
