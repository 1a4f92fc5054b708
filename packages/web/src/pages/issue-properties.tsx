import type { Issue } from '@closeloop/shared/api/issues';
import { DEFAULT_ISSUE_TYPES } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { bindActions } from '../actions/bind.ts';
import { usePick, useRegisterActions } from '../actions/registry.tsx';
import { api, errorText } from '../api/client.ts';
import { itemsOf, useMe, useOptional } from '../api/hooks.ts';
import { PickerField } from '../components/picker-field.tsx';
import { useToast } from '../components/toasts.tsx';
import { Avatar, PRIORITY_LABEL, PriorityIcon, StatusIcon } from '../components/ui.tsx';
import { useAssigneeSuggestions } from '../lib/assignee-suggestions.ts';
import { useDirectory } from '../lib/directory.ts';
import { humanize, relativeTime } from '../lib/format.ts';
import { priorityOptions, statusOptions, teamOptions } from '../lib/issue-commands.tsx';
import type { Changes } from '../lib/mutations.ts';
import { useIssueTypes, useWorkflow } from '../lib/project-meta.ts';
import { useResolutionName } from '../lib/resolutions.ts';
import { rankedAssigneeOptions } from './assignee-options.tsx';
import { CustomFieldsPanel } from './issue-custom-fields.tsx';

/** The properties side panel of an issue page: every field, editable in place, then details and watchers. */
export function IssueProperties({
  issue,
  save,
  setStatus,
}: {
  issue: Issue;
  save: (c: Changes) => Promise<boolean>;
  setStatus: (to: string) => Promise<void>;
}) {
  const dir = useDirectory();
  // Retired resolutions keep their name: an issue closed with one shows it as it was.
  const resolutionName = useResolutionName(issue.projectKey, issue.resolution);
  const suggestions = useAssigneeSuggestions(issue);
  const wf = useWorkflow(issue.projectKey, issue.type);
  const types = useIssueTypes(issue.projectKey);
  const typeOptions = types.length
    ? types.map((t) => ({ key: t.key, name: t.name }))
    : DEFAULT_ISSUE_TYPES.map((k) => ({ key: k, name: humanize(k) }));
  if (!typeOptions.some((t) => t.key === issue.type))
    typeOptions.push({ key: issue.type, name: humanize(issue.type) });
  const pick = usePick();
  const openStatus = () =>
    pick({
      title: 'Change status',
      current: issue.status,
      options: statusOptions(wf, issue.status),
      onPick: (id) => void setStatus(id),
    });
  const openPriority = () =>
    pick({
      title: 'Set priority',
      current: issue.priority,
      options: priorityOptions(),
      onPick: (id) => void save({ priority: id as Issue['priority'] }),
    });
  const openAssignee = () =>
    pick({
      title: 'Assign to',
      current: String(issue.assigneeUserId ?? 'none'),
      options: rankedAssigneeOptions(dir, suggestions.data?.items ?? []),
      onPick: (id) => void save({ assigneeUserId: id === 'none' ? null : Number(id) }),
    });
  const openTeam = () =>
    pick({
      title: 'Team',
      current: String(issue.assigneeTeamId ?? 'none'),
      options: teamOptions(dir),
      onPick: (id) => void save({ assigneeTeamId: id === 'none' ? null : Number(id) }),
    });
  // The fields and their shortcuts open the same pickers: the page's status change (with the close
  // dialog's duplicate and fix options) and the ranked assignee suggestions.
  useRegisterActions(
    bindActions('issue', {
      'issue-status': openStatus,
      'issue-priority': openPriority,
      'issue-assign': openAssignee,
      'issue-team': openTeam,
    }),
  );
  return (
    <aside className="issue-side" aria-label="Properties">
      <PickerField
        label="Status"
        action="issue-status"
        busy={wf.pending}
        icon={<StatusIcon category={issue.statusCategory} />}
        value={wf.nameOf(issue.status)}
        onOpen={openStatus}
      />
      <PickerField
        label="Priority"
        action="issue-priority"
        icon={<PriorityIcon priority={issue.priority} />}
        value={PRIORITY_LABEL[issue.priority]}
        onOpen={openPriority}
      />
      <PickerField
        label="Type"
        value={typeOptions.find((t) => t.key === issue.type)?.name ?? humanize(issue.type)}
        onOpen={() =>
          pick({
            title: 'Set type',
            current: issue.type,
            options: typeOptions.map((t) => ({ id: t.key, label: t.name })),
            onPick: (id) => void save({ type: id }),
          })
        }
      />
      <PickerField
        label="Assignee"
        action="issue-assign"
        busy={dir.pending}
        icon={<Avatar name={dir.userName(issue.assigneeUserId)} size={18} />}
        value={dir.userName(issue.assigneeUserId) ?? 'Unassigned'}
        onOpen={openAssignee}
      />
      <PickerField
        label="Team"
        action="issue-team"
        busy={dir.pending}
        value={dir.teamName(issue.assigneeTeamId) ?? 'No team'}
        onOpen={openTeam}
      />
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
          <span>{resolutionName}</span>
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
  const pick = usePick();
  const ms = useOptional<MilestoneOption[] | { items: MilestoneOption[] }>(
    ['milestones', issue.projectKey],
    `/projects/${issue.projectKey}/milestones`,
  );
  if (ms.data === null) return null;
  const current = (issue as Issue & { milestone?: { id: number; name: string } | null }).milestone ?? null;
  const list = itemsOf(ms.data);
  const label = (m: MilestoneOption) => `${m.name}${m.targetDate ? ` (${m.targetDate})` : ''}`;
  const shown = list.find((m) => m.id === current?.id);
  return (
    <PickerField
      label="Milestone"
      busy={ms.isPending}
      value={shown ? label(shown) : (current?.name ?? 'No milestone')}
      onOpen={() =>
        pick({
          title: 'Milestone',
          current: String(current?.id ?? 'none'),
          options: [
            { id: 'none', label: 'No milestone' },
            ...list.map((m) => ({ id: String(m.id), label: label(m), hint: m.state })),
          ],
          onPick: (id) => void save({ milestone: id === 'none' ? null : Number(id) } as Changes),
        })
      }
    />
  );
}
