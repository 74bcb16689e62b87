import { describe, expect, it } from 'vitest';
import { emptyStateCounts, type PortResult, type ScanId } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import { HOST_PORTS_SHOWN, HOST_RTT_SAMPLE, type HostSummary } from '../../shared/explorer';
import type { ResultFilterInput } from '../../shared/history';
import {
  EXPLORER_HOSTS,
  explorerResults,
  matchesFilter,
  explorerScans,
} from './fixtures/explorer-scan';
import { request, results, useTempDatabase } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('all');
const ALL = explorerResults();

const written = explorerScans(tempDb);
const scans = async () => {
  const { finished, running } = await written();
  return [finished, running] as const;
};

/** What getHosts must answer, from the written results. */
function expectedHosts(filter: ResultFilterInput): HostSummary[] {
  const out: HostSummary[] = [];
  for (const { host, hostname } of EXPLORER_HOSTS) {
    const mine = ALL.filter((r) => r.host === host && r.hostname === hostname);
    const matching = mine.filter((r) => matchesFilter(filter, r));
    if (matching.length === 0) continue;
    const counts = emptyStateCounts();
    for (const r of mine) counts[r.state] += 1;
    const rtts = mine
      .filter((r) => r.rttUs !== null)
      .slice(0, HOST_RTT_SAMPLE)
      .map((r) => r.rttUs!)
      .sort((a, b) => a - b);
    out.push({
      host,
      hostname,
      counts,
      ports: matching.slice(0, HOST_PORTS_SHOWN),
      matching: matching.length,
      rttUs: rtts.length
        ? { min: rtts[0]!, median: rtts[(rtts.length - 1) >> 1]!, sampled: rtts.length }
        : null,
    });
  }
  return out;
}

describe('getHosts', () => {
  it('lists hosts with a matching port, in address order, with all their counts', async () => {
    for (const id of await scans()) {
      for (const filter of [
        {},
        { state: 'open' },
        { state: ['closed', 'error'] },
        { host: '10.0.0.0/24' },
        { host: ['*.lan', '::1'], state: 'filtered' },
        { port: [22, { from: 100, to: 120 }] },
        { service: 'http*' },
        { text: 'nginx' },
        { banner: 'zzz' },
      ] as ResultFilterInput[]) {
        const want = expectedHosts(filter);
        const page = tempDb().getHosts({ scanId: id, filter });
        expect(page.total).toBe(want.length);
        expect(page.hosts).toEqual(want);
      }
    }
  });

  it("cuts a host's ports at HOST_PORTS_SHOWN and still counts them all", async () => {
    const [id] = await scans();
    const [first] = tempDb().getHosts({ scanId: id, filter: { state: 'closed' } }).hosts;
    expect(first?.host).toBe('10.0.0.1');
    expect(first?.ports).toHaveLength(HOST_PORTS_SHOWN);
    expect(first?.matching).toBeGreaterThan(HOST_PORTS_SHOWN);
    expect(first?.matching).toBe(first?.counts.closed);
    // The same without the counts' shortcut: a row filter makes it count the host's rows.
    const [viaRows] = tempDb().getHosts({
      scanId: id,
      filter: { state: 'closed', port: { from: 1, to: 300 } },
    }).hosts;
    expect(viaRows?.matching).toBe(first?.matching);
    expect(viaRows?.ports).toEqual(first?.ports);
  });

  it('pages the hosts and reports the total of every page', async () => {
    const [id] = await scans();
    const all = tempDb()
      .getHosts({ scanId: id })
      .hosts.map((h) => `${h.host} ${h.hostname}`);
    expect(all).toHaveLength(EXPLORER_HOSTS.length);
    const second = tempDb().getHosts({ scanId: id, page: { offset: 3, limit: 2 } });
    expect(second.total).toBe(EXPLORER_HOSTS.length);
    expect(second.hosts.map((h) => `${h.host} ${h.hostname}`)).toEqual(all.slice(3, 5));
    expect(tempDb().getHosts({ scanId: id, page: { offset: 100 } })).toEqual({
      hosts: [],
      total: EXPLORER_HOSTS.length,
    });
  });

  it('samples round trips over at most HOST_RTT_SAMPLE answered ports, lowest first', async () => {
    const id = tempDb().createScan(request());
    const writer = createResultWriter(tempDb(), id);
    const rows: PortResult[] = results(1, 1500, { host: '10.9.9.9' }).map((r) => ({
      ...r,
      rttUs: r.port <= 1000 ? 5000 - r.port : 1,
    }));
    writer.write(rows);
    await writer.close();
    const [host] = tempDb().getHosts({ scanId: id }).hosts;
    // Ports 1-1000 answered in 4,999..4,000 µs; ports above them, faster, are not in the sample.
    expect(host?.rttUs).toEqual({ min: 4000, median: 4499, sampled: HOST_RTT_SAMPLE });
  });

  it('answers an empty page for a scan that does not exist, and refuses bad input', async () => {
    expect(tempDb().getHosts({ scanId: 9999 as ScanId })).toEqual({ hosts: [], total: 0 });
    expect(() =>
      tempDb().getHosts({ scanId: 1 as ScanId, filter: { host: '10.0.0.0/40' } }),
    ).toThrow(InputError);
    expect(() => tempDb().getHosts({ scanId: 1 as ScanId, page: { limit: 5000 } })).toThrow(
      InputError,
    );
  });
});
