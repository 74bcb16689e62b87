import type { StateCreator } from 'zustand';
import { EMPTY_FORM, type ScanForm } from '../features/new-scan/scan-form';
import type { PortholeStore } from '.';

export interface FormSlice {
  form: ScanForm;
  setForm(patch: Partial<ScanForm>): void;
  /** Replaces the whole form (Scan again, a profile). */
  fillForm(form: ScanForm): void;
}

export const createFormSlice: StateCreator<PortholeStore, [], [], FormSlice> = (set) => ({
  form: EMPTY_FORM,
  setForm(patch) {
    set((s) => ({ form: { ...s.form, ...patch } }));
  },
  fillForm(form) {
    set({ form });
  },
});
