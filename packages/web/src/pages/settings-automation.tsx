import type { AutomationRule } from '@closeloop/shared/api/automation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { actionText } from './settings-automation-actions.tsx';
import { RuleForm } from './settings-automation-form.tsx';
import { AutomationLog } from './settings-automation-log.tsx';
import { triggerText } from './settings-automation-trigger.tsx';

type Rule = AutomationRule & { id?: number };

/** Automation rules of the current project (when → if → then), a preview of matches, and the run log. */
export function AutomationTab() {
  const { key } = useCurrentProject();
  const qc = useQueryClient();
  const toast = useToast();
  const dir = useDirectory();
  const rules = useQuery({
    queryKey: ['automation-rules', key],
    queryFn: () => api<{ rules: Rule[] }>(`/projects/${key}/automation-rules`),
    enabled: !!key,
  });
  const [logOf, setLogOf] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  if (!key) return <EmptyState title="Pick a project first" />;
  if (rules.isError) return <ErrorState error={rules.error} />;
  if (!rules.data) return <Spinner />;
  const list = rules.data.rules;
  const save = async (next: Rule[], done: string) => {
    try {
      await api(`/projects/${key}/automation-rules`, {
        method: 'PUT',
        // Existing rules carry their id, so they keep their log and loop protection.
        body: { rules: next },
      });
      await qc.invalidateQueries({ queryKey: ['automation-rules', key] });
      toast(done, 'success');
      return true;
    } catch (e) {
      toast(errorText(e), 'error');
      return false;
    }
  };
  return (
    <section aria-labelledby="automation-title">
      <h2 id="automation-title">Automation · {key}</h2>
      <p className="faint">
        Rules run in order after each change: a trigger, a condition in the query language, then actions. A
        rule acts once per chain of automated changes, so rules cannot loop.
      </p>
      {list.length === 0 ? (
        <EmptyState title="No rules yet" />
      ) : (
        <table className="table" aria-label="Automation rules">
          <tbody>
            {list.map((r, i) => (
              <Fragment key={r.id ?? i}>
                <tr>
                  <td>
                    <strong>{r.name}</strong>
                    <div className="faint">
                      {triggerText(r.trigger)}
                      {r.condition ? ` · if ${r.condition}` : ''} · then{' '}
                      {r.actions.map((a) => actionText(a, dir)).join(', ')}
                    </div>
                  </td>
                  <td>{r.enabled ? 'On' : 'Off'}</td>
                  <td style={{ textAlign: 'right' }}>
                    {r.id !== undefined && (
                      <>
                        <button
                          type="button"
                          className="btn btn-sm"
                          aria-expanded={logOf === r.id}
                          onClick={() => setLogOf(logOf === r.id ? null : (r.id ?? null))}
                        >
                          Log
                        </button>{' '}
                        <button
                          type="button"
                          className="btn btn-sm"
                          aria-pressed={editing === r.id}
                          onClick={() => setEditing(editing === r.id ? null : (r.id ?? null))}
                        >
                          Edit
                        </button>{' '}
                      </>
                    )}
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() =>
                        void save(
                          list.map((x, j) => (j === i ? { ...x, enabled: !x.enabled } : x)),
                          r.enabled ? 'Rule off' : 'Rule on',
                        )
                      }
                    >
                      {r.enabled ? 'Turn off' : 'Turn on'}
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      onClick={() =>
                        void save(
                          list.filter((_, j) => j !== i),
                          'Rule removed',
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
                {r.id !== undefined && logOf === r.id && (
                  <tr>
                    <td colSpan={3}>
                      <AutomationLog projectKey={key} rule={{ id: r.id, name: r.name }} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {editing !== null && list.some((r) => r.id === editing) ? (
        <RuleForm
          key={`edit-${editing}`}
          projectKey={key}
          initial={list.find((r) => r.id === editing)}
          onCancel={() => setEditing(null)}
          onSubmit={async (rule) => {
            // The edited rule keeps its id (and so its log and loop protection) and its on/off state.
            const ok = await save(
              list.map((x) => (x.id === editing ? { ...rule, id: x.id, enabled: x.enabled } : x)),
              'Rule saved',
            );
            if (ok) setEditing(null);
            return ok;
          }}
        />
      ) : (
        <RuleForm key="new" projectKey={key} onSubmit={(r) => save([...list, r], 'Rule added')} />
      )}
      <h3>Execution log</h3>
      <AutomationLog projectKey={key} />
    </section>
  );
}
