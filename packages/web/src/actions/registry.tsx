import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Action } from './bind.ts';
import { activatesFocusedControl, chordOf, isTypingTarget } from './keys.ts';

/*
 * The registry holds the commands the mounted pages have bound (catalogue.ts defines them, bind.ts
 * binds them) and feeds the command palette, keyboard shortcuts, the `?` overlay, the context menu
 * and buttons (`perform(id)`). A later registration of the same id shadows the earlier one until
 * it unmounts.
 */

export type PickOption = {
  id: string;
  label: string;
  hint?: string;
  icon?: ReactNode;
  /** Marked as set (multi-value pickers such as labels); single-value pickers mark `current`. */
  checked?: boolean;
};
export type PickRequest = {
  title: string;
  options: PickOption[];
  onPick: (id: string) => void;
  current?: string;
};

type Registry = {
  list: () => Action[];
  register: (actions: Action[]) => () => void;
  /** Runs the registered command `id` (a button that does what a shortcut does). */
  perform: (id: string) => void;
  version: number;
  palette: { open: boolean; pick: PickRequest | null };
  openPalette: (pick?: PickRequest) => void;
  closePalette: () => void;
  helpOpen: boolean;
  setHelpOpen: (v: boolean) => void;
  /** The context menu: the registry's actions of one section, at a point on the screen. */
  menu: MenuRequest | null;
  openMenu: (m: MenuRequest) => void;
  closeMenu: () => void;
};

/** `count`: how many issues the menu acts on (a selection of several offers the bulk variants). */
export type MenuRequest = { x: number; y: number; section: string; title: string; count: number };

const Ctx = createContext<Registry | null>(null);

export function ActionsProvider({ children }: { children: ReactNode }) {
  const layers = useRef<{ token: number; actions: Action[] }[]>([]);
  const tokenSeq = useRef(0);
  const [version, setVersion] = useState(0);
  const [palette, setPalette] = useState<{ open: boolean; pick: PickRequest | null }>({
    open: false,
    pick: null,
  });
  const [helpOpen, setHelpOpen] = useState(false);
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const pending = useRef<{ prefix: string; at: number } | null>(null);

  const list = useCallback(() => {
    const seen = new Map<string, Action>();
    for (let i = layers.current.length - 1; i >= 0; i--) {
      for (const a of layers.current[i]!.actions) if (!seen.has(a.id)) seen.set(a.id, a);
    }
    return [...seen.values()];
  }, []);

  const register = useCallback((actions: Action[]) => {
    const token = ++tokenSeq.current;
    layers.current.push({ token, actions });
    setVersion((v) => v + 1);
    return () => {
      layers.current = layers.current.filter((l) => l.token !== token);
      setVersion((v) => v + 1);
    };
  }, []);

  const perform = useCallback(
    (id: string) =>
      list()
        .find((a) => a.id === id)
        ?.perform(),
    [list],
  );

  const openPalette = useCallback((pick?: PickRequest) => setPalette({ open: true, pick: pick ?? null }), []);
  const closePalette = useCallback(() => setPalette({ open: false, pick: null }), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const chord = chordOf(e);
      const typing = isTypingTarget(e.target);
      if (typing && !chord.startsWith('mod+')) return;
      if (activatesFocusedControl(e)) return;
      // While a dialog is open it owns the keyboard, except the palette toggle.
      if (document.querySelector('[aria-modal="true"]') && chord !== 'mod+k') return;
      const now = Date.now();
      const seq =
        pending.current && now - pending.current.at < 1200 ? `${pending.current.prefix} ${chord}` : null;
      const actions = list();
      const hit =
        (seq && actions.find((a) => a.shortcut === seq)) || actions.find((a) => a.shortcut === chord);
      if (hit) {
        e.preventDefault();
        pending.current = null;
        hit.perform();
        return;
      }
      pending.current = actions.some((a) => a.shortcut?.startsWith(`${chord} `))
        ? { prefix: chord, at: now }
        : null;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list]);

  const value = useMemo(
    () => ({
      list,
      register,
      perform,
      version,
      palette,
      openPalette,
      closePalette,
      helpOpen,
      setHelpOpen,
      menu,
      openMenu: setMenu,
      closeMenu,
    }),
    [list, register, perform, version, palette, openPalette, closePalette, helpOpen, menu, closeMenu],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useActions(): Registry {
  const r = useContext(Ctx);
  if (!r) throw new Error('useActions outside ActionsProvider');
  return r;
}

/** Registers actions while the calling component is mounted; `perform` always sees fresh closures. */
export function useRegisterActions(actions: Action[]) {
  const { register } = useActions();
  const latest = useRef(actions);
  latest.current = actions;
  const signature = actions.map((a) => `${a.id}|${a.title}|${a.shortcut ?? ''}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-register when ids, titles or shortcuts change (signature), not on every new array
  useEffect(() => {
    const stable = latest.current.map((a) => ({
      ...a,
      perform: () => latest.current.find((x) => x.id === a.id)?.perform(),
    }));
    return register(stable);
  }, [register, signature]);
}

export function usePick() {
  return useActions().openPalette;
}
