import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The host names a host may print and a benchmark's page may reach. */
export const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Starts a browser host in a Node process of its own (`porthole serve` for the e2e suite and the
 * window benchmarks, a benchmark's own host for the export one) and resolves once it printed its
 * address: the first line matching `addressLine`. An address off loopback is refused (the host
 * is ended). Every other line of its output goes to `onLine`. `stop()` ends it: by closing its
 * stdin when it takes commands there (`stdin: 'pipe'`), else SIGTERM; SIGKILL if it has not
 * exited `graceMs` later. The suite and the benchmarks wait on it; nothing else may outlive them.
 */
export async function startHost(
  nodeArgs,
  {
    addressLine = /^Porthole is at (\S+)$/,
    stdin = 'ignore',
    cwd,
    env,
    onLine,
    graceMs = 10_000,
  } = {},
) {
  const child = spawn(process.execPath, nodeArgs, { cwd, env, stdio: [stdin, 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (gone()) return;
    if (stdin === 'pipe') child.stdin.end();
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const url = await new Promise((resolve, reject) => {
    let found = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = found ? null : addressLine.exec(line);
      if (match) {
        found = true;
        resolve(match[1]);
      } else onLine?.(line);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`the host exited (${signal ?? code}) before it printed its address`)),
    );
  });
  if (!LOOPBACK.has(new URL(url).hostname)) {
    await stop();
    throw new Error(`the host is not on loopback: ${url}`);
  }
  return { url, child, stop };
}
