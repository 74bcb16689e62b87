import { describe, expect, it } from 'vitest';
import type { ScanId } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { forEachRunPort, PortRunsCollector, runsPortCount } from '../../shared/port-map';
import { EXPLORER_HOSTS, explorerResults, explorerScans } from './fixtures/explorer-scan';
import { complement } from './port-map';
import { request, results, useTempDatabase } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('all');

const written = explorerScans(tempDb);
const scans = async () => {
  const { finished, running } = await written();
  return [finished, running] as const;
};

/** The runs every host must have, from the written results, in address order. */
function expectedRuns() {
  const collector = new PortRunsCollector();
  for (const r of explorerResults()) collector.add(r.host, r.hostname, r.port, r.state);
  return collector.take();
}

describe('getPortMap', () => {
  it("gives every host's stored ports as runs by state, finished or running, gaps or not", async () => {
    for (const id of await scans()) {
      const map = tempDb().getPortMap({ scanId: id, page: { limit: 256 } });
      expect(map.total).toBe(EXPLORER_HOSTS.length);
      expect(map.hosts).toEqual(expectedRuns());
    }
  });

  it('pages hosts in address order', async () => {
    const [id] = await scans();
    const page = tempDb().getPortMap({ scanId: id, page: { offset: 2, limit: 3 } });
    expect(page.total).toBe(EXPLORER_HOSTS.length);
    expect(page.hosts).toEqual(expectedRuns().slice(2, 5));
    expect(page.hosts.map((h) => h.hostname)).toEqual(['Web.lan', null, 'db.lan']);
  });

  it('reads a whole port range of a finished scan as one closed block with the others cut out', async () => {
    const id = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), id);
    writer.write(results(1, 65535, { host: '10.1.1.1' }, 1000));
    await writer.close();
    tempDb().finishScan(id, { status: 'completed', endedAt: 1 });
    const [host] = tempDb().getPortMap({ scanId: id }).hosts;
    expect(runsPortCount(host!.runs)).toBe(65535);
    expect(host!.runs.open).toHaveLength(2 * 65);
    expect(host!.runs.closed?.slice(0, 4)).toEqual([1, 999, 1001, 1999]);
    const seen = new Set<number>();
    forEachRunPort(host!.runs, (port) => seen.add(port));
    expect(seen.size).toBe(65535);
  }, 30_000);

  it('answers an empty page for a scan that does not exist, and refuses bad input', () => {
    expect(tempDb().getPortMap({ scanId: 9999 as ScanId })).toEqual({ hosts: [], total: 0 });
    expect(() => tempDb().getPortMap({ scanId: 1 as ScanId, page: { limit: 257 } })).toThrow(
      InputError,
    );
  });
});

describe('complement', () => {
  it('is the block minus the runs', () => {
    expect(complement(1, 10, [])).toEqual([1, 10]);
    expect(complement(1, 10, [[1, 1, 10, 10]])).toEqual([2, 9]);
    expect(
      complement(1, 10, [
        [3, 4],
        [6, 6],
      ]),
    ).toEqual([1, 2, 5, 5, 7, 10]);
    expect(complement(5, 7, [[1, 20]])).toEqual([]);
    expect(complement(1, 3, [[2, 2], [], [1, 1]])).toEqual([3, 3]);
  });
});
