import type { StateCreator } from 'zustand';
import type { Profile } from '../../../shared/history';
import type { ScanRequestInput } from '../../../shared/scan-request';
import { portholeApi } from '../api';
import { formOfRequest } from '../features/new-scan/scan-form';
import { messageOf } from './app-slice';
import type { PortholeStore } from '.';

export interface ProfilesSlice {
  profiles: Profile[];
  profilesError: string | null;
  /** The profile the form was last filled from or saved as. */
  currentProfile: string | null;
  loadProfiles(): Promise<void>;
  applyProfile(name: string): void;
  saveProfile(name: string, request: ScanRequestInput): Promise<void>;
  renameProfile(name: string, newName: string): Promise<void>;
  deleteProfile(name: string): Promise<void>;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const createProfilesSlice: StateCreator<PortholeStore, [], [], ProfilesSlice> = (
  set,
  get,
) => ({
  profiles: [],
  profilesError: null,
  currentProfile: null,
  async loadProfiles() {
    try {
      set({ profiles: await portholeApi().call('listProfiles'), profilesError: null });
    } catch (error) {
      set({ profilesError: messageOf(error) });
    }
  },
  applyProfile(name) {
    const profile = get().profiles.find((p) => p.name === name);
    if (!profile) return;
    get().fillForm(formOfRequest(profile.request));
    set({ currentProfile: profile.name });
  },
  async saveProfile(name, request) {
    const saved = await portholeApi().call('saveProfile', { name, request });
    set({ currentProfile: saved.name });
    await get().loadProfiles();
  },
  async renameProfile(name, newName) {
    const renamed = await portholeApi().call('renameProfile', { name, newName });
    set((s) => ({
      currentProfile:
        s.currentProfile !== null && sameName(s.currentProfile, name)
          ? renamed.name
          : s.currentProfile,
    }));
    await get().loadProfiles();
  },
  async deleteProfile(name) {
    await portholeApi().call('deleteProfile', { name });
    set((s) => ({
      currentProfile:
        s.currentProfile !== null && sameName(s.currentProfile, name) ? null : s.currentProfile,
    }));
    await get().loadProfiles();
  },
});
