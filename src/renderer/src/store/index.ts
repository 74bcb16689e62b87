import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createExplorerSlice, type ExplorerSlice } from './explorer-slice';
import { createFormSlice, type FormSlice } from './form-slice';
import { createNavSlice, type NavSlice } from './nav-slice';
import { createProfilesSlice, type ProfilesSlice } from './profiles-slice';
import { createRecentSlice, type RecentSlice } from './recent-slice';
import { createScansSlice, type ScansSlice } from './scans-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

export type PortholeStore = AppSlice &
  NavSlice &
  ScansSlice &
  RecentSlice &
  FormSlice &
  ExplorerSlice &
  SettingsSlice &
  ProfilesSlice;

/** One bound store made of slices; components select single values from it. */
export const useStore = create<PortholeStore>()((...a) => ({
  ...createAppSlice(...a),
  ...createNavSlice(...a),
  ...createScansSlice(...a),
  ...createRecentSlice(...a),
  ...createFormSlice(...a),
  ...createExplorerSlice(...a),
  ...createSettingsSlice(...a),
  ...createProfilesSlice(...a),
}));
