import type { CustomField, Workflow } from '@closeloop/shared/api/workflows';
import { STATUS_CATEGORIES } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, api, errorText } from '../api/client.ts';
import { useOptional } from '../api/hooks.ts';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { humanize } from '../lib/format.ts';
import { useIssueTypes } from '../lib/project-meta.ts';

type Status = Workflow['statuses'][number];
// REQUIRABLE_FIELDS of @closeloop/shared/api/workflows, restated so this chunk does not pull zod in.
const REQUIRABLE_FIELDS = ['resolution', 'resolutionNote', 'assignee', 'dueDate', 'estimateMinutes'];
type Draft = { initial: string; statuses: Status[]; transitions: { from: string; to: string }[] };

const draftOf = (w: Workflow): Draft => ({
  initial: w.initial,
  statuses: w.statuses.map((s) => ({ ...s, required: [...s.required] })),
  transitions: w.transitions.map((t) => ({ ...t })),
});

/**
 * The workflow editor (admins): statuses with categories and required fields, the initial status,
 * and the allowed-transitions matrix. Removing statuses that issues still use makes the server
 * answer 422 with `unmapped`; the editor then asks where those issues go and saves again.
 */
export function WorkflowEditor() {
  const current = useCurrentProject();
  const { key, project } = current;
  const types = useIssueTypes(key ?? undefined);
  const [type, setType] = useState('default');
  const wf = useOptional<Workflow>(
    ['workflow', key, type === 'default' ? null : type],
    `/projects/${key}/workflows/${type}`,
    !!key,
  );
  const fields = useOptional<CustomField[]>(['fields', key], `/projects/${key}/fields`, !!key);
  const qc = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unmapped, setUnmapped] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (wf.data) setDraft(draftOf(wf.data));
    setUnmapped([]);
    setMapping({});
    setError(null);
  }, [wf.data]);

  if (wf.isLoading || (!draft && wf.data)) return <Spinner label="Loading workflow" />;
  if (wf.error) return <ErrorState error={wf.error} />;
  if (!wf.data || !draft) return <p className="muted">This server has no workflow editor yet.</p>;

  const requirable = [...REQUIRABLE_FIELDS, ...(fields.data ?? []).map((f) => `custom.${f.key}`)];
  const update = (i: number, patch: Partial<Status>) =>
    setDraft({ ...draft, statuses: draft.statuses.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const allowed = (from: string, to: string) => draft.transitions.some((t) => t.from === from && t.to === to);
  const toggle = (from: string, to: string) =>
    setDraft({
      ...draft,
      transitions: allowed(from, to)
        ? draft.transitions.filter((t) => !(t.from === from && t.to === to))
        : [...draft.transitions, { from, to }],
    });
  const remove = (i: number) => {
    const k = draft.statuses[i]!.key;
    const statuses = draft.statuses.filter((_, j) => j !== i);
    setDraft({
      initial: draft.initial === k ? (statuses[0]?.key ?? '') : draft.initial,
      statuses,
      transitions: draft.transitions.filter((t) => t.from !== k && t.to !== k),
    });
  };

  const save = async (withMapping: Record<string, string>) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/projects/${key}/workflows/${type}`, {
        method: 'PUT',
        body: { ...draft, mapping: withMapping },
      });
      toast('Workflow saved', 'success');
      setUnmapped([]);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['workflow', key] }),
        qc.invalidateQueries({ queryKey: ['project', key] }),
        qc.invalidateQueries({ queryKey: ['issues'] }),
      ]);
    } catch (e) {
      const d = e instanceof ApiError ? (e.details as { unmapped?: string[] } | null) : null;
      if (e instanceof ApiError && e.status === 422 && d?.unmapped?.length) {
        setUnmapped(d.unmapped);
        setMapping(
          Object.fromEntries(d.unmapped.map((u) => [u, withMapping[u] ?? draft.statuses[0]?.key ?? ''])),
        );
      }
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const nameOf = (k: string) => wf.data?.statuses.find((s) => s.key === k)?.name ?? k;
  return (
    <section aria-labelledby="wf-title">
      <div className="section-title">
        <h2 id="wf-title">Workflow{project ? ` · ${project.name}` : ''}</h2>
        <ProjectPicker current={current} />
        <select
          className="select-inline"
          aria-label="Issue type"
          value={type}
          onChange={(e) => setType(e.target.value)}
        >
          <option value="default">Default workflow</option>
          {types.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      {wf.data.inherited && (
        <p className="muted">This type follows the default workflow; saving gives it its own.</p>
      )}
      <table className="table" aria-label="Statuses">
        <thead>
          <tr>
            <th>Initial</th>
            <th>Name</th>
            <th>Key</th>
            <th>Category</th>
            <th>Required on entry</th>
            <th title="Moving on to done takes someone other than the person who moved the issue here">
              Verification step
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.statuses.map((s, i) => (
            <tr key={s.key}>
              <td>
                <input
                  type="radio"
                  name="initial"
                  aria-label={`${s.name} is the initial status`}
                  checked={draft.initial === s.key}
                  onChange={() => setDraft({ ...draft, initial: s.key })}
                />
              </td>
              <td>
                <input
                  className="input"
                  aria-label={`Name of ${s.key}`}
                  value={s.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
              </td>
              <td className="mono muted">{s.key}</td>
              <td>
                <select
                  className="select-inline"
                  aria-label={`Category of ${s.key}`}
                  value={s.category}
                  onChange={(e) => update(i, { category: e.target.value as Status['category'] })}
                >
                  {STATUS_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {humanize(c)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <details>
                  <summary>{s.required.length ? s.required.join(', ') : 'Nothing'}</summary>
                  {requirable.map((f) => (
                    <label key={f} className="check">
                      <input
                        type="checkbox"
                        checked={s.required.includes(f)}
                        onChange={(e) =>
                          update(i, {
                            required: e.target.checked
                              ? [...s.required, f]
                              : s.required.filter((x) => x !== f),
                          })
                        }
                      />{' '}
                      {f}
                    </label>
                  ))}
                </details>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${s.name} is a verification step`}
                  checked={s.verification}
                  onChange={(e) => update(i, { verification: e.target.checked })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  aria-label={`Remove status ${s.name}`}
                  onClick={() => remove(i)}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddStatus
        taken={draft.statuses.map((s) => s.key)}
        onAdd={(s) => setDraft({ ...draft, statuses: [...draft.statuses, s] })}
      />
      <h3>Allowed transitions</h3>
      <div style={{ overflowX: 'auto' }}>
        <table className="table matrix" aria-label="Allowed transitions">
          <thead>
            <tr>
              <th>From ↓ / to →</th>
              {draft.statuses.map((s) => (
                <th key={s.key}>{s.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[{ key: '*', name: 'Any status' }, ...draft.statuses].map((from) => (
              <tr key={from.key}>
                <th scope="row">{from.name}</th>
                {draft.statuses.map((to) => (
                  <td key={to.key}>
                    {from.key !== to.key && (
                      <input
                        type="checkbox"
                        aria-label={`Allow ${from.name} to ${to.name}`}
                        checked={allowed(from.key, to.key)}
                        onChange={() => toggle(from.key, to.key)}
                      />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {unmapped.length > 0 && (
        <fieldset className="mapping">
          <legend>Where do issues in removed statuses go?</legend>
          {unmapped.map((u) => (
            <label key={u} className="field">
              <span>Issues in {nameOf(u)} move to</span>
              <select
                className="select-inline"
                value={mapping[u] ?? ''}
                onChange={(e) => setMapping({ ...mapping, [u]: e.target.value })}
              >
                {draft.statuses.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => void save(unmapped.length ? mapping : {})}
        >
          {unmapped.length ? 'Move issues and save' : 'Save workflow'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => wf.data && setDraft(draftOf(wf.data))}
        >
          Discard changes
        </button>
      </div>
    </section>
  );
}

function AddStatus({ taken, onAdd }: { taken: string[]; onAdd: (s: Status) => void }) {
  const [name, setName] = useState('');
  const [category, setCategory] = useState<Status['category']>('in_progress');
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!key || taken.includes(key)) return;
        onAdd({ key, name: name.trim(), category, required: [], verification: false });
        setName('');
      }}
    >
      <label className="field">
        <span>New status</span>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Blocked"
          required
        />
      </label>
      <label className="field">
        <span>Category</span>
        <select
          className="select-inline"
          value={category}
          onChange={(e) => setCategory(e.target.value as Status['category'])}
        >
          {STATUS_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {humanize(c)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn" disabled={!key || taken.includes(key)}>
        Add status
      </button>
    </form>
  );
}
