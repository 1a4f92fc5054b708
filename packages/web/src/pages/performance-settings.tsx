import type { PerformanceSettings } from '@closeloop/shared/api/performance';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, errorText } from '../api/client.ts';

/** One flow per line: `Checkout: /cart -> /checkout -> /order/:id`. */
export function parseFlows(text: string): PerformanceSettings['flows'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, rest] =
        line.includes(':') && !line.startsWith('/') ? line.split(/:(.*)/s) : ['Flow', line];
      return {
        name: (name ?? 'Flow').trim(),
        steps: (rest ?? '')
          .split(/->|→/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}
const flowsText = (flows: PerformanceSettings['flows']) =>
  flows.map((f) => `${f.name}: ${f.steps.join(' -> ')}`).join('\n');

/** Time zone, flows and route patterns of a project (docs/performance.md), saved in one PUT. */
export function PerformanceSettingsForm({ projectKey }: { projectKey: string }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['performance-settings', projectKey],
    queryFn: () => api<PerformanceSettings>(`/projects/${projectKey}/performance-settings`),
  });
  const [tz, setTz] = useState('');
  const [flows, setFlows] = useState('');
  const [patterns, setPatterns] = useState('');
  useEffect(() => {
    if (!q.data) return;
    setTz(q.data.timeZone);
    setFlows(flowsText(q.data.flows));
    setPatterns(q.data.routePatterns.join('\n'));
  }, [q.data]);
  const save = useMutation({
    mutationFn: () =>
      api<PerformanceSettings>(`/projects/${projectKey}/performance-settings`, {
        method: 'PUT',
        body: {
          ...q.data!,
          timeZone: tz.trim(),
          flows: parseFlows(flows),
          routePatterns: patterns
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['performance-settings', projectKey] });
      void qc.invalidateQueries({ queryKey: ['performance'] });
    },
  });
  if (!q.data) return null;
  return (
    <details className="perf-settings">
      <summary>Settings: time zone, flows, route patterns</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          Time zone (IANA; the project’s one zone: hour-of-day baselines, SLA calendar and reports)
          <input className="input" value={tz} onChange={(e) => setTz(e.target.value)} />
        </label>
        <label>
          Flows, one per line (<span className="mono">Checkout: /cart -&gt; /checkout -&gt; /order/:id</span>)
          <textarea
            className="input mono"
            rows={3}
            value={flows}
            onChange={(e) => setFlows(e.target.value)}
          />
        </label>
        <label>
          Route patterns, one per line (<span className="mono">/product/:slug</span>,{' '}
          <span className="mono">/docs/*</span>)
          <textarea
            className="input mono"
            rows={3}
            value={patterns}
            onChange={(e) => setPatterns(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save
        </button>
        {save.error && <span className="error-text">{errorText(save.error)}</span>}
        {save.isSuccess && <span className="faint">Saved</span>}
      </form>
    </details>
  );
}
