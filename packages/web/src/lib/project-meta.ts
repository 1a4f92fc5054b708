import type { Issue } from '@closeloop/shared/api/issues';
import type { IssueType, Workflow } from '@closeloop/shared/api/workflows';
import { itemsOf, useOptional, useProject } from '../api/hooks.ts';

/**
 * What a project's workflow and issue types allow. Workflows and types are landing on the server
 * in parallel (issue 3); until their routes exist, the project's flat status list is the
 * workflow and every move is offered (the server still has the last word with a 422).
 */
export function useIssueTypes(projectKey: string | undefined): IssueType[] {
  const q = useOptional<IssueType[] | { items: IssueType[] }>(
    ['types', projectKey],
    `/projects/${projectKey}/types`,
    !!projectKey,
  );
  return itemsOf(q.data);
}

export function useWorkflow(projectKey: string | undefined, type?: string) {
  const project = useProject(projectKey);
  const path = `/projects/${projectKey}/workflows/${type ?? 'default'}`;
  const wf = useOptional<Workflow>(['workflow', projectKey, type ?? null], path, !!projectKey);
  const statuses =
    wf.data?.statuses ?? project.data?.statuses.map((s) => ({ ...s, required: [] as string[] })) ?? [];
  const transitions = wf.data?.transitions ?? null;
  return {
    statuses,
    loading: project.isLoading,
    /** The statuses or transitions are still loading: a status picker opened now would miss most of them. */
    pending: !!projectKey && (project.isPending || wf.isPending),
    /** Statuses an issue in `from` may move to; every status when no workflow is known. */
    allowedFrom(from: string): string[] {
      if (!transitions) return statuses.map((s) => s.key).filter((k) => k !== from);
      return statuses
        .map((s) => s.key)
        .filter(
          (k) => k !== from && transitions.some((t) => (t.from === from || t.from === '*') && t.to === k),
        );
    },
    requiredFor(to: string): string[] {
      const s = statuses.find((x) => x.key === to);
      return s?.required ?? [];
    },
    categoryOf(key: string) {
      return statuses.find((s) => s.key === key)?.category ?? 'todo';
    },
    nameOf(key: string) {
      return statuses.find((s) => s.key === key)?.name ?? key;
    },
  };
}
export type WorkflowView = ReturnType<typeof useWorkflow>;

export function isClosedCategory(c: string) {
  return c === 'done' || c === 'cancelled';
}

export type { Issue };
