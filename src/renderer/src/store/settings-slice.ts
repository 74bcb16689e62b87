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
  /** The explorer's export panel (the E shortcut opens it). */
  exportOpen: boolean;
  setExportOpen(open: boolean): void;
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
    exportOpen: false,
    setExportOpen(exportOpen) {
      set({ exportOpen });
    },
  };
};
