import { describe, expect, it } from 'vitest';
import type { PortResult, ScanId } from '../../shared/domain';
import {
  SERVICE_SAMPLE,
  SERVICES_SHOWN,
  type ServiceList,
  type ServiceSummary,
} from '../../shared/explorer';
import type { ResultFilterInput } from '../../shared/history';
import {
  explorerResults,
  matchesFilter,
  naturalOrder,
  writeExplorerScan,
} from './fixtures/explorer-scan';
import { request, result, useTempDatabase } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('all');

const fold = (s: string) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/** What getServices must answer for rows in their natural order. */
function expectedServices(rows: PortResult[]): ServiceList {
  const groups = new Map<string | null, ServiceSummary & { seen: Set<string> }>();
  for (const r of rows) {
    const key = r.service === null ? null : fold(r.service);
    let g = groups.get(key);
    if (!g) {
      g = { service: r.service, ports: 0, hosts: 0, sample: [], seen: new Set() };
      groups.set(key, g);
    }
    g.ports += 1;
    g.seen.add(`${r.host} ${r.hostname}`);
    g.hosts = g.seen.size;
    if (g.sample.length < SERVICE_SAMPLE) {
      const { host, hostname, port, state, banner } = r;
      g.sample.push({ host, hostname, port, state, banner });
    }
  }
  const ranked = [...groups.values()]
    .map(({ seen: _seen, ...g }) => g)
    .sort(
      (a, b) =>
        b.ports - a.ports ||
        (a.service === null
          ? 1
          : b.service === null
            ? -1
            : fold(a.service) < fold(b.service)
              ? -1
              : 1),
    );
  return { services: ranked.slice(0, SERVICES_SHOWN), truncated: ranked.length > SERVICES_SHOWN };
}

async function write(rows: PortResult[], finished = true): Promise<ScanId> {
  const id = tempDb().createScan(request());
  const writer = createResultWriter(tempDb(), id);
  writer.write(rows);
  await writer.close();
  if (finished) tempDb().finishScan(id, { status: 'completed', endedAt: 1 });
  return id;
}

describe('getServices', () => {
  it('groups matching ports by service, most ports first, with hosts and a sample', async () => {
    const id = await writeExplorerScan(tempDb(), true);
    const all = naturalOrder(explorerResults());
    for (const filter of [
      {},
      { state: 'open' },
      { host: '10.0.0.0/24', state: ['open', 'filtered'] },
      { port: [{ from: 1, to: 30 }, 443, 8000] },
      { service: 'HTTP*' },
      { text: 'lan' },
      { banner: 'nothing like it' },
    ] as ResultFilterInput[]) {
      const got = await tempDb().getServices({ scanId: id, filter });
      expect(got).toEqual(expectedServices(all.filter((r) => matchesFilter(filter, r))));
    }
    const open = await tempDb().getServices({ scanId: id, filter: { state: 'open' } });
    // Case is ignored: ms wbt and HTTP-alt are each one group; null (no name) is a group too.
    expect(open.services.map((s) => s.service)).toContain('HTTP-alt');
  });

  it('reads big scans in chunks of whole hosts and still counts every port once', async () => {
    const rows: PortResult[] = [];
    for (const host of ['10.2.0.1', '10.2.0.2', '10.2.0.3']) {
      for (let port = 1; port <= 20_000; port++) {
        rows.push(result(port, { host, service: port % 2 ? 'odd' : port % 1000 ? null : 'Kilo' }));
      }
    }
    // Ports of 'kilo' (another case) only on the last host: its sample comes from later chunks.
    rows.push(result(20_001, { host: '10.2.0.3', service: 'kilo' }));
    const id = await write(rows, false);
    const got = await tempDb().getServices({ scanId: id });
    expect(got).toEqual(expectedServices(rows));
    expect(got.services.find((s) => s.service === 'Kilo')).toMatchObject({ ports: 61, hosts: 3 });
  }, 30_000);

  it(`shows at most ${SERVICES_SHOWN} services and says it cut the list`, async () => {
    const rows = Array.from({ length: SERVICES_SHOWN + 20 }, (_, i) =>
      result(i + 1, { host: '10.3.0.1', service: `svc-${i}`, state: 'open' }),
    );
    rows.push(result(9000, { host: '10.3.0.2', service: 'svc-7' }));
    const id = await write(rows);
    const got = await tempDb().getServices({ scanId: id });
    expect(got.truncated).toBe(true);
    expect(got.services).toHaveLength(SERVICES_SHOWN);
    expect(got.services[0]).toMatchObject({ service: 'svc-7', ports: 2, hosts: 2 });
    expect(got).toEqual(expectedServices(naturalOrder2(rows)));
  });

  it('answers an empty list for a scan that does not exist', async () => {
    expect(await tempDb().getServices({ scanId: 9999 as ScanId })).toEqual({
      services: [],
      truncated: false,
    });
  });
});

/** Rows of plain IPv4 hosts in address then port order. */
function naturalOrder2(rows: PortResult[]): PortResult[] {
  const key = (r: PortResult) =>
    r.host
      .split('.')
      .map((n) => n.padStart(3, '0'))
      .join('.');
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.port - b.port));
}
