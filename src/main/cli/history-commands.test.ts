import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResultQuery } from '../../shared/result-query';
import type { PortResult } from '../../shared/domain';
import { openDatabase } from '../store/database';
import {
  explorerResults,
  matchesFilter,
  naturalOrder,
  writeExplorerScan,
} from '../store/fixtures/explorer-scan';
import { result, writeFinishedScan } from '../store/test-support';
import { closedPort, listen } from '../testing/listeners';
import { collect, runCli, spawnCli } from '../testing/run-cli';

let dir: string;
let db: string;
let first: Awaited<ReturnType<typeof listen>>;
let second: Awaited<ReturnType<typeof listen>>;
let closed: number;

const isRoot = process.getuid?.() === 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-history-'));
  db = join(dir, 'history.db');
  first = await listen();
  second = await listen('127.0.0.1', (socket) => socket.end('SSH-2.0-Fake\r\n'));
  closed = await closedPort();
});
afterAll(async () => {
  await first.close();
  await second.close();
  rmSync(dir, { recursive: true, force: true });
});

const ports = () => `${first.port},${second.port},${closed}`;

describe('history, show, export, diff, delete', () => {
  it('work together on scans made by `porthole scan`', async () => {
    const scanA = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      ports(),
      '--db',
      db,
      '--name',
      'before',
    ]);
    expect(scanA.code).toBe(0);
    // The second scan sees the first listener gone: a state change the diff must show.
    await first.close();
    const scanB = await runCli(['scan', '127.0.0.1', '-p', ports(), '--db', db, '--banners']);
    expect(scanB.code).toBe(0);

    const history = await runCli(['history', '--db', db]);
    expect(history.code).toBe(0);
    const lines = history.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+STARTED/);
    expect(lines[1]).toMatch(/^2\s+completed/); // newest first
    expect(lines[2]).toMatch(/^1\s+completed.*before$/);
    expect(history.stdout).toContain('2 of 2 scans');

    const show = await runCli(['show', '1', '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Scan #1 "before": completed');
    expect(show.stdout).toMatch(new RegExp(`${first.port}/tcp\\s+open\\s+syn-ack`));
    expect(show.stdout).not.toContain(`${closed}/tcp`);
    const showAll = await runCli(['show', '1', '--all', '--db', db]);
    expect(showAll.stdout).toMatch(new RegExp(`${closed}/tcp\\s+closed\\s+conn-refused`));

    const showB = await runCli(['show', '2', '--db', db]);
    expect(showB.stdout).toContain('SSH-2.0-Fake');

    const diff = await runCli(['diff', '1', '2', '--db', db]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Changes from scan #1 to scan #2');
    expect(diff.stdout).toMatch(
      new RegExp(
        `^removed\\s+127\\.0\\.0\\.1\\s+${first.port}/tcp\\s+open\\s+closed\\s+state`,
        'm',
      ),
    );
    const sincePrevious = await runCli(['diff', '2', '--db', db]);
    expect(sincePrevious.stdout).toContain('Changes from scan #1 to scan #2');

    const csv = join(dir, 'two.csv');
    const exported = await runCli(['export', '2', '--csv', csv, '--db', db]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('Wrote 3 rows');
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe(
      'host,hostname,port,protocol,state,reason,rtt_ms,service,banner,scan_id,scanned_at',
    );
    const ndjson = await runCli(['export', '2', '--ndjson', '-', '--open', '--db', db]);
    const objects = ndjson.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { port: number });
    expect(objects.map((o) => o.port)).toEqual([second.port]);

    const deleted = await runCli(['delete', '1', '--db', db]);
    expect(deleted.code).toBe(0);
    const after = await runCli(['history', '--db', db]);
    expect(after.stdout).toContain('1 of 1 scans');
  }, 120_000); // a dozen child processes, each compiling the CLI from source

  it("diff reads each change as the window does (KIND), with the host's name and what differs", async () => {
    const file = join(dir, 'kinds.db');
    const history = openDatabase(file);
    const name = 'web.lan';
    const at = (port: number, over: Partial<PortResult> = {}) =>
      result(port, { host: '127.0.0.9', hostname: name, ...over });
    const open = { state: 'open', service: 'http' } as const;
    const before = await writeFinishedScan(history, [
      at(21), // closed -> open: added
      at(22, open), // open -> closed: removed
      at(23, open), // open, another service: changed
      at(24, { state: 'filtered' }), // filtered -> closed: changed
      at(25, open), // open, not scanned later: removed
      result(26, { host: '127.0.0.8', state: 'open' }), // no name
    ]);
    const after = await writeFinishedScan(history, [
      at(21, open),
      at(22),
      at(23, { ...open, service: 'https' }),
      at(24),
      at(27, open), // open, not scanned before: added
      result(26, { host: '127.0.0.8' }),
    ]);
    history.close();
    const run = await runCli(['diff', String(before), String(after), '--db', file]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Changes from scan #${before} to scan #${after}`);
    const cells = lines.slice(2).map((l) => l.split(/\s{2,}/));
    expect(lines[1]!.split(/\s{2,}/)).toEqual([
      'KIND',
      'HOST',
      'PORT',
      'BEFORE',
      'AFTER',
      'CHANGED',
      'SERVICE',
    ]);
    const host = `${name} (127.0.0.9)`;
    expect(cells).toEqual([
      ['removed', '127.0.0.8', '26/tcp', 'open', 'closed', 'state'],
      ['added', host, '21/tcp', 'closed', 'open', 'state,service', 'http'],
      ['removed', host, '22/tcp', 'open', 'closed', 'state,service', 'http'],
      ['changed', host, '23/tcp', 'open', 'open', 'service', 'https'],
      ['changed', host, '24/tcp', 'filtered', 'closed', 'state'],
      ['removed', host, '25/tcp', 'open', '-', `not in #${after}`, 'http'],
      ['added', host, '27/tcp', '-', 'open', `not in #${before}`, 'http'],
    ]);
  });

  it('exits 2 naming a scan that does not exist or an id that is not one', async () => {
    const missing = await runCli(['show', '999', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('porthole: scan 999 does not exist');
    const notAnId = await runCli(['delete', 'abc', '--db', db]);
    expect(notAnId.code).toBe(2);
    expect(notAnId.stderr).toContain('"abc"');
    const huge = await runCli(['show', '99999999999999999999', '--db', db]);
    expect(huge.code).toBe(2);
    expect(huge.stderr.trim()).toBe('porthole: scan id: "99999999999999999999" is not a scan id');
    const status = await runCli(['history', '--status', 'bogus', '--db', db]);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--status');
    expect(status.stderr).toContain('completed');
    const noFormat = await runCli(['export', '2', '--db', db]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain('--csv');
  });

  it('stops quietly when the reader of its output goes away (`| head`)', async () => {
    for (const args of [
      ['history', '--db', db],
      ['show', '2', '--all', '--db', db],
      ['export', '2', '--csv', '-', '--db', db],
    ]) {
      const child = spawnCli(args);
      child.stdout?.destroy(); // the pipe's reader is gone before the first write
      const run = await collect(child);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
  });

  it.skipIf(!existsSync('/dev/full'))(
    'says in one line, exit 1, when its output cannot be written (a full disk)',
    async () => {
      const full = openSync('/dev/full', 'w');
      try {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'src/main/cli.ts', 'history', '--db', db],
          { stdio: ['ignore', full, 'pipe'] },
        );
        const run = await collect(child);
        expect(run.code).toBe(1);
        expect(run.stderr.trim()).toBe(
          'porthole: cannot write the output: ENOSPC: no space left on device, write',
        );
      } finally {
        closeSync(full);
      }
    },
  );

  it('names a history file that does not exist instead of creating it', async () => {
    const missing = join(dir, 'typo.db');
    for (const command of [['history'], ['show', '1'], ['delete', '1']]) {
      const run = await runCli([...command, '--db', missing]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(`porthole: --db: there is no history database at ${missing}`);
    }
    expect(existsSync(missing)).toBe(false);
    const fromEnv = await runCli(['history'], { PORTHOLE_DB: missing });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr.trim()).toBe(
      `porthole: PORTHOLE_DB: there is no history database at ${missing}`,
    );
  });

  it.skipIf(!isRoot)(
    'a read-only database makes a scan exit 1 promptly with the cause (needs root for chattr)',
    async () => {
      const file = join(dir, 'readonly.db');
      const made = await runCli(['scan', '127.0.0.1', '-p', ports(), '--db', file]);
      expect(made.code).toBe(0);
      execFileSync('chattr', ['+i', file]);
      try {
        const started = Date.now();
        const run = await runCli(['scan', '127.0.0.1', '-p', ports(), '--db', file]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/read-only|readonly/i);
        expect(run.stderr).toContain(file);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(Date.now() - started).toBeLessThan(20_000); // a hang would hit the test timeout
        // Reading needs no write access: the history is still there to look at and export.
        const history = await runCli(['history', '--db', file]);
        expect(history.code).toBe(0);
        expect(history.stdout).toContain('1 of 1 scans');
        const show = await runCli(['show', '1', '--db', file]);
        expect(show.code).toBe(0);
        expect(show.stdout).toMatch(/^Scan #1: completed/);
        const exported = await runCli(['export', '1', '--csv', '-', '--db', file]);
        expect(exported.code).toBe(0);
        expect(exported.stdout.split('\r\n').length).toBeGreaterThan(3);
        const deleted = await runCli(['delete', '1', '--db', file]);
        expect(deleted.code).toBe(1);
        expect(deleted.stderr).toMatch(/read-only/);
      } finally {
        execFileSync('chattr', ['-i', file]);
      }
    },
  );

  it('show and export take --filter, the query language of the window', async () => {
    const file = join(dir, 'explorer.db');
    const history = openDatabase(file);
    const id = await writeExplorerScan(history, true);
    history.close();
    const want = (query: string) =>
      naturalOrder(explorerResults().filter((r) => matchesFilter(parseResultQuery(query), r)));

    const query = 'open port:22,443,1-100 host:10.0.0.0/24';
    const show = await runCli(['show', String(id), '--db', file, '--filter', query]);
    expect(show.code).toBe(0);
    const shown = show.stdout.split('\n').filter((l) => /^\S+.*\d+\/tcp/.test(l));
    expect(shown.map((l) => l.match(/(\d+)\/tcp/)![1])).toEqual(
      want(query).map((r) => `${r.port}`),
    );
    expect(shown.every((l) => /\/tcp\s+open\s/.test(l))).toBe(true);
    const none = await runCli(['show', String(id), '--db', file, '--filter', 'port:9999']);
    expect(none.stdout).toContain('No results match the filter.');

    const exported = await runCli([
      'export',
      String(id),
      '--ndjson',
      '-',
      '--db',
      file,
      '--filter',
      'host:*.lan banner:nginx',
    ]);
    expect(exported.code).toBe(0);
    const rows = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { host: string; port: number });
    expect(rows.map((r) => `${r.host} ${r.port}`)).toEqual(
      want('host:*.lan banner:nginx').map((r) => `${r.host} ${r.port}`),
    );
    expect(rows.length).toBeGreaterThan(0);

    const wrong = await runCli(['show', String(id), '--db', file, '--filter', 'open foo:bar']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim()).toBe(
      'porthole: --filter: unknown filter "foo:" (use state, port, host, service or banner)',
    );
    const port = await runCli([
      'export',
      String(id),
      '--csv',
      '-',
      '--db',
      file,
      '--filter',
      'port:70000',
    ]);
    expect(port.code).toBe(2);
    expect(port.stderr.trim()).toBe('porthole: --filter: port: "70000" is not a port (1-65535)');
    const both = await runCli(['show', String(id), '--all', '--filter', 'open', '--db', file]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --all or --filter, not both');
    const open = await runCli([
      'export',
      String(id),
      '--csv',
      '-',
      '--open',
      '--filter',
      'ssh',
      '--db',
      file,
    ]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('give --open or --filter, not both');
  }, 60_000);
});
