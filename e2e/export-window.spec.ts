import { ascending, startScan, statusBadge } from './support/app';
import { exportedByCli } from './support/cli';
import { csvObjects, parseCsv, UTF8_BOM } from './support/downloads';
import { exportFromResults } from './support/export-panel';
import { expect, test } from './support/fixtures';
import { closedPorts } from './support/listeners';
import { expectPorts, openResults, setQuery, visibleRows } from './support/results';

// Exports from the window's own Results tab ("Export…"), downloaded by Chromium from the browser
// host, compared with what `porthole export` writes for the same scan from the same file.

const CSV_HEADER =
  'host,hostname,port,protocol,state,reason,rtt_ms,service,banner,scan_id,scanned_at';
const HYPERLINK = '=HYPERLINK("http://x")';

interface JsonRow {
  host: string;
  port: number;
  state: string;
  banner: string | null;
  scanId: number;
}

test('CSV, CSV for Excel, JSON and the view: named after the scan, as the CLI writes them', async ({
  app: page,
  host,
  listeners,
}) => {
  const formula = await listeners.any({ banner: `${HYPERLINK}\r\n` });
  const ssh = await listeners.any({ banner: 'SSH-2.0-Porthole_Export\r\n' });
  const plain = await listeners.any();
  const open = [formula, ssh, plain].sort(ascending);
  const closed = (await closedPorts(2)).sort(ascending);
  const id = await startScan(page, {
    targets: '127.0.0.1',
    ports: [...open, ...closed].join(','),
    banners: true,
    name: 'Export check',
  });
  await expect(statusBadge(page)).toHaveText('Completed');
  await openResults(page);
  await expectPorts(page, open);
  const cli = (...args: string[]) => exportedByCli(host.databaseFile, id, ...args);

  // CSV of the open ports: the header, one row per open port, the formula defused.
  const csv = await exportFromResults(page, 'Open ports', 'CSV');
  expect(csv.name).toBe(`porthole-scan-${id}-export-check-open.csv`);
  expect(csv.bytes[0]).not.toBe(UTF8_BOM[0]);
  const [header, ...records] = parseCsv(csv.text);
  expect(header!.join(',')).toBe(CSV_HEADER);
  expect(csv.text.startsWith(`${CSV_HEADER}\r\n`)).toBe(true);
  expect(records).toHaveLength(open.length);
  const rows = csvObjects(csv.text);
  expect(rows.map((r) => Number(r.port)).sort(ascending)).toEqual(open);
  for (const row of rows) {
    expect(row).toMatchObject({
      host: '127.0.0.1',
      protocol: 'tcp',
      state: 'open',
      reason: 'syn-ack',
      scan_id: String(id),
    });
    expect(row.scanned_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
  const banners = Object.fromEntries(rows.map((r) => [Number(r.port), r.banner]));
  expect(banners[ssh]).toBe('SSH-2.0-Porthole_Export');
  expect(banners[plain]).toBe('');
  // A spreadsheet must not read the banner as a formula: the cell starts with '=, quote-escaped.
  expect(banners[formula]!.startsWith(`'${HYPERLINK}`)).toBe(true);
  expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")`);
  expect(csv.text).toBe(await cli('--csv', '-', '--open'));

  // CSV for Excel: the same bytes after a UTF-8 byte-order mark, as `--csv-bom` writes them.
  const excel = await exportFromResults(page, 'Open ports', 'CSV for Excel');
  expect(excel.name).toBe(`porthole-scan-${id}-export-check-open.csv`);
  expect([...excel.bytes.subarray(0, 3)]).toEqual(UTF8_BOM);
  expect(excel.bytes.subarray(3).toString('utf8')).toBe(csv.text);
  expect(excel.text).toBe(await cli('--csv', '-', '--open', '--csv-bom'));

  // "This view" exports exactly the rows the query shows, in JSON and in CSV.
  const query = `port:${plain},${closed[0]}`;
  await setQuery(page, query);
  await expectPorts(page, [plain, closed[0]!]);
  const shown = (await visibleRows(page)).map((r) => `${r.host}:${r.port} ${r.state}`).sort();
  expect(shown).toEqual([`127.0.0.1:${closed[0]} closed`, `127.0.0.1:${plain} open`].sort());

  const json = await exportFromResults(page, 'This view', 'JSON');
  expect(json.name).toBe(`porthole-scan-${id}-export-check-view.json`);
  const exported = JSON.parse(json.text) as JsonRow[];
  expect(exported.map((r) => `${r.host}:${r.port} ${r.state}`).sort()).toEqual(shown);
  expect(exported.every((r) => r.scanId === id)).toBe(true);
  expect(json.text).toBe(await cli('--json', '-', '--filter', query));

  const viewCsv = await exportFromResults(page, 'This view', 'CSV');
  expect(viewCsv.name).toBe(`porthole-scan-${id}-export-check-view.csv`);
  expect(
    csvObjects(viewCsv.text)
      .map((r) => `${r.host}:${r.port} ${r.state}`)
      .sort(),
  ).toEqual(shown);
  expect(viewCsv.text).toBe(await cli('--csv', '-', '--filter', query));

  // The whole scan, whatever the query: every probed port, one JSON object per line.
  const whole = await exportFromResults(page, 'The whole scan', 'NDJSON');
  expect(whole.name).toBe(`porthole-scan-${id}-export-check.ndjson`);
  const lines = whole.text.trimEnd().split('\n');
  expect(lines.map((l) => (JSON.parse(l) as JsonRow).port).sort(ascending)).toEqual(
    [...open, ...closed].sort(ascending),
  );
  expect(whole.text).toBe(await cli('--ndjson', '-'));

  // JSON keeps the banner as the host sent it: defusing formulas is the CSV's business.
  const open2 = await exportFromResults(page, 'Open ports', 'JSON');
  const hostile = (JSON.parse(open2.text) as JsonRow[]).find((r) => r.port === formula);
  expect(hostile?.banner).toBe(HYPERLINK);
});
