/** Theme: follows `prefers-color-scheme` unless the user picked one (stored per browser). */
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'closeloop.theme';

export function storedTheme(): ThemeChoice {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function applyStoredTheme() {
  setTheme(storedTheme());
}

export function setTheme(t: ThemeChoice) {
  if (t === 'system') {
    localStorage.removeItem(KEY);
    document.documentElement.removeAttribute('data-theme');
  } else {
    localStorage.setItem(KEY, t);
    document.documentElement.setAttribute('data-theme', t);
  }
}

export function effectiveTheme(): 'light' | 'dark' {
  const t = storedTheme();
  if (t !== 'system') return t;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function toggleTheme() {
  setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark');
}
