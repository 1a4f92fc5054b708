import { useDirectory } from '../lib/directory.ts';

/** The `<option>`s of a person picker: the workspace's members by name, valued by id. */
export function MemberOptions() {
  const dir = useDirectory();
  return dir.members.map((m) => (
    <option key={m.id} value={m.id}>
      {m.name}
    </option>
  ));
}

/** The `<option>`s of a team picker: the workspace's teams by name, valued by id. */
export function TeamOptions() {
  const dir = useDirectory();
  return dir.teams.map((t) => (
    <option key={t.id} value={t.id}>
      {t.name}
    </option>
  ));
}
