import type { ScanId } from '../../../../shared/domain';
import { portholeApi } from '../../api';
import type { ScanPortMap } from './port-map-model';

const PAGE = 64;

/**
 * Fills `map` with what the history holds of scan `id`: page after page of hosts, up to what the
 * map keeps. Stored pages and live frames agree, so the order in which they land does not
 * matter. Resolves true once the last page landed, false when `stopped` said to stop first.
 */
export async function readStoredPortMap(
  id: ScanId,
  map: ScanPortMap,
  stopped: () => boolean = () => false,
): Promise<boolean> {
  for (let offset = 0; offset < map.maxHosts; offset += PAGE) {
    if (stopped()) return false;
    const page = await portholeApi().call('getPortMap', {
      scanId: id,
      page: { offset, limit: PAGE },
    });
    for (const host of page.hosts) map.apply(host);
    map.notify();
    if (offset + PAGE >= page.total) break;
  }
  return !stopped();
}
