import type { PickOption } from '../actions/registry.tsx';
import { Avatar } from '../components/ui.tsx';
import type { AssigneeSuggestion } from '../lib/assignee-suggestions.ts';
import type { Directory } from '../lib/directory.ts';

/**
 * The assignee picker's options ranked by the suggestion engine: people who can take the issue
 * first (best match first, hint = the engine's one-line reason, which ends with their load), then those out of office
 * or at capacity, then anyone the engine did not rank. Alphabetical only while it loads.
 */
export function rankedAssigneeOptions(dir: Directory, ranked: readonly AssigneeSuggestion[]): PickOption[] {
  const seen = new Set(ranked.map((s) => s.userId));
  const option = (s: AssigneeSuggestion): PickOption => ({
    id: String(s.userId),
    label: s.name,
    // The engine's reason already ends with the load ("knows design · load 1/10").
    hint: s.eligible ? s.reason : `unavailable: ${s.reason}`,
    icon: <Avatar name={s.name} size={18} />,
  });
  return [
    { id: 'none', label: 'Unassigned', icon: <Avatar name={null} size={18} /> },
    ...ranked.filter((s) => s.eligible).map(option),
    ...ranked.filter((s) => !s.eligible).map(option),
    ...dir.members
      .filter((m) => !seen.has(m.id))
      .map((m) => ({
        id: String(m.id),
        label: m.name,
        hint: m.email,
        icon: <Avatar name={m.name} size={18} />,
      })),
  ];
}
