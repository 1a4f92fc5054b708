import type { ScoringSettings } from '@closeloop/shared/api/triage';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { relativeTime } from '../lib/format.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * Severity scoring of the current project: its critical routes and components, and how the
 * learned priority model compares with the default weights (both accuracies, example count).
 */
export function ScoringSettingsTab() {
  const { key } = useCurrentProject();
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: ['scoring', key],
    queryFn: () => api<ScoringSettings>(`/projects/${key}/scoring`),
    enabled: !!key,
  });
  const [critical, setCritical] = useState('');
  useEffect(() => {
    if (q.data) setCritical(q.data.critical.join('\n'));
  }, [q.data]);
  if (!key) return <EmptyState title="Pick a project first" />;
  const m = q.data?.model;
  const save = async () => {
    try {
      await api(`/projects/${key}/scoring`, {
        method: 'PUT',
        body: {
          critical: critical
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      });
      qc.invalidateQueries({ queryKey: ['scoring', key] });
      toast('Critical routes saved; scores follow within seconds', 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  return (
    <section aria-labelledby="scoring-title">
      <h2 id="scoring-title">Severity scoring · {key}</h2>
      <h3>Critical routes and components</h3>
      <p className="faint">
        One per line. A route starting with <code>/</code> matches by path segment (<code>/checkout</code>{' '}
        covers <code>/checkout/pay</code>); anything else names a component found in stack frames, culprits or
        labels.
      </p>
      <textarea
        className="input"
        aria-label="Critical routes and components"
        rows={4}
        value={critical}
        onChange={(e) => setCritical(e.target.value)}
      />
      <div>
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          Save
        </button>
      </div>
      <h3 style={{ marginTop: 24 }}>Learning from your priorities</h3>
      {m && (
        <table className="table" aria-label="Priority model">
          <tbody>
            <tr>
              <th scope="row">Labelled examples</th>
              <td data-testid="model-examples">
                {m.examples} {m.examples < m.minExamples ? `(trains from ${m.minExamples})` : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">Default weights, held-out accuracy</th>
              <td data-testid="model-default-accuracy">{pct(m.defaultAccuracy)}</td>
            </tr>
            <tr>
              <th scope="row">Learned model, held-out accuracy</th>
              <td data-testid="model-learned-accuracy">{pct(m.learnedAccuracy)}</td>
            </tr>
            <tr>
              <th scope="row">In use</th>
              <td>
                {m.adopted ? 'Learned model' : 'Default weights'}{' '}
                <span className="faint">
                  (the learned model must win by {Math.round(m.margin * 100)} points
                  {m.trainedAt ? `; trained ${relativeTime(m.trainedAt)}` : ''})
                </span>
              </td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
