import { _electron as electron, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from './electron-binary';

const binary = electronBinary();
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const skipReason =
  'no Electron binary on this machine (its download is blocked here). ' +
  'This spec runs wherever `npm start` works; the same renderer is tested over the browser host.';
if (binary === null) console.warn(`SKIPPED e2e/electron.spec.ts: ${skipReason}`);
test.skip(binary === null, skipReason);

test('the Electron window shows the version fetched through the preload bridge', async () => {
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
  } finally {
    await app.close();
  }
});
