import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, listen } from '../testing/listeners';
import { collect, runCli, spawnCli } from '../testing/run-cli';
import { until } from '../testing/until';

let dir: string;
let open: Awaited<ReturnType<typeof listen>>;
let closed: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-cli-'));
  open = await listen();
  closed = await closedPort();
});
afterAll(async () => {
  await open.close();
  rmSync(dir, { recursive: true, force: true });
});

const dbFile = (name: string) => join(dir, `${name}.db`);

/** The host column of a CSV written to stdout (`--csv -`), without the header. */
const csvHosts = (stdout: string): string[] =>
  stdout
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',')[0] ?? '');

function committedRows(file: string): number {
  try {
    const conn = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not created yet
  }
}

describe('porthole scan', () => {
  it('lists the open port a test listener opened, and stores the scan', async () => {
    const db = dbFile('basic');
    const run = await runCli(['scan', '127.0.0.1', '-p', `${open.port},${closed}`, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${open.port}/tcp`);
    expect(run.stdout).toMatch(new RegExp(`${open.port}/tcp\\s+open`));
    expect(run.stdout).not.toContain(`${closed}/tcp`);
    expect(run.stdout).toMatch(/completed: 1 open, 1 closed, 0 filtered/);
    const rows = new Database(db, { readonly: true })
      .prepare('SELECT port, state, reason FROM results ORDER BY port')
      .all();
    expect(rows).toEqual(
      [
        { port: open.port, state: 'open', reason: 'syn-ack' },
        { port: closed, state: 'closed', reason: 'conn-refused' },
      ].sort((a, b) => a.port - b.port),
    );
  });

  it('exits 2 with one line naming a port that does not exist', async () => {
    const run = await runCli(['scan', '127.0.0.1', '-p', '70000', '--no-db']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('70000');
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });

  it('exits 2 with one line naming a bad target token', async () => {
    const run = await runCli(['scan', '127.0.0.1,127.0.0.999', '-p', '80', '--no-db']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('127.0.0.999');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on an unknown flag and on a flag with a bad value', async () => {
    const unknown = await runCli(['scan', '127.0.0.1', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe("porthole: unknown option '--frobnicate'");
    const badTimeout = await runCli(['scan', '127.0.0.1', '-p', '80', '--timeout', 'soon']);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toMatch(/^porthole: option '--timeout <ms>' argument 'soon'/);
    // The shared schema's limits, in words a person can act on, naming the flag.
    const zero = await runCli(['scan', '127.0.0.1', '--top-ports', '0', '--no-db']);
    expect(zero.code).toBe(2);
    expect(zero.stderr.trim()).toBe('porthole: --top-ports: must be at least 1');
    const both = await runCli(['scan', '127.0.0.1', '-p', '80', '--top-ports', '10', '--no-db']);
    expect(both.stderr.trim()).toBe(
      'porthole: -p: give either a port list or a top-ports count, not both',
    );
  });

  it('writes CSV and JSON files with --no-db, touching no history file', async () => {
    const csv = join(dir, 'out.csv');
    const json = join(dir, 'out.json');
    const home = join(dir, 'home');
    const run = await runCli(
      [
        'scan',
        '127.0.0.1',
        '-p',
        `${open.port},${closed}`,
        '--no-db',
        '--csv',
        csv,
        '--json',
        json,
      ],
      { XDG_CONFIG_HOME: home, PORTHOLE_DB: '' },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('scan #'); // nothing was stored under any number
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'host,hostname,port,protocol,state,reason,rtt_ms,service,banner,scan_id,scanned_at',
    );
    expect(lines.filter((l) => l.startsWith(`127.0.0.1,,${open.port},tcp,open`))).toHaveLength(1);
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as { port: number; state: string }[];
    expect(parsed.map((r) => [r.port, r.state]).sort()).toEqual(
      [
        [open.port, 'open'],
        [closed, 'closed'],
      ].sort(),
    );
    expect(() => readFileSync(join(home, 'Porthole', 'porthole.db'))).toThrow();
  });

  it('reads targets from -iL and keeps only open ports in the export with --open', async () => {
    const list = join(dir, 'targets.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(list, '# loopback only\n127.0.0.1\n');
    const csv = join(dir, 'open.csv');
    const run = await runCli([
      'scan',
      '-iL',
      list,
      '-p',
      `${open.port},${closed}`,
      '--db',
      dbFile('il'),
      '--csv',
      csv,
      '--open',
    ]);
    expect(run.code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`,${open.port},tcp,open,`);
  });

  it('refuses an export file it cannot write before scanning, with exit 2', async () => {
    const run = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      '1-65535',
      '--no-db',
      '--csv',
      join(dir, 'no-such-folder', 'out.csv'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^porthole: --csv: cannot write .*out\.csv$/);
    expect(run.stdout).toBe(''); // nothing was scanned
  });

  it('reads targets from stdin with -iL -, as nmap does', async () => {
    const run = await runCli(
      ['scan', '-iL', '-', '-p', `${open.port},${closed}`, '--no-db'],
      {},
      '127.0.0.1\n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${open.port}/tcp\\s+open`));
  });

  it('adds up --exclude and --excludefile, and refuses a second -p as nmap does', async () => {
    const list = join(dir, 'exclude.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(list, '127.0.0.2\n# the lab box\n127.0.0.3\n');
    const run = await runCli([
      'scan',
      '127.0.0.1-5',
      '-p',
      `${closed}`,
      '--exclude',
      '127.0.0.4',
      '--exclude',
      '127.0.0.5',
      '--excludefile',
      list,
      '--no-db',
      '--csv',
      '-',
    ]);
    expect(run.code).toBe(0);
    const hosts = csvHosts(run.stdout);
    expect(hosts).toEqual(['127.0.0.1']);
    const twice = await runCli(['scan', '127.0.0.1', '-p', '22', '-p', '80', '--no-db']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('give -p once');
  });

  it('refuses a --db in a folder that does not exist, or empty, creating nothing', async () => {
    const missing = join(dir, 'typo-folder', 'deeper', 'x.db');
    const run = await runCli(['scan', '127.0.0.1', '-p', `${open.port}`, '--db', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`porthole: --db: the folder of ${missing} does not exist`);
    expect(existsSync(join(dir, 'typo-folder'))).toBe(false);
    const empty = await runCli(['scan', '127.0.0.1', '-p', `${open.port}`, '--db', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr.trim()).toBe('porthole: --db: give a file name');
  });

  it('refuses a folder or one file for two exports before scanning, with exit 2', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const toFolder = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      `${open.port}`,
      '--no-db',
      '--json',
      folder,
    ]);
    expect(toFolder.code).toBe(2);
    expect(toFolder.stderr.trim()).toBe(
      `porthole: --json: ${folder} is a folder; give a file name`,
    );
    const same = join(dir, 'same.out');
    const twice = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      `${open.port}`,
      '--no-db',
      '--csv',
      same,
      '--json',
      same,
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr.trim()).toBe(`porthole: --json: --csv already writes to ${same}`);
    expect(existsSync(same)).toBe(false);
  });

  it('reads every -iL list, and sees through a link to the other export file', async () => {
    const { writeFileSync, symlinkSync } = await import('node:fs');
    const one = join(dir, 'one.txt');
    const two = join(dir, 'two.txt');
    writeFileSync(one, '127.0.0.1\n');
    writeFileSync(two, '127.0.0.2\n');
    const run = await runCli([
      'scan',
      '-iL',
      one,
      '-iL',
      two,
      '-p',
      `${closed}`,
      '--no-db',
      '--csv',
      '-',
    ]);
    expect(run.code).toBe(0);
    const hosts = csvHosts(run.stdout);
    expect(hosts.sort()).toEqual(['127.0.0.1', '127.0.0.2']);
    const target = join(dir, 'not-yet.csv');
    const link = join(dir, 'link-to-not-yet.json');
    symlinkSync(target, link);
    const linked = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      `${closed}`,
      '--no-db',
      '--csv',
      target,
      '--json',
      link,
    ]);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('--csv already writes to');
    const fileAsFolder = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      `${closed}`,
      '--db',
      join(one, 'inner.db'),
    ]);
    expect(fileAsFolder.code).toBe(2);
    expect(fileAsFolder.stderr.trim()).toBe(`porthole: --db: ${one} is a file, not a folder`);
  });

  it('keeps stdout to the CSV alone with --csv -, the summary going to stderr', async () => {
    const run = await runCli([
      'scan',
      '127.0.0.1',
      '-p',
      `${open.port},${closed}`,
      '--no-db',
      '--csv',
      '-',
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'host,hostname,port,protocol,state,reason,rtt_ms,service,banner,scan_id,scanned_at',
    );
    expect(lines).toHaveLength(3);
    expect(run.stderr).toMatch(new RegExp(`${open.port}/tcp\\s+open`));
  });

  it('takes nmap-style flags: -T4, -p-, --exclude', async () => {
    const run = await runCli([
      'scan',
      '127.0.0.1',
      '-T4',
      '-p',
      `${open.port},${closed}`,
      '--exclude',
      '127.0.0.2',
      '--no-db',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${open.port}/tcp\\s+open`));
    const named = await runCli([
      'scan',
      '127.0.0.1',
      '-T',
      'insane',
      '-p',
      `${open.port}`,
      '--no-db',
    ]);
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(new RegExp(`${open.port}/tcp\\s+open`));
    const badTiming = await runCli(['scan', '127.0.0.1', '-T9', '--no-db']);
    expect(badTiming.code).toBe(2);
    expect(badTiming.stderr.trim().split('\n')).toHaveLength(1);
    expect(badTiming.stderr).toContain("'9'");
  });

  // A rate limit makes a scan long enough to interrupt, and runs the JavaScript prober; without
  // one the native prober's threads run (where built), and 64 loopback hosts x 65,535 ports
  // take long enough.
  it.each([
    ['SIGINT', 'rate-limited', ['127.0.0.1', '-p', '1-65535', '--rate', '500']],
    ['SIGTERM', 'rate-limited', ['127.0.0.1', '-p', '1-65535', '--rate', '500']],
    ['SIGINT', 'unlimited', ['127.88.1.0/26', '-p-']],
    ['SIGTERM', 'unlimited', ['127.88.1.0/26', '-p-']],
  ] as const)(
    'on %s (%s scan) marks the scan cancelled, keeps what was probed, and exits 130',
    async (signal, kind, args) => {
      const db = dbFile(`${signal}-${kind}`);
      const child = spawnCli(['scan', ...args, '--db', db]);
      const result = collect(child);
      // Signal only once results are being committed: before that there is nothing to keep.
      await until(() => committedRows(db) > 0, 'committed results');
      child.kill(signal);
      const run = await result;
      expect(run.code).toBe(130);
      const conn = new Database(db, { readonly: true });
      const scan = conn.prepare('SELECT id, status, ended_at FROM scans').get() as {
        id: number;
        status: string;
        ended_at: number | null;
      };
      expect(scan.status).toBe('cancelled');
      expect(scan.ended_at).not.toBeNull();
      const { n } = conn.prepare('SELECT count(*) AS n FROM results').get() as { n: number };
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(kind === 'unlimited' ? 64 * 65535 : 65535);
      conn.close();
    },
  );
});

describe('porthole --help and --version', () => {
  it('prints help and the version and exits 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('scan');
    const scanHelp = await runCli(['scan', '--help']);
    expect(scanHelp.code).toBe(0);
    expect(scanHelp.stdout).toContain('--top-ports');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });
});
