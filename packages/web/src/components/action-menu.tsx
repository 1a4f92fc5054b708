import { useEffect, useRef, useState } from 'react';
import { defaultChoice, menuEntries } from '../actions/bind.ts';
import { useActions } from '../actions/registry.tsx';
import { ShortcutKeys } from './shortcut-keys.tsx';

/**
 * The context menu of list rows and board cards. It has no commands of its own: it lists the
 * registry's actions of one section (the same ones the palette, the shortcuts and `?` show), with
 * the bulk variants for a selection of several. Destructive ones come last and are never preselected.
 */
export function ActionMenu() {
  const { menu, closeMenu, list, version } = useActions();
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  void version;
  const items = menu ? menuEntries(list(), menu.section, menu.count) : [];
  // What had the focus (the row or card) gets it back when the menu closes.
  const opener = useRef<HTMLElement | null>(null);
  // A new menu starts on its first safe item, with the focus in it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new menu resets the choice, not each render's new item list
  useEffect(() => {
    setActive(defaultChoice(items));
    if (menu) {
      opener.current ??= document.activeElement as HTMLElement | null;
      requestAnimationFrame(() => ref.current?.focus());
    } else {
      opener.current?.focus?.();
      opener.current = null;
    }
  }, [menu]);
  if (!menu) return null;
  const run = (i: number) => {
    const a = items[i];
    if (!a) return;
    closeMenu();
    // After the menu unmounts, so an action that opens a picker gets the focus.
    setTimeout(a.perform, 0);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const last = items.length - 1;
    if (e.key === 'ArrowDown') setActive((i) => (i >= last ? 0 : i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => (i <= 0 ? last : i - 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(last);
    else if (e.key === 'Enter' || e.key === ' ') run(active);
    else if (e.key === 'Escape' || e.key === 'Tab') closeMenu();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  // Kept inside the window: a right-click near the bottom-right corner opens the menu up and left.
  const x = Math.min(menu.x, window.innerWidth - 280);
  const y = Math.min(menu.y, window.innerHeight - (items.length * 34 + 16));
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop's click-to-close is a pointer shortcut; Escape closes from the keyboard
    <div
      className="menu-backdrop"
      onMouseDown={closeMenu}
      onContextMenu={(e) => {
        e.preventDefault();
        closeMenu();
      }}
    >
      <div
        ref={ref}
        className="menu action-menu"
        role="menu"
        aria-label={menu.title}
        tabIndex={-1}
        aria-activedescendant={items[active] ? `menu-item-${active}` : undefined}
        style={{ position: 'fixed', left: Math.max(4, x), top: Math.max(4, y) }}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        {items.map((a, i) => (
          <div
            key={a.id}
            id={`menu-item-${i}`}
            role="menuitem"
            tabIndex={-1}
            className={`menu-item${i === active ? ' active' : ''}${a.danger ? ' danger' : ''}`}
            onMouseMove={() => setActive(i)}
            onClick={() => run(i)}
            onKeyDown={(e) => e.key === 'Enter' && run(i)}
          >
            <span>{a.title}</span>
            {a.shortcut && <ShortcutKeys className="palette-keys" shortcut={a.shortcut} />}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The context menu for a container of `[data-key]` items (list rows, cards). `focus(key)` makes that
 * issue the current one and answers how many issues the menu acts on (0: unknown key, no menu).
 * `onContextMenu` serves the right-click; `openFor` the keyboard (Shift+F10, the menu key), at the
 * item's place on the screen.
 */
export function useKeyedContextMenu(section: string, focus: (key: string) => number) {
  const { openMenu } = useActions();
  const open = (key: string, x: number, y: number) => {
    const count = focus(key);
    if (!count) return false;
    openMenu({
      x,
      y,
      section,
      count,
      title: count > 1 ? `Actions for ${count} issues` : `Actions for ${key}`,
    });
    return true;
  };
  return {
    onContextMenu: (e: React.MouseEvent) => {
      const key = (e.target as HTMLElement).closest('[data-key]')?.getAttribute('data-key');
      if (key && open(key, e.clientX, e.clientY)) e.preventDefault();
    },
    /** Opens the menu of `key`'s element (the focused one, else the page's current issue). */
    openFor: (key: string | undefined) => {
      const el =
        (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-key]') ??
        (key ? document.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) : null);
      const k = el?.dataset.key ?? key;
      if (!k) return;
      const r = el?.getBoundingClientRect();
      open(k, r ? r.left + 24 : 80, r ? r.top + r.height / 2 : 80);
    },
  };
}
