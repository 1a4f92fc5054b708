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
import { chordOf, isTypingTarget } from './keys.ts';

/**
 * Every UI command is an Action, defined once and reused by the command palette, keyboard
 * shortcuts, the `?` overlay and buttons (`useAction(id).perform`). Pages register theirs while
 * mounted; a later registration of the same id shadows the earlier one until it unmounts.
 */
export type Action = {
  id: string;
  title: string;
  section?: string;
  shortcut?: string;
  /** Hidden actions have shortcuts but stay out of the palette (e.g. j/k). */
  hidden?: boolean;
  /** Destructive or session-ending (sign out, delete): listed last and never the palette's default choice. */
  danger?: boolean;
  perform: () => void;
};

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

export type MenuRequest = { x: number; y: number; section: string; title: string };

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

  const openPalette = useCallback((pick?: PickRequest) => setPalette({ open: true, pick: pick ?? null }), []);
  const closePalette = useCallback(() => setPalette({ open: false, pick: null }), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const chord = chordOf(e);
      const typing = isTypingTarget(e.target);
      if (typing && !chord.startsWith('mod+')) return;
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
    [list, register, version, palette, openPalette, closePalette, helpOpen, menu, closeMenu],
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
