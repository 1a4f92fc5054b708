import type { ReactNode } from 'react';

/**
 * A property shown as its whole value (icon and name, never cut like a native select) that opens
 * the searchable picker; the same picker its keyboard shortcut opens.
 */
export function PickerField({
  label,
  icon,
  value,
  shortcut,
  busy = false,
  onOpen,
}: {
  label: string;
  icon?: ReactNode;
  value: ReactNode;
  shortcut?: string;
  /** True while the options load: opening then would offer a list missing most of its choices. */
  busy?: boolean;
  onOpen: () => void;
}) {
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
        title={shortcut ? `${label} (${shortcut.toUpperCase()})` : label}
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
