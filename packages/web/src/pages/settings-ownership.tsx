import type { CustomField } from '@closeloop/shared/api/workflows';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useOptional } from '../api/hooks.ts';
import { MemberOptions } from '../components/directory-options.tsx';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { conditionsText, type OwnershipRule, OwnershipRuleForm } from './settings-ownership-form.tsx';

/** Ownership rules of the current project (the last matching rule decides) and each team's strategy and lead. */
export function OwnershipTab() {
  const { key } = useCurrentProject();
  const dir = useDirectory();
  const qc = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState<number | null>(null);
  const fields = useOptional<CustomField[]>(['fields', key], `/projects/${key}/fields`, !!key);
  const fieldName = (k: string) => fields.data?.find((f) => f.key === k)?.name ?? k;
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
    setEditing(null); // the form holds a position, which moving changes
    const next = [...rules];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    void save(next, 'Order saved');
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
                  <div className="faint">{conditionsText(r.when, fieldName)}</div>
                </td>
                <td>
                  → {r.teamId ? dir.teamName(r.teamId) : ''}
                  {r.teamId && r.userId ? ' / ' : ''}
                  {r.userId ? dir.userName(r.userId) : ''}
                </td>
                <td style={{ textAlign: 'right' }}>
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-pressed={editing === i}
                    onClick={() => setEditing(editing === i ? null : i)}
                  >
                    Edit
                  </button>{' '}
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
                    onClick={() => {
                      setEditing(null);
                      void save(
                        rules.filter((_, j) => j !== i),
                        'Rule removed',
                      );
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing !== null && rules[editing] ? (
        <OwnershipRuleForm
          key={`edit-${editing}`}
          projectKey={key}
          initial={rules[editing]}
          onCancel={() => setEditing(null)}
          onSubmit={async (rule) => {
            const ok = await save(
              rules.map((r, j) => (j === editing ? rule : r)),
              'Rule saved',
            );
            if (ok) setEditing(null);
            return ok;
          }}
        />
      ) : (
        <OwnershipRuleForm
          key="new"
          projectKey={key}
          onSubmit={(rule) => save([...rules, rule], 'Rule added')}
        />
      )}
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
          <MemberOptions />
        </select>
      </td>
    </tr>
  );
}
