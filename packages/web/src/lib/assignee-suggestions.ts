import type { RoutingDecision } from '@closeloop/shared/api/assignment';
import type { Issue } from '@closeloop/shared/api/issues';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export interface AssigneeSuggestion {
  userId: number;
  name: string;
  eligible: boolean;
  inTeam: boolean;
  reason: string;
  load: number;
  capacity: number;
}

export interface AssigneeSuggestions {
  items: AssigneeSuggestion[];
  log: RoutingDecision[];
}

/** People ranked for an issue by the suggestion engine (expertise × availability, balanced by load). */
export function useAssigneeSuggestions(issue: Issue) {
  return useQuery({
    queryKey: ['assignee-suggestions', issue.key, issue.version],
    queryFn: () => api<AssigneeSuggestions>(`/issues/${issue.key}/assignee-suggestions`),
  });
}
