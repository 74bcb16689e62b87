import { useEffect } from 'react';
import type { ScanId } from '../../../../shared/domain';
import type { ScanPortMap } from './port-map-model';
import { readStoredPortMap } from './read-stored-map';

/**
 * Maps filled (or being filled) from the history in this window, and whether that read came after
 * the scan ended: a read while it ran is done again once, at its end.
 */
const loaded = new WeakMap<ScanPortMap, { final: boolean }>();

/**
 * Fills a scan's map from the history (a scan opened later, a reload, a scan started in another
 * tab or process), and once more when the scan has ended, for what no frame brought here.
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
    readStoredPortMap(scanId, map, () => stopped).then(
      (complete) => (finished = complete),
      () => {
        // The live frames still fill the map; a later open tries again.
        if (loaded.get(map) === mark) loaded.delete(map);
      },
    );
    return () => {
      stopped = true;
      // Left before the last page: the next open loads again.
      if (!finished && loaded.get(map) === mark) loaded.delete(map);
    };
  }, [scanId, map, final]);
}
