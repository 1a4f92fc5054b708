import { useEffect, useRef, useState } from 'react';
import { displayShortcut } from '../actions/keys.ts';
import { useActions } from '../actions/registry.tsx';
import { Kbd } from './ui.tsx';

/**
 * The context menu of list rows and board cards. It has no commands of its own: it lists the
 * registry's actions of one section (the same ones the palette, the shortcuts and `?` show), so a
 * command is defined once. Destructive ones come last.
 */
export function ActionMenu() {
  const { menu, closeMenu, list, version } = useActions();
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // A new menu starts on its first item.
  useEffect(() => {
    setActive(0);
    if (menu) requestAnimationFrame(() => ref.current?.focus());
  }, [menu]);
  if (!menu) return null;
  void version;
  const items = list()
    .filter((a) => a.section === menu.section && !a.hidden)
    .sort((a, b) => Number(!!a.danger) - Number(!!b.danger));
  const run = (i: number) => {
    const a = items[i];
    closeMenu();
    // After the menu unmounts, so an action that opens a picker gets the focus.
    if (a) setTimeout(a.perform, 0);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(items.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter' || e.key === ' ') run(active);
    else if (e.key === 'Escape' || e.key === 'Tab') closeMenu();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  // Kept inside the window: a right-click near the bottom-right corner opens the menu up and left.
  const x = Math.min(menu.x, window.innerWidth - 240);
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
            {a.shortcut && (
              <span className="palette-keys">
                {displayShortcut(a.shortcut).map((k) => (
                  <Kbd key={k}>{k}</Kbd>
                ))}
              </span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * A contextmenu handler for a container of `[data-key]` items (list rows, cards): `focus(key)` makes
 * that issue the current one (false when unknown), then the menu of `section` opens at the pointer.
 */
export function useKeyedContextMenu(section: string, focus: (key: string) => boolean) {
  const { openMenu } = useActions();
  return (e: React.MouseEvent) => {
    const key = (e.target as HTMLElement).closest('[data-key]')?.getAttribute('data-key');
    if (!key || !focus(key)) return;
    e.preventDefault();
    openMenu({ x: e.clientX, y: e.clientY, section, title: `Actions for ${key}` });
  };
}
