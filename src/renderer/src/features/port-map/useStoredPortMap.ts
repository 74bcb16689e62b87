import { useEffect } from 'react';
import type { ScanId } from '../../../../shared/domain';
import { portholeApi } from '../../api';
import type { ScanPortMap } from './port-map-model';

const PAGE = 64;
/** Maps already filled (or being filled) from the history in this window. */
const loaded = new WeakSet<ScanPortMap>();

/**
 * Fills a scan's map from the history once per window (a scan opened later, a reload, a scan
 * started in another tab): page after page of hosts, up to what the map keeps. Live frames and
 * stored pages agree, so the order in which they land does not matter.
 */
export function useStoredPortMap(scanId: ScanId, map: ScanPortMap | null): void {
  useEffect(() => {
    if (!map || loaded.has(map)) return;
    loaded.add(map);
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
      loaded.delete(map);
    });
    return () => {
      stopped = true;
      // Left before the last page: the next open loads again.
      if (!finished) loaded.delete(map);
    };
  }, [scanId, map]);
}
