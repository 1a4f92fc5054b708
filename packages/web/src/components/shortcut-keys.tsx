import { type ActionId, specOf } from '../actions/catalogue.ts';
import { displayShortcut } from '../actions/keys.ts';
import { Kbd } from './ui.tsx';

/** The keys of a shortcut as the palette, the `?` overlay and menus show them. */
export function ShortcutKeys({ shortcut, className }: { shortcut: string; className?: string }) {
  return (
    <span className={className}>
      {displayShortcut(shortcut).map((k) => (
        <Kbd key={k}>{k}</Kbd>
      ))}
    </span>
  );
}

/** The shortcut of catalogue command `id`, for a button that does the same (nothing when it has none). */
export function KeysOf({ id }: { id: ActionId }) {
  const shortcut = specOf(id).shortcut;
  return shortcut ? <ShortcutKeys shortcut={shortcut} /> : null;
}

/** A line of hints (`J Next issue · X Select issue`) read from the catalogue, so it cannot drift from the keys. */
export function ShortcutHints({ ids }: { ids: ActionId[] }) {
  return (
    <>
      {ids.map((id, n) => {
        const spec = specOf(id);
        const shortcut = spec.shortcut;
        return (
          <span key={id}>
            {n > 0 && ' · '}
            {shortcut && <ShortcutKeys shortcut={shortcut} />} {spec.title.replace('…', '').toLowerCase()}
          </span>
        );
      })}
    </>
  );
}
