import { useEffect } from 'react';
import type { ScanId } from '../../../../shared/domain';
import { portholeApi } from '../../api';
import type { ScanPortMap } from './port-map-model';

const PAGE = 64;
/**
 * Maps filled (or being filled) from the history in this window, and whether that read came after
 * the scan ended: a read while it ran is done again once, at its end.
 */
const loaded = new WeakMap<ScanPortMap, { final: boolean }>();

/**
 * Fills a scan's map from the history (a scan opened later, a reload, a scan started in another
 * tab or process): page after page of hosts, up to what the map keeps. Once more when the scan
 * has ended, for what no frame brought here (a scan running in another process sends none).
 * Live frames and stored pages agree, so the order in which they land does not matter.
 */
export function useStoredPortMap(scanId: ScanId, map: ScanPortMap | null, final: boolean): void {
  useEffect(() => {
    if (!map) return;
    const read = loaded.get(map);
    if (read && (read.final || !final)) return;
    const mark = { final };
    loaded.set(map, mark);
    let stopped = false;
    let finished = false;
    void (async () => {
      for (let offset = 0; !stopped && offset < map.maxHosts; offset += PAGE) {
        const page = await portholeApi().call('getPortMap', {
          scanId,
          page: { offset, limit: PAGE },
        });
        for (const host of page.hosts) map.apply(host);
        map.notify();
        if (offset + PAGE >= page.total) break;
      }
      finished = !stopped;
    })().catch(() => {
      // The live frames still fill the map; a later open tries again.
      if (loaded.get(map) === mark) loaded.delete(map);
    });
    return () => {
      stopped = true;
      // Left before the last page: the next open loads again.
      if (!finished && loaded.get(map) === mark) loaded.delete(map);
    };
  }, [scanId, map, final]);
}
