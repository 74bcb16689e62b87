import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';

export type PortholeStore = AppSlice;

/** One bound store made of slices; components select single values from it. */
export const useStore = create<PortholeStore>()((...a) => ({
  ...createAppSlice(...a),
}));
