import { type ActionId, specOf } from '../actions/catalogue.ts';
import { useActions } from '../actions/registry.tsx';

/** The commands the bar offers, in this order; each runs the registered command (the selection's bulk edit). */
const BAR: ActionId[] = ['issue-status', 'issue-priority', 'issue-assign', 'issue-team', 'issue-labels'];

/** The bar shown while issues of the list are selected: the edits that apply to all of them. */
export function BulkEditBar({ count, onClear }: { count: number; onClear: () => void }) {
  const { perform } = useActions();
  return (
    <div className="bulkbar" role="toolbar" aria-label="Bulk edit">
      <strong>{count} selected</strong>
      {BAR.map((id) => {
        const spec = specOf(id);
        const shortcut = spec.shortcut;
        return (
          <button
            key={id}
            type="button"
            className="btn btn-sm"
            aria-keyshortcuts={shortcut}
            title={spec.title}
            onClick={() => perform(id)}
          >
            {spec.short ?? spec.title}
          </button>
        );
      })}
      <button type="button" className="btn btn-sm btn-ghost" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
