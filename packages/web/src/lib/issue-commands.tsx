import type { Issue } from '@closeloop/shared/api/issues';
import { PRIORITIES } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { type PickOption, usePick } from '../actions/registry.tsx';
import { ApiError, errorText } from '../api/client.ts';
import { useAskResolution } from '../components/resolution-dialog.tsx';
import { useToast } from '../components/toasts.tsx';
import { Avatar, PRIORITY_LABEL, PriorityIcon, StatusIcon } from '../components/ui.tsx';
import { type Directory, useDirectory } from './directory.ts';
import { closingChanges, lessonsAskedOfAll, writeLessons } from './lessons.ts';
import {
  bulkUpdate,
  type Changes,
  conflictCurrent,
  describeWriteError,
  patchIssue,
  putIssue,
} from './mutations.ts';
import type { WorkflowView } from './project-meta.ts';

/** Picker options, shared by the shortcuts and the issue page's property fields. */
export const assigneeOptions = (dir: Directory): PickOption[] => [
  { id: 'none', label: 'Unassigned', icon: <Avatar name={null} size={18} /> },
  ...dir.members.map((m) => ({
    id: String(m.id),
    label: m.name,
    hint: m.email,
    icon: <Avatar name={m.name} size={18} />,
  })),
];
export const teamOptions = (dir: Directory): PickOption[] => [
  { id: 'none', label: 'No team' },
  ...dir.teams.map((t) => ({ id: String(t.id), label: t.name, hint: t.key })),
];
export const priorityOptions = (): PickOption[] =>
  [...PRIORITIES]
    .reverse()
    .map((p) => ({ id: p, label: PRIORITY_LABEL[p], icon: <PriorityIcon priority={p} /> }));
/** The statuses the workflow allows from `from`, and `from` itself. */
export const statusOptions = (wf: WorkflowView, from: string): PickOption[] => {
  const allowed = new Set(wf.allowedFrom(from));
  return wf.statuses
    .filter((s) => s.key === from || allowed.has(s.key))
    .map((s) => ({
      id: s.key,
      label: s.name,
      hint: s.category.replace('_', ' '),
      icon: <StatusIcon category={s.category} />,
    }));
};

/**
 * The a / p / s commands on one issue or a selection, shared by the list, the board, the issue
 * page and the palette: each opens the picker, then writes with versions.
 */
export function useIssueCommands(wf: WorkflowView) {
  const qc = useQueryClient();
  const pick = usePick();
  const toast = useToast();
  const dir = useDirectory();
  const askResolution = useAskResolution();

  const apply = async (issues: Issue[], changes: Changes, what: string) => {
    if (!issues.length) return;
    try {
      if (issues.length === 1) {
        await patchIssue(qc, issues[0]!, changes);
        toast(`${issues[0]!.key}: ${what}`, 'success');
      } else {
        const r = await bulkUpdate(qc, issues, changes);
        toast(
          r.failed.length ? `${r.ok} updated; failed: ${r.failed.join(', ')}` : `${r.ok} issues: ${what}`,
          r.failed.length ? 'error' : 'success',
        );
      }
    } catch (e) {
      const current = conflictCurrent(e);
      if (current) putIssue(qc, current);
      toast(describeWriteError(e, wf.nameOf), 'error');
      if (e instanceof ApiError && e.status !== 409) throw e;
    }
  };

  const moveTo = async (issues: Issue[], to: string) => {
    const cat = wf.categoryOf(to);
    let extra: Changes = {};
    if (cat === 'done' || cat === 'cancelled') {
      // The same lessons form as the issue page's close dialog, for every issue that owes a record.
      const asked = await lessonsAskedOfAll(qc, issues);
      const closing = await askResolution({
        title: `Close ${issues.length === 1 ? issues[0]!.key : `${issues.length} issues`} as ${wf.nameOf(to)}`,
        defaultResolution: cat === 'done' ? 'fixed' : 'wont_fix',
        lessons: asked.reasons,
        // One project's resolutions when every issue is of it; else the built-in ones.
        ...(new Set(issues.map((i) => i.projectKey)).size === 1 ? { projectKey: issues[0]!.projectKey } : {}),
      });
      if (!closing) return false;
      const { changes, lessons } = closingChanges(closing);
      try {
        // The records first: the server closes an issue that owes one only once it is written.
        await Promise.all(asked.owing.map((key) => writeLessons(key, lessons)));
      } catch (e) {
        toast(errorText(e), 'error');
        return false;
      }
      extra = changes;
    }
    await apply(issues, { status: to, ...extra }, `moved to ${wf.nameOf(to)}`);
    return true;
  };

  return {
    moveTo,
    apply,
    assign(issues: Issue[]) {
      if (!issues.length) return;
      pick({
        title: 'Assign to',
        current: String(issues[0]!.assigneeUserId ?? 'none'),
        options: assigneeOptions(dir),
        onPick: (id) => {
          const userId = id === 'none' ? null : Number(id);
          void apply(
            issues,
            { assigneeUserId: userId },
            `assigned to ${dir.userName(userId) ?? 'nobody'}`,
          ).catch(() => {});
        },
      });
    },
    assignTeam(issues: Issue[]) {
      if (!issues.length) return;
      pick({
        title: 'Team',
        current: String(issues[0]!.assigneeTeamId ?? 'none'),
        options: teamOptions(dir),
        onPick: (id) => {
          const teamId = id === 'none' ? null : Number(id);
          void apply(issues, { assigneeTeamId: teamId }, `team ${dir.teamName(teamId) ?? 'none'}`).catch(
            () => {},
          );
        },
      });
    },
    prioritize(issues: Issue[]) {
      if (!issues.length) return;
      pick({
        title: 'Set priority',
        current: issues[0]!.priority,
        options: priorityOptions(),
        onPick: (id) =>
          void apply(issues, { priority: id as Issue['priority'] }, `priority ${id}`).catch(() => {}),
      });
    },
    /** Labels: picking one the issues all have removes it, any other adds it. */
    labels(issues: Issue[]) {
      if (!issues.length) return;
      const onAll = (name: string) => issues.every((i) => i.labels.includes(name));
      pick({
        title: 'Labels',
        options: dir.labels.map((l) => ({
          id: l.name,
          label: l.name,
          checked: onAll(l.name),
          icon: <span className="chip-dot" style={{ background: l.color ?? 'var(--muted)' }} />,
        })),
        onPick: (name) => {
          const remove = onAll(name);
          void Promise.all(
            issues.map((i) =>
              apply(
                [i],
                { labels: remove ? i.labels.filter((x) => x !== name) : [...new Set([...i.labels, name])] },
                `${remove ? 'removed' : 'added'} label ${name}`,
              ),
            ),
          ).catch(() => {});
        },
      });
    },
    changeStatus(issues: Issue[]) {
      if (!issues.length) return;
      const from = issues[0]!.status;
      pick({
        title: 'Change status',
        current: from,
        options: statusOptions(wf, from),
        onPick: (id) => {
          if (id !== from) void moveTo(issues, id).catch(() => {});
        },
      });
    },
  };
}
