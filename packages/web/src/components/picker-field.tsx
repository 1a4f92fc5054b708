import type { ReactNode } from 'react';
import { type ActionId, specOf } from '../actions/catalogue.ts';
import { displayShortcut } from '../actions/keys.ts';

/**
 * A property shown as its whole value (icon and name, never cut like a native select) that opens
 * the searchable picker; the same picker the catalogue command `action` opens by its shortcut.
 */
export function PickerField({
  label,
  icon,
  value,
  action,
  busy = false,
  onOpen,
}: {
  label: string;
  icon?: ReactNode;
  value: ReactNode;
  action?: ActionId;
  /** True while the options load: opening then would offer a list missing most of its choices. */
  busy?: boolean;
  onOpen: () => void;
}) {
  const shortcut = action ? specOf(action).shortcut : undefined;
  const id = `lbl-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="prop">
      <span id={id}>{label}</span>
      <button
        type="button"
        className="picker-button"
        aria-labelledby={`${id} ${id}-value`}
        aria-haspopup="dialog"
        aria-keyshortcuts={shortcut}
        title={shortcut ? `${label} (${displayShortcut(shortcut).join(' ')})` : label}
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={onOpen}
      >
        {icon}
        <span id={`${id}-value`}>{value}</span>
      </button>
    </div>
  );
}
