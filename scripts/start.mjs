// `npm start`: build, then open the desktop window where Electron can run here; everywhere else
// serve the same window to a browser (`porthole serve --open`), saying why in one line. Each step
// that needs the internet is tried once, within a time bound, never retried.
//
//   npm start                    the window, or the browser host with the reason
//   npm start -- --browser       the browser host, whatever this machine has (or PORTHOLE_BROWSER=1)
//   PORTHOLE_START_NO_BUILD=1    skip the build (the tests have just built)
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary } from './electron-binary.cjs';

const root = resolve(import.meta.dirname, '..');
const node = process.execPath;
const ELECTRON_VITE = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
/** A ~110 MB download: minutes on a slow link, but a dead one fails in well under a second. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
/** A prebuilt download, else a compile of SQLite (about 75 s on two cores). */
const NATIVE_TIMEOUT_MS = 10 * 60_000;
/** A step still running after this long says what it is doing, so a wait is never silent. */
const NOTICE_AFTER_MS = 2_000;

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--browser');
if (unknown.length > 0) {
  console.error(`porthole: npm start takes only --browser (got ${unknown.join(' ')})`);
  process.exit(2);
}
const forced = args.includes('--browser')
  ? '--browser'
  : isSet(process.env.PORTHOLE_BROWSER)
    ? 'PORTHOLE_BROWSER'
    : null;

/** The child doing the current step; signals go to it, and we leave when it has ended. */
let current = null;
let stopping = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // A terminal's Ctrl-C reaches the final child too; forwarding again is harmless (it ignores
    // repeats), and needed when the signal was sent to this process alone (npm, kill, a test).
    stopping ??= signal;
    if (current) killChild(current, signal);
    else process.exit(signalExitCode(signal));
  });
}

if (!isSet(process.env.PORTHOLE_START_NO_BUILD)) {
  const build = await run(node, [ELECTRON_VITE, 'build'], { stdio: 'inherit' });
  if (stopping) process.exit(signalExitCode(stopping));
  if (build.code !== 0) process.exit(build.code ?? 1);
}

const reason = forced ? null : await desktopUnavailable();
if (stopping) process.exit(signalExitCode(stopping));

if (!forced && reason === null) {
  // Everything the window needs is here: open it exactly as before.
  finish(await run(node, [ELECTRON_VITE, 'preview'], { stdio: 'inherit' }));
} else {
  console.log(
    forced
      ? `porthole: serving the window to your browser, as asked (${forced}).`
      : `porthole: the desktop window cannot open here (${reason}); serving the same window to your browser instead.`,
  );
  // The same history file as the app's (Electron's userData for "Porthole"), since no --db is
  // given: the CLI computes that folder the way Electron does (src/main/paths.ts).
  const cli = join(root, 'out', 'main', 'cli.js');
  finish(await run(node, [cli, 'serve', '--open'], { stdio: 'inherit' }));
}

/**
 * Why the desktop window cannot open, or null when it can. The cheap checks come first, so a
 * machine without a display never downloads Electron or builds SQLite for a window it cannot show.
 */
async function desktopUnavailable() {
  const needsDisplay = !['win32', 'darwin'].includes(process.platform);
  if (needsDisplay && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display: DISPLAY and WAYLAND_DISPLAY are unset';
  }
  if (electronBinary() === null) {
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    // A binary the person pointed at is theirs to provide; downloading elsewhere would not help.
    if (override) return `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary: ${override}`;
    const download = await bounded(
      [join(root, 'node_modules', 'electron', 'install.js')],
      DOWNLOAD_TIMEOUT_MS,
      "porthole: downloading Electron's binary (once)…",
    );
    if (download.timedOut) {
      return `Electron's binary could not be downloaded: no end after ${minutes(DOWNLOAD_TIMEOUT_MS)}`;
    }
    if (download.code !== 0 || electronBinary() === null) {
      return `Electron's binary could not be downloaded: ${shortCause(download.output)}`;
    }
  }
  const native = await bounded(
    [join(root, 'scripts', 'prepare-electron-native.mjs')],
    NATIVE_TIMEOUT_MS,
    'porthole: preparing better-sqlite3 for Electron (once)…',
  );
  if (native.timedOut) {
    return `better-sqlite3 could not be prepared for Electron: no end after ${minutes(NATIVE_TIMEOUT_MS)}`;
  }
  if (native.code !== 0) {
    return "better-sqlite3 could not be prepared for Electron: it needs a prebuilt download or Electron's headers, once";
  }
  return null;
}

/**
 * Runs a Node script once, its output kept for a one-line cause rather than shown (a failed
 * download prints a stack trace), and ended with everything it started if it takes too long.
 * It runs in its own process group (POSIX) so that a timeout can end the compilers it spawned.
 */
async function bounded(scriptArgs, timeoutMs, notice) {
  let output = '';
  let timedOut = false;
  const noticeTimer = setTimeout(() => console.log(notice), NOTICE_AFTER_MS);
  const result = await run(node, scriptArgs, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    onSpawn(entry) {
      entry.child.stdout.on('data', (chunk) => (output += chunk));
      entry.child.stderr.on('data', (chunk) => (output += chunk));
      const limit = setTimeout(() => {
        timedOut = true;
        killChild(entry, 'SIGTERM');
      }, timeoutMs);
      entry.child.once('exit', () => clearTimeout(limit));
    },
  });
  clearTimeout(noticeTimer);
  return { ...result, output, timedOut };
}

/**
 * Spawns and waits. While it runs, `current` is this child, for the signal handlers; `group` says
 * it leads a process group of its own (detached), whose members go with it.
 */
function run(command, commandArgs, { onSpawn, ...options }) {
  return new Promise((done) => {
    const child = spawn(command, commandArgs, { cwd: root, ...options });
    const entry = { child, group: Boolean(options.detached) };
    current = entry;
    onSpawn?.(entry);
    child.once('error', (error) => {
      current = null;
      done({ code: 1, signal: null, error });
    });
    // 'close', not 'exit': a step's piped output is complete only then.
    child.once('close', (code, signal) => {
      current = null;
      done({ code, signal });
    });
  });
}

/** Leaves as the last child left: its exit code, or the shell's 128 + n for a signal. */
function finish({ code, signal, error }) {
  if (error) console.error(`porthole: could not start: ${error.message}`);
  process.exit(code ?? (signal ? signalExitCode(signal) : 1));
}

/** Signals a child and, where it leads its own process group, everything it started. */
function killChild({ child, group }, signal) {
  try {
    if (group && child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone: nothing to stop.
  }
}

/** The first line of a failed step's output that says something, without the error's class. */
function shortCause(output) {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
  if (!line) return 'it failed without saying why';
  const cause = line.replace(/^[A-Za-z]*Error:\s*/, '');
  return cause.length > 120 ? `${cause.slice(0, 117)}…` : cause;
}

function signalExitCode(signal) {
  return 128 + (constants.signals[signal] ?? 1);
}

function minutes(ms) {
  return `${Math.round(ms / 60_000)} minutes`;
}

function isSet(value) {
  return value !== undefined && value !== '' && value !== '0';
}
