/** The buttons under a rule editor: "Add rule" for a new rule, "Save rule" and "Cancel" when editing one. */
export function RuleFormButtons({
  editing,
  onCancel,
}: {
  editing: boolean;
  onCancel?: (() => void) | undefined;
}) {
  return (
    <div>
      <button type="submit" className="btn btn-primary">
        {editing ? 'Save rule' : 'Add rule'}
      </button>{' '}
      {onCancel && (
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
