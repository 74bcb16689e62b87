import type { ScanId } from '../../../../shared/domain';
import type { HostPortRuns } from '../../../../shared/port-map';
import { ScanPortMap } from './port-map-model';

/**
 * The port maps of the scans this window knows, by id. Frames may arrive before the window knows
 * a scan's ports (a scan started in another tab): their runs wait here until `create` is called.
 */
const maps = new Map<ScanId, ScanPortMap>();
const waiting = new Map<ScanId, HostPortRuns[]>();
/** Runs kept per scan while its ports are unknown; past this the stored map fills the gaps later. */
const MAX_WAITING = 100_000;

export function portMapOf(id: ScanId): ScanPortMap | null {
  return maps.get(id) ?? null;
}

export function createPortMap(id: ScanId, ports: Uint16Array): ScanPortMap {
  const existing = maps.get(id);
  if (existing) return existing;
  const map = new ScanPortMap(ports);
  maps.set(id, map);
  for (const runs of waiting.get(id) ?? []) map.apply(runs);
  waiting.delete(id);
  map.notify();
  return map;
}

/** Applies runs to a scan's map, or keeps them until the map exists. Does not notify. */
export function applySettled(id: ScanId, settled: readonly HostPortRuns[]): ScanPortMap | null {
  const map = maps.get(id);
  if (map) {
    for (const runs of settled) map.apply(runs);
    return map;
  }
  const queue = waiting.get(id) ?? [];
  if (queue.length < MAX_WAITING) queue.push(...settled);
  waiting.set(id, queue);
  return null;
}

export function forgetPortMap(id: ScanId): void {
  maps.delete(id);
  waiting.delete(id);
}
