import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/app-info';
import { portholeApi } from '../api';

export interface AppSlice {
  appInfo: AppInfo | null;
  connectionError: string | null;
  loadAppInfo(): Promise<void>;
}

export const createAppSlice: StateCreator<AppSlice, [], [], AppSlice> = (set) => ({
  appInfo: null,
  connectionError: null,
  async loadAppInfo() {
    try {
      set({ appInfo: await portholeApi().call('getAppInfo'), connectionError: null });
    } catch (error) {
      set({ connectionError: error instanceof Error ? error.message : String(error) });
    }
  },
});
