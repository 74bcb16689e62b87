import type { ScanId } from '../../../shared/domain';
import type { StateCreator } from 'zustand';
import {
  applyTheme,
  saveThemeChoice,
  savedThemeChoice,
  type Theme,
  type ThemeChoice,
} from '../ui/theme';
import type { PortholeStore } from '.';

export interface SettingsSlice {
  themeChoice: ThemeChoice;
  /** The theme on screen (the system's, when the choice is "system"). */
  theme: Theme;
  setThemeChoice(choice: ThemeChoice): void;
  /** The system switched light/dark: follow it if the choice is "system". */
  systemThemeChanged(): void;
  helpOpen: boolean;
  setHelpOpen(open: boolean): void;
  /** The scan whose export panel is open, if any (the E shortcut opens the one shown). */
  exportOpenFor: ScanId | null;
  setExportOpenFor(scanId: ScanId | null): void;
}

export const createSettingsSlice: StateCreator<PortholeStore, [], [], SettingsSlice> = (
  set,
  get,
) => {
  const choice = savedThemeChoice();
  return {
    themeChoice: choice,
    theme: applyTheme(choice),
    setThemeChoice(themeChoice) {
      saveThemeChoice(themeChoice);
      set({ themeChoice, theme: applyTheme(themeChoice) });
    },
    systemThemeChanged() {
      set({ theme: applyTheme(get().themeChoice) });
    },
    helpOpen: false,
    setHelpOpen(helpOpen) {
      set({ helpOpen });
    },
    exportOpenFor: null,
    setExportOpenFor(exportOpenFor) {
      set({ exportOpenFor });
    },
  };
};
