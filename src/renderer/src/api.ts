import type { PortholeApi } from '../../shared/contract';
import { connectPorthole } from './transport';

let api: PortholeApi | null = null;

/** The single connection to Porthole for this page, made on first use. */
export function portholeApi(): PortholeApi {
  api ??= connectPorthole();
  return api;
}
