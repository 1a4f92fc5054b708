import type { Issue } from '@closeloop/shared/api/issues';
import type { ActionIdIn } from '../actions/catalogue.ts';
import { useMe } from '../api/hooks.ts';
import { useToast } from '../components/toasts.tsx';
import type { useIssueCommands } from './issue-commands.tsx';
import type { WorkflowView } from './project-meta.ts';

type IssueCommands = ReturnType<typeof useIssueCommands>;
type Performers = Partial<Record<ActionIdIn<'list' | 'board' | 'issue'>, () => void>>;

/**
 * What the issue commands of the catalogue do to `targets()` (the current issue, or the
 * selection): the same on the list, the board and the issue page, whose menus, shortcuts and
 * palette entries all land here.
 */
export function useIssueActions(
  commands: IssueCommands,
  wf: WorkflowView,
  targets: () => Issue[],
): Performers {
  const toast = useToast();
  const meId = useMe().data?.user.id ?? null;
  return {
    'issue-status': () => commands.changeStatus(targets()),
    'issue-priority': () => commands.prioritize(targets()),
    'issue-assign': () => commands.assign(targets()),
    'issue-assign-me': () => {
      if (meId !== null)
        void commands.apply(targets(), { assigneeUserId: meId }, 'assigned to you').catch(() => {});
    },
    'issue-team': () => commands.assignTeam(targets()),
    'issue-labels': () => commands.labels(targets()),
    'issue-close': () => {
      const done = wf.statuses.find((s) => s.category === 'done');
      const open = targets().filter((i) => wf.categoryOf(i.status) !== 'done');
      if (done && open.length) void commands.moveTo(open, done.key).catch(() => {});
    },
    'issue-copy-link': () => {
      const issues = targets();
      if (!issues.length) return;
      const links = issues.map((i) => new URL(`/issue/${i.key}`, location.origin).href);
      navigator.clipboard.writeText(links.join('\n')).then(
        () =>
          toast(
            issues.length === 1 ? `Link to ${issues[0]!.key} copied` : `${issues.length} links copied`,
            'success',
          ),
        () => toast('The browser did not allow copying to the clipboard.', 'error'),
      );
    },
  };
}
