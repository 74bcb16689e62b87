import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { startServe, type RunningHost } from './browser-host';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
// `npm ci` builds the native prober on Linux (CI requires it); elsewhere JavaScript probes.
const nativeBuilt =
  process.platform === 'linux' &&
  process.env.PORTHOLE_PROBER !== 'js' &&
  existsSync('native/prober/build/Release/porthole_prober.node');

let host: RunningHost;
test.beforeAll(async () => {
  host = await startServe();
});
test.afterAll(async () => {
  await host?.stop();
});

test('the built renderer shows the version fetched from main over the browser host', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-version')).toHaveText(`v${version}`);
  await expect(page.getByTestId('connection')).toContainText('websocket');
  await expect(page.getByTestId('database-file')).toHaveText(host.databaseFile);
  await expect(page.getByText(/^SQLite \d+\.\d+/)).toBeVisible();
  await expect(page.getByTestId('prober')).toHaveText(
    nativeBuilt
      ? 'Native prober available'
      : 'JavaScript prober only (the native prober is not built)',
  );
});

test('the browser host refuses a connection without the per-launch token', async ({ page }) => {
  const tokenless = host.url.replace(/#.*$/, '');
  await page.goto(tokenless);
  await expect(page.getByRole('alert')).toContainText(/cannot reach Porthole|closed/);
  await expect(page.getByTestId('app-version')).toHaveCount(0);
});
