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
  const alert = page.getByRole('alert').filter({ hasText: 'Porthole' });
  await expect(alert).toContainText(`cannot reach Porthole at ${new URL(host.url).host}:`);
  await expect(alert).toContainText('open the address it prints');
  // The message is on screen: it names the host, never the address with its token.
  await expect(alert).not.toContainText('token');
  await expect(page.getByTestId('app-version')).toHaveCount(0);
});

test('a window whose host stopped says what to do and offers nothing it cannot do', async ({
  page,
}) => {
  const own = await startServe();
  try {
    await page.goto(own.url);
    await expect(page.getByTestId('connection')).toHaveText('connected · websocket');
    await own.stop();
    await expect(page.getByRole('alert').filter({ hasText: 'Porthole' })).toHaveText(
      'The connection to Porthole closed: porthole serve stopped. Start it again and open the address it prints.',
    );
    await expect(page.getByText('not connected')).toBeVisible();
    // Readable still, but inert: no control can be reached.
    await expect(page.locator('.app-body')).toHaveAttribute('inert', '');
    const newScan = page.getByRole('button', { name: '+ New scan' });
    await newScan.focus();
    await expect(newScan).not.toBeFocused();
    // Nothing else cries out: leaving a blank field (focus leaves inert controls) says nothing.
    await expect(page.getByRole('alert')).toHaveCount(1);
  } finally {
    await own.stop();
  }
});
