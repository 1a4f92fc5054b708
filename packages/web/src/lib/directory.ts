import { useMemo } from 'react';
import { useLabels, useMembers, useTeams } from '../api/hooks.ts';

/** Names and colours of people, teams and labels, for rendering ids. */
export function useDirectory() {
  const members = useMembers();
  const teams = useTeams();
  const labels = useLabels();
  return useMemo(() => {
    const userById = new Map((members.data ?? []).map((m) => [m.id, m]));
    const teamById = new Map((teams.data ?? []).map((t) => [t.id, t]));
    const labelByName = new Map((labels.data ?? []).map((l) => [l.name, l]));
    return {
      members: members.data ?? [],
      teams: teams.data ?? [],
      labels: labels.data ?? [],
      userName: (id: number | null | undefined) =>
        id == null ? null : (userById.get(id)?.name ?? `User ${id}`),
      teamName: (id: number | null | undefined) =>
        id == null ? null : (teamById.get(id)?.name ?? `Team ${id}`),
      teamKey: (id: number | null | undefined) => (id == null ? null : (teamById.get(id)?.key ?? null)),
      labelColor: (name: string) => labelByName.get(name)?.color,
      /** People or teams are still loading: a picker opened now would list almost nobody. */
      pending: members.isPending || teams.isPending,
    };
  }, [members.data, teams.data, labels.data, members.isPending, teams.isPending]);
}
export type Directory = ReturnType<typeof useDirectory>;
