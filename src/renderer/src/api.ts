import type { PortholeApi } from '../../shared/contract';
import { connectPorthole } from './transport';

let api: PortholeApi | null = null;
const lostListeners = new Set<(reason: string) => void>();

/** The single connection to Porthole for this page, made on first use. */
export function portholeApi(): PortholeApi {
  api ??= connectPorthole((reason) => {
    for (const listener of lostListeners) listener(reason);
  });
  return api;
}

/** Hears when the connection drops; returns the function that stops listening. */
export function onConnectionLost(listener: (reason: string) => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}
