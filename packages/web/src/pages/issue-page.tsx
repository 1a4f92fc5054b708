import { needsLessons } from '@closeloop/core/closure/lessons-policy';
import type { Activity, Comment, Issue } from '@closeloop/shared/api/issues';
import { DEFAULT_ISSUE_TYPES, PRIORITIES } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useRegisterActions } from '../actions/registry.tsx';
import { ApiError, api, errorText } from '../api/client.ts';
import { itemsOf, keys, useActivity, useComments, useIssue, useMe, useOptional } from '../api/hooks.ts';
import { MentionTextarea } from '../components/mention-textarea.tsx';
import { useAskResolution } from '../components/resolution-dialog.tsx';
import { RichText } from '../components/rich-text.tsx';
import { SimilarIssuesPanel } from '../components/similar-issues.tsx';
import { useToast } from '../components/toasts.tsx';
import { Avatar, ErrorState, PRIORITY_LABEL, PriorityIcon, Spinner, StatusIcon } from '../components/ui.tsx';
import { useDirectory } from '../lib/directory.ts';
import { humanize, relativeTime } from '../lib/format.ts';
import { useIssueCommands } from '../lib/issue-commands.ts';
import { closingChanges, writeLessons } from '../lib/lessons.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { type Changes, conflictCurrent, describeWriteError, patchIssue, putIssue } from '../lib/mutations.ts';
import { useIssueTypes, useWorkflow } from '../lib/project-meta.ts';
import { EditComment, EditHistory, Reactions } from './comment-extras.tsx';
import { IssueAssignment } from './issue-assignment.tsx';
import { CustomFieldsPanel } from './issue-custom-fields.tsx';
import { IssueLessons } from './issue-lessons.tsx';
import { IssueRelations } from './issue-relations.tsx';
import { IssueSeverity } from './issue-severity.tsx';

// Monitoring (charts, stack traces) only matters for error issues: loaded on demand.
const MonitoringSection = lazy(() =>
  import('./monitoring/monitoring-section.tsx').then((m) => ({ default: m.MonitoringSection })),
);

type Conflict = { mine: Changes; theirs: Issue; base: Issue };
const FIELD_NAMES: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  type: 'Type',
  assigneeUserId: 'Assignee',
  assigneeTeamId: 'Team',
  labels: 'Labels',
  dueDate: 'Due date',
  startDate: 'Start date',
  estimateMinutes: 'Estimate',
  resolution: 'Resolution',
  resolutionNote: 'Resolution note',
  parentKey: 'Parent',
};

export function IssuePage() {
  const { key = '' } = useParams();
  const issueKey = key.toUpperCase();
  const issue = useIssue(issueKey);
  if (issue.isLoading) return <Spinner label={`Loading ${issueKey}`} />;
  if (issue.error || !issue.data)
    return (
      <ErrorState
        error={
          issue.error instanceof ApiError && issue.error.status === 404
            ? new Error(`${issueKey} does not exist or you cannot see it.`)
            : issue.error
        }
        retry={() => issue.refetch()}
      />
    );
  return <IssueView issue={issue.data} />;
}

