import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';

const CONDITIONS = [
  ['types', 'Types'],
  ['labels', 'Labels'],
  ['text', 'Text'],
  ['routes', 'Routes (glob)'],
  ['framePaths', 'Stack frame paths (glob)'],
  ['errorTypes', 'Error types'],
  ['releases', 'Releases'],
] as const;

type When = Partial<Record<(typeof CONDITIONS)[number][0], string[]>>;
interface OwnershipRule {
  name: string;
  when: When & { fields?: Record<string, string[]> };
  teamId: number | null;
  userId: number | null;
}

const list = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Ownership rules of the current project (the last matching rule decides) and each team's strategy and lead. */
export function OwnershipTab() {
  const { key } = useCurrentProject();
  const dir = useDirectory();
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: ['ownership-rules', key],
    queryFn: () => api<{ rules: OwnershipRule[] }>(`/projects/${key}/ownership-rules`),
    enabled: !!key,
  });
  if (!key) return <EmptyState title="Pick a project first" />;
  if (q.isError) return <ErrorState error={q.error} />;
  if (!q.data) return <Spinner />;
  const rules = q.data.rules;
  const save = async (next: OwnershipRule[], done: string) => {
    try {
      await api(`/projects/${key}/ownership-rules`, { method: 'PUT', body: { rules: next } });
      await qc.invalidateQueries({ queryKey: ['ownership-rules', key] });
      toast(done, 'success');
      return true;
    } catch (e) {
      toast(errorText(e), 'error');
      return false;
    }
  };
  const move = (i: number, by: number) => {
    const next = [...rules];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    void save(next, 'Order saved');
  };
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const when: When = {};
    for (const [k] of CONDITIONS) {
      const v = list(f.get(k));
      if (v.length) when[k] = v;
    }
    const team = String(f.get('teamId') ?? '');
    const user = String(f.get('userId') ?? '');
    const ok = await save(
      [
        ...rules,
        {
          name: String(f.get('name')),
          when,
          teamId: team ? Number(team) : null,
          userId: user ? Number(user) : null,
        },
      ],
      'Rule added',
    );
    if (ok) form.reset();
  };
  return (
    <section aria-labelledby="ownership-title">
      <h2 id="ownership-title">Ownership · {key}</h2>
      <p className="faint">
        Like CODEOWNERS: rules are read top to bottom and the last one that matches routes a new issue to its
        team and/or person; the team's strategy then picks a person if none is named.
      </p>
      {rules.length === 0 ? (
        <EmptyState title="No ownership rules yet" />
      ) : (
        <table className="table" aria-label="Ownership rules">
          <tbody>
            {rules.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; the list is replaced whole on each save
              <tr key={`${r.name}-${i}`}>
                <td>
                  <strong>{r.name}</strong>
                  <div className="faint">
                    {Object.entries(r.when)
                      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : JSON.stringify(v)}`)
                      .join(' · ') || 'every issue'}
                  </div>
                </td>
                <td>
                  → {r.teamId ? dir.teamName(r.teamId) : ''}
                  {r.teamId && r.userId ? ' / ' : ''}
                  {r.userId ? dir.userName(r.userId) : ''}
                </td>
                <td style={{ textAlign: 'right' }}>
                  <button type="button" className="btn btn-sm" disabled={i === 0} onClick={() => move(i, -1)}>
                    Up
                  </button>{' '}
                  <button
                    type="button"
                    className="btn btn-sm"
                    disabled={i === rules.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Down
                  </button>{' '}
                  <button
                    type="button"
                    className="btn btn-sm btn-danger"
                    onClick={() =>
                      void save(
                        rules.filter((_, j) => j !== i),
                        'Rule removed',
                      )
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="stack-form" aria-label="New ownership rule" onSubmit={(e) => void add(e)}>
        <h3>Add a rule</h3>
        <label className="field">
          <span>Name</span>
          <input className="input" name="name" required maxLength={120} />
        </label>
        {CONDITIONS.map(([k, label]) => (
          <label key={k} className="field">
            <span>{label}, comma-separated</span>
            <input className="input" name={k} />
          </label>
        ))}
        <label className="field">
          <span>Team</span>
          <select className="input" name="teamId">
            <option value="">none</option>
            {dir.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Person</span>
          <select className="input" name="userId">
            <option value="">none</option>
            {dir.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="submit" className="btn btn-primary">
            Add rule
          </button>
        </div>
      </form>
      <TeamStrategies />
    </section>
  );
}

function TeamStrategies() {
  const dir = useDirectory();
  return (
    <>
      <h3>Team assignment</h3>
      <table className="table" aria-label="Team strategies">
        <tbody>
          {dir.teams.map((t) => (
            <TeamStrategyRow key={t.id} teamId={t.id} name={t.name} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function TeamStrategyRow({ teamId, name }: { teamId: number; name: string }) {
  const dir = useDirectory();
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: ['team-assignment', teamId],
    queryFn: () => api<{ strategy: string; leadUserId: number | null }>(`/teams/${teamId}/assignment`),
  });
  const set = async (body: object) => {
    try {
      await api(`/teams/${teamId}/assignment`, { method: 'PATCH', body });
      await qc.invalidateQueries({ queryKey: ['team-assignment', teamId] });
      toast(`${name} saved`, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  if (!q.data) return null;
  return (
    <tr>
      <td>{name}</td>
      <td>
        <select
          className="select"
          aria-label={`Strategy of ${name}`}
          value={q.data.strategy}
          onChange={(e) => void set({ strategy: e.target.value })}
        >
          {['manual', 'round-robin', 'least-loaded', 'best-match'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </td>
      <td>
        <select
          className="select"
          aria-label={`Lead of ${name}`}
          value={q.data.leadUserId ?? ''}
          onChange={(e) => void set({ leadUserId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">no lead</option>
          {dir.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
