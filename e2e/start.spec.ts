import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOpenedPage } from '../src/main/testing/redirect-page';
import { until } from '../src/main/testing/until';
import { electronBinary } from './electron-binary';
import { startScan, stateCount, statusBadge } from './support/app';
import { closedPorts, Listeners } from './support/listeners';
import { groupMembers, stopProcessGroup } from './support/process-group';

// `npm start` and `porthole serve --open` as real child processes, after the suite's build.
// No browser may start from a test, and none could here: a stand-in `xdg-open` first on PATH
// records the address it was asked to open instead. xdg-open is Linux's opener (macOS: open).
test.skip(process.platform !== 'linux', 'the stand-in opener is xdg-open, the opener on Linux');

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

interface Started {
  child: ChildProcess;
  /** Everything it printed on stdout so far. */
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dir: string;
let opened: string;
let started: Started | null = null;

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porthole-start-'));
  opened = join(dir, 'opened.txt');
  mkdirSync(join(dir, 'bin'));
  const opener = join(dir, 'bin', 'xdg-open');
  writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
  chmodSync(opener, 0o755);
});
test.afterEach(async () => {
  // On every path, passed or failed: the whole process group, so a `porthole serve` that
  // start.mjs started can never outlive it (SIGTERM first, so serve removes its page).
  if (started?.child.pid) await stopProcessGroup(started.child.pid);
  await started?.exited;
  started = null;
  // A serve killed before it could remove the page it handed the opener: remove it here.
  const given = existsSync(opened) ? readFileSync(opened, 'utf8') : '';
  if (given.startsWith('file:')) {
    rmSync(dirname(fileURLToPath(given)), { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The environment every run gets: a private home (so the real history is never touched). */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'home', '.config'),
    PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    // A display for the opener to be tried; the stand-in never connects to it.
    DISPLAY: ':99',
  };
  for (const key of ['WAYLAND_DISPLAY', 'PORTHOLE_DB', 'PORTHOLE_BROWSER']) delete env[key];
  return env;
}

/** Starts `node …args` leading a process group of its own, which whatever it starts joins. */
function start(args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  started = { child, stdout: () => stdout, stderr: () => stderr, exited };
  return started;
}

const urlIn = (out: string) =>
  /^Porthole is at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)$/m.exec(out)?.[1];

/**
 * The stand-in opener's argument: a private page (0600, in a 0700 folder) that sends the browser
 * to `url`; never `url` itself, whose token every local user could read in a process list.
 */
async function expectOpenedPageFor(url: string): Promise<string> {
  const given = await until(() => existsSync(opened) && readFileSync(opened, 'utf8'), 'the opener');
  expect(given).toMatch(/^file:\/\/\//);
  expect(given).not.toContain(new URL(url).hash.slice('#token='.length));
  const page = readOpenedPage(given);
  expect([page.mode, page.folderMode, page.targets]).toEqual([0o600, 0o700, [url, url]]);
  return page.folder;
}

/** After its host has gone, nothing answers at its address. */
async function refused(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

test('porthole serve --open hands its address to the default browser; Ctrl-C ends it with 0', async () => {
  const run = start(
    ['out/main/cli.js', 'serve', '--open', '--db', join(dir, 'history.db')],
    baseEnv(),
  );
  const url = await until(() => urlIn(run.stdout()), 'the address');
  const page = await expectOpenedPageFor(url);
  run.child.kill('SIGINT');
  expect(await run.exited).toEqual({ code: 0, signal: null });
  expect(run.stderr()).toBe('');
  expect(await refused(url.replace(/#.*/, ''))).toBe(true);
  expect(existsSync(page)).toBe(false);
});

test('npm start where Electron cannot run: one line says why, the window is served to the browser and runs a scan', async ({
  page,
}) => {
  const env = baseEnv();
  // The suite has just built; the script's own build is the same `electron-vite build`.
  env.PORTHOLE_START_NO_BUILD = '1';
  let why: RegExp;
  if (electronBinary() === null) {
    // As on this machine: the real single download attempt, sent to a closed loopback port (never
    // to the internet), with an empty cache. npm's config would win over ELECTRON_MIRROR: set both.
    // A loopback port nothing listens on: Electron's download is pointed there, so it fails here.
    const mirror = `http://127.0.0.1:${(await closedPorts(1))[0]}/`;
    // Nor may a proxy setting carry the request anywhere else.
    for (const key of Object.keys(env)) {
      if (/electron_mirror|ELECTRON_GET_USE_PROXY/i.test(key)) delete env[key];
    }
    env.ELECTRON_MIRROR = mirror;
    env.npm_config_electron_mirror = mirror;
    env.electron_config_cache = join(dir, 'electron-cache');
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    why = /^Electron's binary could not be downloaded: \S.*$/;
  } else {
    // A machine with Electron: point it at a folder without one, so the window cannot open.
    env.ELECTRON_OVERRIDE_DIST_PATH = join(dir, 'no-electron');
    why = /^ELECTRON_OVERRIDE_DIST_PATH has no Electron binary: /;
  }
  const run = start(['scripts/start.mjs'], env);
  const url = await until(() => urlIn(run.stdout()), 'the address', 60_000);

  // One line gives the reason (a step that takes a while may also have said what it was doing).
  const lines = run.stdout().split('\n');
  const reasons = lines.filter((line) => line.includes('desktop window'));
  expect(reasons).toHaveLength(1);
  const reason =
    /^porthole: the desktop window cannot open here \((.+)\); serving the same window to your browser instead\.$/.exec(
      reasons[0]!,
    );
  expect(reason?.[1]).toMatch(why);
  expect(run.stdout()).not.toMatch(/^\s+at /m);

  const openedPage = await expectOpenedPageFor(url);
  await page.goto(url);
  await expect(page.getByTestId('connection')).toHaveText('connected · websocket');
  await expect(page.getByTestId('app-version')).toHaveText(`v${version}`);
  // And the page runs a scan end to end.
  const listeners = new Listeners();
  try {
    const port = await listeners.any();
    await startScan(page, { targets: '127.0.0.1', ports: String(port) });
    await expect(statusBadge(page)).toHaveText('Completed');
    await expect.poll(() => stateCount(page, 'open')).toBe(1);
  } finally {
    await listeners.close();
  }
  // The app's own history file, in the private home: what the desktop app would use.
  expect(existsSync(join(dir, 'home', '.config', 'Porthole', 'porthole.db'))).toBe(true);

  run.child.kill('SIGINT');
  expect(await run.exited).toEqual({ code: 0, signal: null });
  expect(run.stderr()).toBe('');
  // Nothing left running: the host it started is gone with it, and so is the page it opened.
  expect(await refused(url.replace(/#.*/, ''))).toBe(true);
  expect(existsSync(openedPage)).toBe(false);
});

test('npm start -- --browser serves the window to the browser whatever the machine has', async () => {
  const run = start(['scripts/start.mjs', '--browser'], {
    ...baseEnv(),
    PORTHOLE_START_NO_BUILD: '1',
  });
  const url = await until(() => urlIn(run.stdout()), 'the address');
  expect(run.stdout().split('\n')[0]).toBe(
    'porthole: serving the window to your browser, as asked (--browser).',
  );
  run.child.kill('SIGTERM');
  expect(await run.exited).toEqual({ code: 0, signal: null });
  expect(await refused(url.replace(/#.*/, ''))).toBe(true);
});

test('the cleanup of a failed run ends the serve that npm start left behind', async () => {
  const run = start(['scripts/start.mjs', '--browser'], {
    ...baseEnv(),
    PORTHOLE_START_NO_BUILD: '1',
  });
  const url = await until(() => urlIn(run.stdout()), 'the address');
  const address = url.replace(/#.*/, '');
  // start.mjs dies alone (a killed test runner, or the old cleanup's SIGKILL): its serve lives on.
  // ('exit', not the run's 'close': serve still holds the output pipes it inherited.)
  const died = new Promise((resolve) => run.child.once('exit', resolve));
  run.child.kill('SIGKILL');
  await died;
  expect(groupMembers(run.child.pid!)).not.toEqual([]);
  expect(await refused(address)).toBe(false);
  // What afterEach does on every path: the whole group goes.
  await stopProcessGroup(run.child.pid!);
  expect(groupMembers(run.child.pid!)).toEqual([]);
  expect(await refused(address)).toBe(true);
});
