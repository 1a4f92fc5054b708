import type { Issue } from '@closeloop/shared/api/issues';
import type { useIssueCommands } from '../lib/issue-commands.tsx';

/** The bar shown while issues of the list are selected: the edits that apply to all of them. */
export function BulkEditBar({
  count,
  commands,
  targets,
  onClear,
}: {
  count: number;
  commands: ReturnType<typeof useIssueCommands>;
  targets: () => Issue[];
  onClear: () => void;
}) {
  return (
    <div className="bulkbar" role="toolbar" aria-label="Bulk edit">
      <strong>{count} selected</strong>
      <button type="button" className="btn btn-sm" onClick={() => commands.changeStatus(targets())}>
        Status
      </button>
      <button type="button" className="btn btn-sm" onClick={() => commands.prioritize(targets())}>
        Priority
      </button>
      <button type="button" className="btn btn-sm" onClick={() => commands.assign(targets())}>
        Assignee
      </button>
      <button type="button" className="btn btn-sm" onClick={() => commands.assignTeam(targets())}>
        Team
      </button>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