function IssueView({ issue }: { issue: Issue }) {
  const qc = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const dir = useDirectory();
  const me = useMe();
  const wf = useWorkflow(issue.projectKey, issue.type);
  const types = useIssueTypes(issue.projectKey);
  const commands = useIssueCommands(wf);
  const askResolution = useAskResolution();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [editingTitle, setEditingTitle] = useState(false);
  const [title, setTitle] = useState(issue.title);
  const [editingDesc, setEditingDesc] = useState(false);
  const [desc, setDesc] = useState(issue.description);
  useEffect(() => {
    if (!editingTitle) setTitle(issue.title);
    if (!editingDesc) setDesc(issue.description);
  }, [issue.title, issue.description, editingTitle, editingDesc]);

  const save = async (changes: Changes, base: Issue = issue): Promise<boolean> => {
    try {
      await patchIssue(qc, base, changes);
      setConflict(null);
      return true;
    } catch (e) {
      const current = conflictCurrent(e);
      if (current) {
        putIssue(qc, current);
        setConflict({ mine: changes, theirs: current, base });
        qc.invalidateQueries({ queryKey: keys.activity(issue.key) });
      } else toast(describeWriteError(e, wf.nameOf), 'error');
      return false;
    }
  };
  const setStatus = async (to: string) => {
    if (to === issue.status) return;
    const cat = wf.categoryOf(to);
    const extra: Changes = {};
    if (cat === 'done' || cat === 'cancelled') {
      const c = await askResolution({
        title: `Close ${issue.key} as ${wf.nameOf(to)}`,
        defaultResolution: cat === 'done' ? 'fixed' : 'wont_fix',
        lessons: needsLessons(issue),
      });
      if (!c) return;
      const { changes, lessons } = closingChanges(c);
      if (await save({ status: to, ...changes })) {
        await writeLessons(issue.key, lessons).catch((e) => toast(errorText(e), 'error'));
        qc.invalidateQueries({ queryKey: ['lessons', issue.key] });
      }
      return;
    }
    await save({ status: to, ...extra });
  };

  useRegisterActions([
    {
      id: 'issue-assign',
      title: 'Assign…',
      section: 'Issue',
      shortcut: 'a',
      perform: () => commands.assign([issue]),
    },
    {
      id: 'issue-priority',
      title: 'Set priority…',
      section: 'Issue',
      shortcut: 'p',
      perform: () => commands.prioritize([issue]),
    },
    {
      id: 'issue-status',
      title: 'Change status…',
      section: 'Issue',
      shortcut: 's',
      perform: () => commands.changeStatus([issue]),
    },
    {
      id: 'issue-team',
      title: 'Set team…',
      section: 'Issue',
      shortcut: 't',
      perform: () => commands.assignTeam([issue]),
    },
    {
      id: 'issue-edit-title',
      title: 'Edit title',
      section: 'Issue',
      shortcut: 'e',
      perform: () => setEditingTitle(true),
    },
    {
      id: 'issue-edit-desc',
      title: 'Edit description',
      section: 'Issue',
      shortcut: 'd',
      perform: () => setEditingDesc(true),
    },
    {
      id: 'issue-comment',
      title: 'Comment',
      section: 'Issue',
      shortcut: 'r',
      perform: () => document.getElementById('comment-box')?.querySelector('textarea')?.focus(),
    },
    {
      id: 'issue-assign-me',
      title: 'Assign to me',
      section: 'Issue',
      shortcut: 'i',
      perform: () => me.data && save({ assigneeUserId: me.data.user.id }),
    },
    {
      id: 'issue-close',
      title: 'Close issue…',
      section: 'Issue',
      perform: () => {
        const done = wf.statuses.find((s) => s.category === 'done');
        if (done) void setStatus(done.key);
      },
    },
    {
      id: 'issue-back',
      title: 'Back to the list',
      section: 'Issue',
      shortcut: 'u',
      perform: () => navigate(`/issues?project=${issue.projectKey}`),
    },
  ]);

  const typeOptions = types.length
    ? types.map((t) => ({ key: t.key, name: t.name }))
    : DEFAULT_ISSUE_TYPES.map((k) => ({ key: k, name: humanize(k) }));
  if (!typeOptions.some((t) => t.key === issue.type))
    typeOptions.push({ key: issue.type, name: humanize(issue.type) });
  const statusOptions = wf.statuses.filter(
    (s) => s.key === issue.status || wf.allowedFrom(issue.status).includes(s.key),
  );

  return (
    <div className="issue-layout">
      <div className="issue-main">
        <div className="issue-main-inner">
          <nav className="breadcrumb" aria-label="Breadcrumb">
            <Link to={`/issues?project=${issue.projectKey}`}>{issue.projectKey}</Link>
            <span aria-hidden="true">›</span>
            <span>{issue.key}</span>
            {issue.parentKey && (
              <>
                <span aria-hidden="true">· sub-issue of</span>
                <Link to={`/issue/${issue.parentKey}`}>{issue.parentKey}</Link>
              </>
            )}
          </nav>
          {conflict && (
            <ConflictBanner
              conflict={conflict}
              onKeepTheirs={() => setConflict(null)}
              onApplyMine={() => void save(conflict.mine, conflict.theirs)}
            />
          )}
          {editingTitle ? (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                if (title.trim() && title !== issue.title) await save({ title: title.trim() });
                setEditingTitle(false);
              }}
            >
              <input
                className="input title-input"
                aria-label="Title"
                value={title}
                // biome-ignore lint/a11y/noAutofocus: the user asked to edit
                autoFocus
                onChange={(e) => setTitle(e.target.value)}
                onBlur={(e) => e.currentTarget.form?.requestSubmit()}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    setTitle(issue.title);
                    setEditingTitle(false);
                  }
                }}
              />
            </form>
          ) : (
            <h1>
              <button
                type="button"
                className="issue-title"
                onClick={() => setEditingTitle(true)}
                title="Edit title (E)"
              >
                {issue.title}
              </button>
            </h1>
          )}
          {editingDesc ? (
            <div>
              <MentionTextarea
                value={desc}
                onChange={setDesc}
                label="Description (Markdown)"
                className="textarea"
                autoFocus
                onSubmit={() => void saveDesc()}
              />
              <div className="dialog-actions">
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setDesc(issue.description);
                    setEditingDesc(false);
                  }}
                >
                  Cancel
                </button>
                <button type="button" className="btn btn-primary" onClick={() => void saveDesc()}>
                  Save description
                </button>
              </div>
            </div>
          ) : (
            // biome-ignore lint/a11y/useSemanticElements: contains rendered Markdown with links, cannot be a button
            <div
              className="description markdown"
              role="button"
              tabIndex={0}
              aria-label="Description; press Enter to edit"
              onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && setEditingDesc(true)}
              onClick={(e) => !(e.target as HTMLElement).closest('a') && setEditingDesc(true)}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html off, then DOMPurify
              dangerouslySetInnerHTML={{
                __html: issue.description
                  ? renderMarkdown(issue.description)
                  : '<p class="faint">Add a description…</p>',
              }}
            />
          )}
          {issue.resolution && (
            <div className="alert alert-info" style={{ marginTop: 16 }}>
              <strong>Resolved: {humanize(issue.resolution)}</strong>
              {issue.resolutionNote && (
                <div
                  className="markdown"
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised Markdown (markdown-it + DOMPurify)
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(issue.resolutionNote) }}
                />
              )}
            </div>
          )}
          <IssueAssignment issue={issue} />
          <IssueSeverity issue={issue} />
          <Suspense fallback={null}>
            <MonitoringSection issue={issue} />
          </Suspense>
          <IssueLessons issue={issue} />
          <SimilarIssuesPanel issue={issue} />
          <IssueRelations issue={issue} />
          <Feed issue={issue} />
        </div>
      </div>
      <aside className="issue-side" aria-label="Properties">
        <div className="prop">
          <span id="lbl-status">Status</span>
          <span style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <StatusIcon category={issue.statusCategory} />
            <select
              className="select"
              aria-labelledby="lbl-status"
              value={issue.status}
              onChange={(e) => void setStatus(e.target.value)}
            >
              {statusOptions.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </span>
        </div>
        <div className="prop">
          <span id="lbl-priority">Priority</span>
          <span style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <PriorityIcon priority={issue.priority} />
            <select
              className="select"
              aria-labelledby="lbl-priority"
              value={issue.priority}
              onChange={(e) => void save({ priority: e.target.value as Issue['priority'] })}
            >
              {[...PRIORITIES].reverse().map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </select>
          </span>
        </div>
        <div className="prop">
          <span id="lbl-type">Type</span>
          <select
            className="select"
            aria-labelledby="lbl-type"
            value={issue.type}
            onChange={(e) => void save({ type: e.target.value })}
          >
            {typeOptions.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="prop">
          <span id="lbl-assignee">Assignee</span>
          <select
            className="select"
            aria-labelledby="lbl-assignee"
            value={issue.assigneeUserId ?? ''}
            onChange={(e) => void save({ assigneeUserId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">Unassigned</option>
            {dir.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="prop">
          <span id="lbl-team">Team</span>
          <select
            className="select"
            aria-labelledby="lbl-team"
            value={issue.assigneeTeamId ?? ''}
            onChange={(e) => void save({ assigneeTeamId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">No team</option>
            {dir.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <LabelsField issue={issue} save={save} />
        <DateField label="Start date" value={issue.startDate} onSave={(v) => save({ startDate: v })} />
        <DateField label="Due date" value={issue.dueDate} onSave={(v) => save({ dueDate: v })} />
        <div className="prop">
          <span id="lbl-est">Estimate (min)</span>
          <input
            className="input"
            aria-labelledby="lbl-est"
            type="number"
            min={0}
            defaultValue={issue.estimateMinutes ?? ''}
            key={`est-${issue.version}`}
            onKeyDown={commitOnEnter}
            onBlur={(e) => {
              const v = e.target.value === '' ? null : Number(e.target.value);
              if (v !== issue.estimateMinutes) void save({ estimateMinutes: v });
            }}
          />
        </div>
        <MilestoneField issue={issue} save={save} />
        <div className="prop">
          <span id="lbl-parent">Parent</span>
          <input
            className="input"
            aria-labelledby="lbl-parent"
            placeholder="e.g. APP-1"
            defaultValue={issue.parentKey ?? ''}
            key={`parent-${issue.version}`}
            onKeyDown={commitOnEnter}
            onBlur={(e) => {
              const v = e.target.value.trim().toUpperCase() || null;
              if (v !== issue.parentKey) void save({ parentKey: v });
            }}
          />
        </div>
        {issue.resolution && (
          <div className="prop">
            <span>Resolution</span>
            <span>{humanize(issue.resolution)}</span>
          </div>
        )}
        <CustomFieldsPanel issue={issue} />
        <div className="side-section">Details</div>
        <div className="prop">
          <span>Reporter</span>
          <span style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <Avatar name={dir.userName(issue.reporterId)} size={18} />
            {dir.userName(issue.reporterId) ?? '—'}
          </span>
        </div>
        <div className="prop">
          <span>Created</span>
          <span>{relativeTime(issue.createdAt)}</span>
        </div>
        <div className="prop">
          <span>Updated</span>
          <span>{relativeTime(issue.updatedAt)}</span>
        </div>
        <div className="prop">
          <span>Source</span>
          <span>{humanize(issue.kind)}</span>
        </div>
        <Watchers issue={issue} />
      </aside>
    </div>
  );

  async function saveDesc() {
    if (desc !== issue.description) {
      if (await save({ description: desc })) setEditingDesc(false);
    } else setEditingDesc(false);
  }
}

function ConflictBanner({
  conflict,
  onKeepTheirs,
  onApplyMine,
}: {
  conflict: Conflict;
  onKeepTheirs: () => void;
  onApplyMine: () => void;
}) {
  const dir = useDirectory();
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'assigneeUserId') return dir.userName(v as number) ?? String(v);
    if (field === 'assigneeTeamId') return dir.teamName(v as number) ?? String(v);
    if (Array.isArray(v)) return v.join(', ');
    const s = String(v);
    return s.length > 80 ? `${s.slice(0, 80)}…` : s;
  };
  const fields = Object.keys(FIELD_NAMES).filter(
    (f) =>
      JSON.stringify((conflict.base as Record<string, unknown>)[f]) !==
        JSON.stringify((conflict.theirs as Record<string, unknown>)[f]) || f in conflict.mine,
  );
  return (
    <div className="conflict" role="alert" data-testid="conflict">
      <strong>Someone else changed this issue while you were editing.</strong>
      <div className="muted">
        Their version is shown now (v{conflict.theirs.version}). Your change was not saved.
      </div>
      <table>
        <thead>
          <tr>
            <th>Field</th>
            <th>Their change</th>
            <th>Yours</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f}>
              <td>{FIELD_NAMES[f]}</td>
              <td>{show(f, (conflict.theirs as Record<string, unknown>)[f])}</td>
              <td>
                {f in conflict.mine ? (
                  show(f, (conflict.mine as Record<string, unknown>)[f])
                ) : (
                  <span className="faint">unchanged</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="button" className="btn btn-sm btn-primary" onClick={onApplyMine}>
          Apply my change on top
        </button>
        <button type="button" className="btn btn-sm" onClick={onKeepTheirs}>
          Keep theirs
        </button>
      </div>
    </div>
  );
}

function DateField({
  label,
  value,
  onSave,
}: {
  label: string;
  value: string | null;
  onSave: (v: string | null) => void;
}) {
  const id = `lbl-${label.replace(/\s/g, '')}`;
  return (
    <div className="prop">
      <span id={id}>{label}</span>
      <input
        className="input"
        type="date"
        aria-labelledby={id}
        value={value ?? ''}
        onChange={(e) => onSave(e.target.value || null)}
      />
    </div>
  );
}

function LabelsField({ issue, save }: { issue: Issue; save: (c: Changes) => Promise<boolean> }) {
  const dir = useDirectory();
  const [text, setText] = useState('');
  return (
    <div className="prop" style={{ alignItems: 'start' }}>
      <span style={{ paddingTop: 6 }}>Labels</span>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, paddingTop: 4 }}>
        {issue.labels.map((l) => (
          <button
            key={l}
            type="button"
            className="chip"
            style={{ cursor: 'pointer' }}
            aria-label={`Remove label ${l}`}
            onClick={() => void save({ labels: issue.labels.filter((x) => x !== l) })}
          >
            <span className="chip-dot" style={{ background: dir.labelColor(l) ?? 'var(--muted)' }} />
            {l} ×
          </button>
        ))}
        <input
          className="input"
          style={{ height: 24, width: 110 }}
          aria-label="Add label"
          placeholder="+ label"
          list="label-options"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim()) {
              e.preventDefault();
              void save({ labels: [...new Set([...issue.labels, text.trim()])] });
              setText('');
            }
          }}
        />
        <datalist id="label-options">
          {dir.labels.map((l) => (
            <option key={l.id} value={l.name} />
          ))}
        </datalist>
      </div>
    </div>
  );
}

function Watchers({ issue }: { issue: Issue }) {
  const dir = useDirectory();
  const me = useMe();
  const qc = useQueryClient();
  const toast = useToast();
  const w = useOptional<{ userId: number }[] | { items: { userId: number }[] } | number[]>(
    ['watchers', issue.key],
    `/issues/${issue.key}/watchers`,
  );
  if (w.data === null || w.isLoading) return null;
  const raw = Array.isArray(w.data) ? w.data : itemsOf(w.data as { items: { userId: number }[] });
  const ids = raw.map((x) => (typeof x === 'number' ? x : (x as { userId: number }).userId));
  const watching = !!me.data && ids.includes(me.data.user.id);
  return (
    <>
      <div className="side-section">Watchers ({ids.length})</div>
      <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
        {ids.map((id) => (
          <Avatar key={id} name={dir.userName(id)} />
        ))}
        <button
          type="button"
          className="btn btn-sm"
          onClick={async () => {
            try {
              await api(`/issues/${issue.key}/watchers/me`, { method: watching ? 'DELETE' : 'POST' });
              qc.invalidateQueries({ queryKey: ['watchers', issue.key] });
            } catch (e) {
              toast(errorText(e), 'error');
            }
          }}
        >
          {watching ? 'Unwatch' : 'Watch'}
        </button>
      </div>
    </>
  );
}

type FeedItem = { at: string; kind: 'comment'; c: Comment } | { at: string; kind: 'activity'; a: Activity };

function Feed({ issue }: { issue: Issue }) {
  const comments = useComments(issue.key);
  const activity = useActivity(issue.key);
  const dir = useDirectory();
  const qc = useQueryClient();
  const toast = useToast();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const wf = useWorkflow(issue.projectKey, issue.type);
  const items: FeedItem[] = [
    ...itemsOf(comments.data).map((c) => ({ at: c.createdAt, kind: 'comment' as const, c })),
    ...itemsOf(activity.data)
      .filter((a) => a.action !== 'commented')
      .map((a) => ({ at: a.createdAt, kind: 'activity' as const, a })),
  ].sort((x, y) => x.at.localeCompare(y.at));

  const post = async () => {
    if (!body.trim()) return;
    setBusy(true);
    try {
      await api(`/issues/${issue.key}/comments`, { method: 'POST', body: { body } });
      setBody('');
      qc.invalidateQueries({ queryKey: keys.comments(issue.key) });
      qc.invalidateQueries({ queryKey: keys.activity(issue.key) });
    } catch (e) {
      toast(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const describe = (a: Activity) => {
    const v = (x: unknown) => {
      if (x === null || x === undefined || x === '') return 'none';
      if (a.field === 'status') return wf.nameOf(String(x));
      if (a.field === 'assigneeUserId' || a.field === 'assignee')
        return dir.userName(x as number) ?? String(x);
      if (a.field === 'assigneeTeamId' || a.field === 'team') return dir.teamName(x as number) ?? String(x);
      if (Array.isArray(x)) return x.join(', ') || 'none';
      if (typeof x === 'object') {
        const o = x as { name?: string; key?: string; title?: string };
        return o.name ?? o.key ?? o.title ?? JSON.stringify(x);
      }
      const s = String(x);
      return s.length > 60 ? `${s.slice(0, 60)}…` : s;
    };
    if (a.action === 'created') return <>created the issue</>;
    if (!a.field) return <>{humanize(a.action).toLowerCase()}</>;
    if (a.field === 'description') return <>edited the description</>;
    if (a.field === 'comment') return <>edited a comment</>;
    return (
      <>
        changed {(FIELD_NAMES[a.field] ?? humanize(a.field.replace(/^custom\./, ''))).toLowerCase()} from{' '}
        <strong>{v(a.from)}</strong> to <strong>{v(a.to)}</strong>
      </>
    );
  };
  return (
    <section aria-label="Activity and comments" style={{ marginTop: 28 }}>
      <h2 style={{ fontSize: 14 }}>Activity</h2>
      {(comments.isLoading || activity.isLoading) && <Spinner label="Loading activity" />}
      {comments.error && <ErrorState error={comments.error} />}
      <ol className="timeline-feed">
        {items.map((it) =>
          it.kind === 'comment' ? (
            <CommentItem key={`c${it.c.id}`} issueKey={issue.key} comment={it.c} />
          ) : (
            <li key={`a${it.a.id}`} className="feed-event">
              <Avatar name={dir.userName(it.a.actorId)} size={16} />
              <span>
                <strong>{dir.userName(it.a.actorId) ?? 'System'}</strong> {describe(it.a)}
              </span>
              <span className="faint">· {relativeTime(it.a.createdAt)}</span>
            </li>
          ),
        )}
      </ol>
      <div className="composer" id="comment-box">
        <MentionTextarea
          value={body}
          onChange={setBody}
          onSubmit={post}
          label="Write a comment"
          placeholder="Leave a comment… Markdown and @mentions work. Ctrl+Enter sends."
          className=""
        />
        <div className="composer-foot">
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={busy || !body.trim()}
            onClick={() => void post()}
          >
            {busy ? 'Sending…' : 'Comment'}
          </button>
        </div>
      </div>
    </section>
  );
}

function CommentItem({ issueKey, comment }: { issueKey: string; comment: Comment }) {
  const dir = useDirectory();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const mine = !!me.data && me.data.user.id === comment.authorId;
  return (
    <li className="feed-comment" data-testid="comment" data-comment-id={comment.id}>
      <header>
        <Avatar name={dir.userName(comment.authorId)} size={20} />
        <strong>{dir.userName(comment.authorId) ?? 'Someone'}</strong>
        <span className="faint">{relativeTime(comment.createdAt)}</span>
        <EditHistory comment={comment} />
        {mine && !editing && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            style={{ marginLeft: 'auto' }}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
        )}
      </header>
      {editing ? (
        <EditComment issueKey={issueKey} comment={comment} onDone={() => setEditing(false)} />
      ) : (
        <RichText html={comment.bodyHtml} />
      )}
      <Reactions issueKey={issueKey} comment={comment} />
    </li>
  );
}

/** Enter saves a field that saves on blur (by leaving it); Escape restores the saved value first. */
function commitOnEnter(e: React.KeyboardEvent<HTMLInputElement>) {
  if (e.key === 'Enter') {
    e.preventDefault();
    e.currentTarget.blur();
  } else if (e.key === 'Escape') {
    e.currentTarget.value = e.currentTarget.defaultValue;
    e.currentTarget.blur();
  }
}

type MilestoneOption = { id: number; name: string; targetDate: string | null; state: string };

/** The milestone an issue belongs to (story 1: how a risk hits the timeline). */
function MilestoneField({ issue, save }: { issue: Issue; save: (c: Changes) => Promise<boolean> }) {
  const ms = useOptional<MilestoneOption[] | { items: MilestoneOption[] }>(
    ['milestones', issue.projectKey],
    `/projects/${issue.projectKey}/milestones`,
  );
  if (ms.data === null) return null;
  const current = (issue as Issue & { milestone?: { id: number; name: string } | null }).milestone ?? null;
  const list = itemsOf(ms.data);
  return (
    <div className="prop">
      <span id="lbl-milestone">Milestone</span>
      <select
        className="select"
        aria-labelledby="lbl-milestone"
        value={current?.id ?? ''}
        onChange={(e) => void save({ milestone: e.target.value ? Number(e.target.value) : null } as Changes)}
      >
        <option value="">No milestone</option>
        {list.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {m.targetDate ? ` (${m.targetDate})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
