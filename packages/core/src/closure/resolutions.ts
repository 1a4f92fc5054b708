import { PINNED_RESOLUTIONS, RESOLUTIONS, type Resolution } from '@closeloop/shared/issue-fields';

/**
 * A project's resolutions: the built-in ones (renamed or retired by its admins, never removed)
 * followed by its own. The one list closing is checked against, on the server and in the app.
 */
export interface ProjectResolution {
  key: string;
  name: string;
  builtIn: boolean;
  /** Retired resolutions are no longer offered; issues closed with one keep and show it. */
  retired: boolean;
}

const BUILT_IN_NAMES: Record<Resolution, string> = {
  fixed: 'Fixed',
  wont_fix: "Won't fix",
  duplicate: 'Duplicate',
  cannot_reproduce: 'Cannot reproduce',
  done: 'Done',
  declined: 'Declined',
};

export const isBuiltInResolution = (key: string): key is Resolution =>
  (RESOLUTIONS as readonly string[]).includes(key);

/** `stored`: the project's rows, overrides of built-ins and its own, in the order they were added. */
export function projectResolutions(
  stored: readonly { key: string; name: string; retired: boolean }[],
): ProjectResolution[] {
  const byKey = new Map(stored.map((r) => [r.key, r]));
  const builtIn = RESOLUTIONS.map((key) => ({
    key,
    name: byKey.get(key)?.name ?? BUILT_IN_NAMES[key],
    builtIn: true,
    retired: !PINNED_RESOLUTIONS.includes(key) && !!byKey.get(key)?.retired,
  }));
  const own = stored
    .filter((r) => !isBuiltInResolution(r.key))
    .map((r) => ({ key: r.key, name: r.name, builtIn: false, retired: r.retired }));
  return [...builtIn, ...own];
}

/**
 * Why `key` cannot close an issue of the project, or null when it can. The current
 * resolution is always acceptable: re-saving a closed issue keeps a later-retired resolution.
 */
export function resolutionRefusal(
  list: readonly ProjectResolution[],
  key: string,
  current: string | null,
): string | null {
  if (key === current) return null;
  const found = list.find((r) => r.key === key);
  if (!found) return `"${key}" is not a resolution of this project`;
  if (found.retired) return `${found.name} is retired: choose one of the project's active resolutions`;
  return null;
}

/** Why an admin's change to a resolution is refused, or null. */
export function resolutionEditRefusal(
  list: readonly ProjectResolution[],
  key: string,
  change: { retired?: boolean | undefined; remove?: boolean },
): string | null {
  const found = list.find((r) => r.key === key);
  if (!found) return `"${key}" is not a resolution of this project`;
  if (change.remove && found.builtIn) return `${found.name} is built in: retire it instead`;
  if ((change.retired || change.remove) && PINNED_RESOLUTIONS.includes(key as Resolution))
    return `${found.name} cannot be retired: ${key === 'fixed' ? 'it drives fix verification' : 'it links the original'}`;
  return null;
}

/** The resolution's name in the project, or the key in words for one no longer listed. */
export function resolutionName(list: readonly ProjectResolution[], key: string): string {
  const found = list.find((r) => r.key === key);
  if (found) return found.name;
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
