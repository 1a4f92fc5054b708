import type { Me, Member } from '@closeloop/shared/api/accounts';
import type { Activity, Comment, Issue } from '@closeloop/shared/api/issues';
import type { Project, Team } from '@closeloop/shared/api/projects';
import { useQuery } from '@tanstack/react-query';
import { api, isMissingRoute } from './client.ts';
import type { ApiToken, Invitation, Label } from './types.ts';

export const keys = {
  me: ['me'] as const,
  projects: ['projects'] as const,
  project: (key: string) => ['project', key] as const,
  members: ['members'] as const,
  teams: ['teams'] as const,
  labels: ['labels'] as const,
  issues: ['issues'] as const,
  issue: (key: string) => ['issue', key] as const,
  comments: (key: string) => ['comments', key] as const,
  activity: (key: string) => ['activity', key] as const,
};

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    // The session probe answers 200 with null when signed out (no 401 in the console).
    queryFn: async () => (await api<{ me: Me | null }>('/auth/session')).me,
    staleTime: 60_000,
  });
}

export const useProjects = () =>
  useQuery({ queryKey: keys.projects, queryFn: () => api<Project[]>('/projects'), staleTime: 60_000 });
export const useProject = (key: string | undefined) =>
  useQuery({
    queryKey: keys.project(key ?? ''),
    queryFn: () => api<Project>(`/projects/${key}`),
    enabled: !!key,
    staleTime: 60_000,
  });
export const useMembers = () =>
  useQuery({ queryKey: keys.members, queryFn: () => api<Member[]>('/members'), staleTime: 60_000 });
export const useTeams = () =>
  useQuery({ queryKey: keys.teams, queryFn: () => api<Team[]>('/teams'), staleTime: 60_000 });
export const useLabels = () =>
  useQuery({ queryKey: keys.labels, queryFn: () => api<Label[]>('/labels'), staleTime: 60_000 });
export const useIssue = (key: string) =>
  useQuery({ queryKey: keys.issue(key), queryFn: () => api<Issue>(`/issues/${key}`) });
export const useComments = (key: string) =>
  useQuery({
    queryKey: keys.comments(key),
    queryFn: () => api<Comment[] | { items: Comment[] }>(`/issues/${key}/comments`),
  });
export const useActivity = (key: string) =>
  useQuery({
    queryKey: keys.activity(key),
    queryFn: () => api<Activity[] | { items: Activity[] }>(`/issues/${key}/activity`),
  });
export const useTokens = () => useQuery({ queryKey: ['tokens'], queryFn: () => api<ApiToken[]>('/tokens') });
export const useInvitations = () =>
  useQuery({ queryKey: ['invitations'], queryFn: () => api<Invitation[]>('/invitations') });

/**
 * An endpoint that other engineers may not have shipped yet: resolves to `null` when the server
 * has no such route, so pages degrade instead of failing.
 */
export function useOptional<T>(queryKey: readonly unknown[], path: string, enabled = true) {
  return useQuery({
    queryKey,
    enabled,
    retry: false,
    queryFn: async () => {
      try {
        return await api<T>(path);
      } catch (e) {
        if (isMissingRoute(e)) return null;
        throw e;
      }
    },
  });
}

export function itemsOf<T>(data: T[] | { items: T[] } | null | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}
