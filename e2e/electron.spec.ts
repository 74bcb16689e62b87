import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from './electron-binary';
import { fillScanForm, statusBadge } from './support/app';
import { openResults } from './support/results';

const binary = electronBinary();
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const skipReason =
  'no Electron binary on this machine (its download is blocked here). ' +
  'This spec runs wherever `npm start` works; the same renderer is tested over the browser host.';
if (binary === null) console.warn(`SKIPPED e2e/electron.spec.ts: ${skipReason}`);
test.skip(binary === null, skipReason);

const NATIVE_PROBER = 'native/prober/build/Release/porthole_prober.node';

/** Runs in the window: starts a scan through the preload bridge and resolves with its end. */
function scanThroughBridge(request: { targets: string; ports: string }): Promise<unknown> {
  interface Bridge {
    call(method: string, input: unknown): Promise<{ ok: boolean; value?: { scanId: number } }>;
    on(event: string, listener: (payload: unknown) => void): () => void;
  }
  const bridge = (globalThis as unknown as { porthole: Bridge }).porthole;
  return new Promise((resolve, reject) => {
    let scanId: number | null = null;
    const seen: { scanId: number }[] = [];
    const off = bridge.on('finished', (payload) => {
      const finished = payload as { scanId: number };
      if (scanId === null) seen.push(finished);
      else if (finished.scanId === scanId) {
        off();
        resolve(finished);
      }
    });
    void bridge.call('startScan', request).then((answer) => {
      if (!answer.ok || answer.value === undefined)
        return reject(new Error(JSON.stringify(answer)));
      scanId = answer.value.scanId;
      const early = seen.find((f) => f.scanId === scanId);
      if (early) {
        off();
        resolve(early);
      }
    });
  });
}

test('the Electron window shows the version fetched through the preload bridge, and scans', async () => {
  const home = mkdtempSync(join(tmpdir(), 'porthole-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: ['out/main/index.js'],
    env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('app-version')).toHaveText(`v${version}`);
    await expect(window.getByTestId('connection')).toContainText('electron');
    expect(
      await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined');
    // The native prober (an N-API addon) loads and probes inside Electron's main process too.
    if (process.platform === 'linux' && existsSync(NATIVE_PROBER)) {
      await expect(window.getByTestId('prober')).toHaveText('Native prober available');
    }
    const finished = await window.evaluate(scanThroughBridge, {
      targets: '127.0.0.1',
      ports: '1-2000',
    });
    expect(finished).toMatchObject({ status: 'completed' });
    const counts = (finished as { counts: Record<string, number> }).counts;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2000);
  } finally {
    await app.close();
  }
});

test('the Electron window scans from its form and exports through main’s save dialog', async () => {
  const home = mkdtempSync(join(tmpdir(), 'porthole-electron-'));
  const chosen = join(home, 'chosen.csv');
  const app = await electron.launch({
    executablePath: binary!,
    args: ['out/main/index.js'],
    env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home },
  });
  try {
    // A native dialog cannot be clicked from a test: main's dialog answers with a file here, as
    // a person choosing it would (the only stand-in in this spec).
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as never;
    }, chosen);
    const window = await app.firstWindow();
    // 300 ports above this machine's own services.
    await fillScanForm(window, { targets: '127.0.0.1', ports: '10001-10300' });
    await window.getByRole('button', { name: 'Start scan' }).click();
    await expect(statusBadge(window)).toHaveText('Completed', { timeout: 30_000 });
    await openResults(window);
    await window.getByRole('button', { name: 'Export…' }).click();
    await window.getByLabel('The whole scan').check();
    await window
      .getByRole('dialog', { name: 'Export results' })
      .getByRole('button', { name: 'Export' })
      .click();
    await expect(window.getByRole('status')).toContainText(`Saved 300 rows to ${chosen}`);
    const lines = readFileSync(chosen, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'host,hostname,port,protocol,state,reason,rtt_ms,service,banner,scan_id,scanned_at',
    );
    expect(lines).toHaveLength(301);
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
});
