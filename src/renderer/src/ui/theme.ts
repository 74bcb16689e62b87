export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

const KEY = 'porthole.theme';
const systemLight = () => window.matchMedia('(prefers-color-scheme: light)');

export function savedThemeChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(KEY);
    return (THEME_CHOICES as readonly string[]).includes(saved ?? '')
      ? (saved as ThemeChoice)
      : 'system';
  } catch {
    return 'system';
  }
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // A browser that refuses storage keeps the choice for this page only.
  }
}

/** Sets the page's theme (the CSS reads `data-theme` on <html>) and says which one it is. */
export function applyTheme(choice: ThemeChoice): Theme {
  const theme: Theme = choice === 'system' ? (systemLight().matches ? 'light' : 'dark') : choice;
  document.documentElement.dataset.theme = theme;
  return theme;
}

/** Hears the system switching between light and dark; returns the function that stops. */
export function onSystemThemeChange(listener: () => void): () => void {
  const query = systemLight();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
