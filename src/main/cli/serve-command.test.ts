import { spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, spawnCli, type CliRun } from '../testing/run-cli';
import { readOpenedPage } from '../testing/redirect-page';
import { until } from '../testing/until';

// These run `porthole serve` as a real child process and put a stand-in `xdg-open` first on PATH
// that records what it was asked to open: no browser can run here, and a test must not start one.
// xdg-open is the opener on Linux only (macOS: open, Windows: cmd's start).
const onLinux = process.platform === 'linux';

let dir: string;
let bin: string;
let opened: string;
let db: string;
let child: ChildProcess | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-serve-'));
  bin = join(dir, 'bin');
  mkdirSync(bin);
  opened = join(dir, 'opened.txt');
  db = join(dir, 'history.db');
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  child = null;
  // A serve killed midway (a failed test) could not remove the page it handed the opener.
  const given = existsSync(opened) ? readFileSync(opened, 'utf8') : '';
  if (given.startsWith('file:'))
    rmSync(dirname(fileURLToPath(given)), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in opener in `bin` that writes its argument to `opened` and exits with `code`. */
function fakeOpener(code = 0): void {
  const script = join(bin, 'xdg-open');
  writeFileSync(script, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\nexit ${code}\n`);
  chmodSync(script, 0o755);
}

/**
 * Starts `serve --open` with `env` over a clean slate: no display unless given, and a PATH of the
 * stand-in's folder only, so no real opener on this machine can be found.
 */
function serveOpen(env: NodeJS.ProcessEnv): { run: Promise<CliRun>; out: () => string } {
  child = spawnCli(['serve', '--open', '--db', db], {
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
    PATH: bin,
    ...env,
  });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  return { run: collect(child), out: () => stdout };
}

const urlIn = (stdout: string) =>
  /^Porthole is at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(stdout)?.[1];

async function interrupt(run: Promise<CliRun>): Promise<CliRun> {
  child!.kill('SIGINT');
  return run;
}

/** What the stand-in opener was given, once it has written it all. */
const openedArg = () =>
  until(() => existsSync(opened) && readFileSync(opened, 'utf8'), 'the opener');

/** Whether `user` (a uid) can read `file`: a real read by a real process of that user. */
function readableBy(uid: number, file: string): boolean {
  return spawnSync('cat', [file], { uid, gid: uid, stdio: 'ignore' }).status === 0;
}

describe.skipIf(!onLinux)('porthole serve --open', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'hands the browser a private page that redirects to the address, never the token; %s stops it and removes the page',
    async (signal) => {
      fakeOpener();
      // A display must be there for a browser to open; the stand-in opener never connects to it.
      const { run, out } = serveOpen({ DISPLAY: ':99' });
      const url = await until(() => urlIn(out()), 'the address');
      const token = /#token=(\S+)$/.exec(url)![1]!;
      const given = await openedArg();
      // The opener's argument (world-readable in /proc/PID/cmdline, as the browser's will be).
      expect(given).toMatch(/^file:\/\/\//);
      expect(given).not.toContain(token);
      const page = readOpenedPage(given);
      expect([page.mode, page.folderMode]).toEqual([0o600, 0o700]);
      expect(readdirSync(page.folder)).toEqual(['open.html']);
      expect(page.targets).toEqual([url, url]);
      // As root, check it for real: another user (nobody) cannot read the page.
      if (process.getuid?.() === 0) expect(readableBy(65534, page.path)).toBe(false);

      child!.kill(signal);
      const ended = await run;
      expect(ended).toMatchObject({ code: 0, signal: null });
      expect(ended.stdout).not.toContain('No browser');
      expect(ended.stderr).toBe('');
      expect(existsSync(db)).toBe(true);
      expect(existsSync(page.folder)).toBe(false);
    },
  );

  it('says to open the address in a browser when there is no opener, and keeps serving', async () => {
    const { run, out } = serveOpen({ DISPLAY: ':99' });
    const url = await until(() => urlIn(out()), 'the address');
    const hint = await until(() => /^No browser could be opened.*$/m.exec(out())?.[0], 'the hint');
    expect(hint).toBe(
      'No browser could be opened (xdg-open was not found): open that address in a browser.',
    );
    expect((await fetch(url.replace(/#.*/, ''))).status).toBe(200);
    expect(await interrupt(run)).toMatchObject({ code: 0, signal: null, stderr: '' });
  });

  it('says so when the opener finds no browser, and removes the page at once', async () => {
    fakeOpener(3);
    const { run, out } = serveOpen({ WAYLAND_DISPLAY: 'wayland-9' });
    const hint = await until(() => /^No browser could be opened.*$/m.exec(out())?.[0], 'the hint');
    expect(hint).toContain('xdg-open found no browser (exit code 3)');
    // Still serving, but the page that would have opened it is gone already.
    expect(existsSync(dirname(fileURLToPath(await openedArg())))).toBe(false);
    expect(await interrupt(run)).toMatchObject({ code: 0, signal: null });
  });

  it('does not run the opener without a display, where it would start a hidden text browser', async () => {
    fakeOpener();
    const { run, out } = serveOpen({});
    await until(() => urlIn(out()), 'the address');
    const hint = await until(() => /^No browser could be opened.*$/m.exec(out())?.[0], 'the hint');
    expect(hint).toContain('there is no display');
    // The decision was made before the hint was printed: no opener ran, none will.
    expect(existsSync(opened)).toBe(false);
    expect(await interrupt(run)).toMatchObject({ code: 0, signal: null });
  });

  it('stays clean when Ctrl-C arrives twice (a terminal and npm start both send it)', async () => {
    fakeOpener();
    const { run, out } = serveOpen({ DISPLAY: ':99' });
    await until(() => urlIn(out()), 'the address');
    child!.kill('SIGINT');
    child!.kill('SIGINT');
    expect(await run).toMatchObject({ code: 0, signal: null, stderr: '' });
  });
});
