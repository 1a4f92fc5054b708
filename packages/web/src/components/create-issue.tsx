import type { Issue } from '@closeloop/shared/api/issues';
import { DEFAULT_ISSUE_TYPES, PRIORITIES } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type FormEvent,
  type ReactNode,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { keys, useLabels, useProjects } from '../api/hooks.ts';
import { humanize } from '../lib/format.ts';
import { useIssueTypes } from '../lib/project-meta.ts';
import { MemberOptions, TeamOptions } from './directory-options.tsx';
import { SimilarWhileTyping } from './similar-issues.tsx';
import { useToast } from './toasts.tsx';
import { PRIORITY_LABEL } from './ui.tsx';

type Defaults = { project?: string; status?: string; dueDate?: string };
const Ctx = createContext<{ open: (d?: Defaults) => void; state: Defaults | null; close: () => void }>({
  open: () => {},
  state: null,
  close: () => {},
});

export function CreateIssueProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<Defaults | null>(null);
  return (
    <Ctx.Provider value={{ open: (d) => setState(d ?? {}), state, close: () => setState(null) }}>
      {children}
    </Ctx.Provider>
  );
}
export const useCreateIssue = () => useContext(Ctx);

export function CreateIssueDialog() {
  const { state, close } = useCreateIssue();
  const projects = useProjects();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const initialProject =
    state?.project ?? localStorage.getItem('closeloop.project') ?? projects.data?.[0]?.key ?? '';
  const [project, setProject] = useState(initialProject);
  const [title, setTitle] = useState('');
  const types = useIssueTypes(project || undefined);
  const labels = useLabels();

  // A layout effect runs in the same task as the render that opens the dialog: with a passive effect,
  // keys typed right after the shortcut could land before the reset and be wiped.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens
  useLayoutEffect(() => {
    if (state) {
      setError(null);
      setProject(initialProject);
      setTitle('');
      requestAnimationFrame(() => first.current?.focus());
    }
  }, [state]);
  if (!state) return null;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const team = f.get('team') as string;
    const assignee = f.get('assignee') as string;
    const body: Record<string, unknown> = {
      title: f.get('title'),
      description: f.get('description') ?? '',
      type: f.get('type'),
      priority: f.get('priority'),
      assigneeTeamId: team ? Number(team) : null,
      assigneeUserId: assignee ? Number(assignee) : null,
      dueDate: (f.get('dueDate') as string) || null,
      // Labels are given at creation so ownership rules, which route new issues, can match on them.
      labels: [
        ...new Set(
          String(f.get('labels') ?? '')
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean),
        ),
      ],
    };
    if (state.status) body.status = state.status;
    setBusy(true);
    setError(null);
    try {
      const issue = await api<Issue>(`/projects/${project}/issues`, { method: 'POST', body });
      qc.invalidateQueries({ queryKey: keys.issues });
      qc.setQueryData(keys.issue(issue.key), issue);
      toast(`Created ${issue.key}`, 'success');
      close();
      if (f.get('open')) navigate(`/issue/${issue.key}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const typeKeys = types.length
    ? types.map((t) => ({ key: t.key, name: t.name }))
    : DEFAULT_ISSUE_TYPES.map((k) => ({ key: k, name: humanize(k) }));
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop's click-to-close is a pointer shortcut; Escape closes the dialog from the keyboard
    <div className="overlay" onMouseDown={close}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="create-title"
        onSubmit={submit}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.requestSubmit();
        }}
      >
        <h2 id="create-title">New issue</h2>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <label className="field">
          <span>Title</span>
          <input
            ref={first}
            className="input"
            name="title"
            required
            maxLength={500}
            placeholder="What needs attention?"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <SimilarWhileTyping project={project} title={title} />
        <label className="field">
          <span>Description (Markdown)</span>
          <textarea
            className="textarea"
            name="description"
            rows={4}
            placeholder="Context, impact, next steps…"
          />
        </label>
        <div className="grid-2">
          <label className="field">
            <span>Project</span>
            <select
              className="select"
              name="project"
              value={project}
              onChange={(e) => setProject(e.target.value)}
            >
              {(projects.data ?? []).map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name} ({p.key})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Type</span>
            <select className="select" name="type" defaultValue="task">
              {typeKeys.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Priority</span>
            <select className="select" name="priority" defaultValue="none">
              {[...PRIORITIES].reverse().map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Team</span>
            <select className="select" name="team" defaultValue="">
              <option value="">No team</option>
              <TeamOptions />
            </select>
          </label>
          <label className="field">
            <span>Assignee</span>
            <select className="select" name="assignee" defaultValue="">
              <option value="">Unassigned</option>
              <MemberOptions />
            </select>
          </label>
          <label className="field">
            <span>Labels, comma-separated</span>
            <input className="input" name="labels" list="create-issue-labels" autoComplete="off" />
            <datalist id="create-issue-labels">
              {(labels.data ?? []).map((l) => (
                <option key={l.id} value={l.name} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span>Due date</span>
            <input className="input" type="date" name="dueDate" defaultValue={state.dueDate ?? ''} />
          </label>
        </div>
        <div className="dialog-actions">
          <label
            style={{ display: 'flex', alignItems: 'center', gap: 6, marginRight: 'auto' }}
            className="muted"
          >
            <input type="checkbox" name="open" className="checkbox" defaultChecked /> Open after creating
          </label>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !project}>
            {busy ? 'Creating…' : 'Create issue'}
          </button>
        </div>
      </form>
    </div>
  );
}
