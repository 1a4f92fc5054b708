import type { useCurrentProject } from '../lib/current-project.ts';

/** The project switcher every project page puts in its top bar. */
export function ProjectPicker({ current }: { current: ReturnType<typeof useCurrentProject> }) {
  return (
    <select
      className="select-inline"
      aria-label="Project"
      value={current.key ?? ''}
      onChange={(e) => current.setProject(e.target.value)}
    >
      {current.projects.map((p) => (
        <option key={p.key} value={p.key}>
          {p.key}
        </option>
      ))}
    </select>
  );
}
