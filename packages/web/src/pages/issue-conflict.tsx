import type { Issue } from '@closeloop/shared/api/issues';
import { useDirectory } from '../lib/directory.ts';
import type { Changes } from '../lib/mutations.ts';

export type Conflict = { mine: Changes; theirs: Issue; base: Issue };
export const FIELD_NAMES: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  type: 'Type',
  assigneeUserId: 'Assignee',
  assigneeTeamId: 'Team',
  labels: 'Labels',
  dueDate: 'Due date',
  startDate: 'Start date',
  estimateMinutes: 'Estimate',
  resolution: 'Resolution',
  resolutionNote: 'Resolution note',
  parentKey: 'Parent',
};

export function ConflictBanner({
  conflict,
  onKeepTheirs,
  onApplyMine,
}: {
  conflict: Conflict;
  onKeepTheirs: () => void;
  onApplyMine: () => void;
}) {
  const dir = useDirectory();
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'assigneeUserId') return dir.userName(v as number) ?? String(v);
    if (field === 'assigneeTeamId') return dir.teamName(v as number) ?? String(v);
    if (Array.isArray(v)) return v.join(', ');
    const s = String(v);
    return s.length > 80 ? `${s.slice(0, 80)}…` : s;
  };
  const fields = Object.keys(FIELD_NAMES).filter(
    (f) =>
      JSON.stringify((conflict.base as Record<string, unknown>)[f]) !==
        JSON.stringify((conflict.theirs as Record<string, unknown>)[f]) || f in conflict.mine,
  );
  return (
    <div className="conflict" role="alert" data-testid="conflict">
      <strong>Someone else changed this issue while you were editing.</strong>
      <div className="muted">
        Their version is shown now (v{conflict.theirs.version}). Your change was not saved.
      </div>
      <table>
        <thead>
          <tr>
            <th>Field</th>
            <th>Their change</th>
            <th>Yours</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f}>
              <td>{FIELD_NAMES[f]}</td>
              <td>{show(f, (conflict.theirs as Record<string, unknown>)[f])}</td>
              <td>
                {f in conflict.mine ? (
                  show(f, (conflict.mine as Record<string, unknown>)[f])
                ) : (
                  <span className="faint">unchanged</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="button" className="btn btn-sm btn-primary" onClick={onApplyMine}>
          Apply my change on top
        </button>
        <button type="button" className="btn btn-sm" onClick={onKeepTheirs}>
          Keep theirs
        </button>
      </div>
    </div>
  );
}
