import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { currentScanId, fillScanForm, openAdvanced, statusBadge } from './support/app';
import { expect, test } from './support/fixtures';
import { openHistory } from './support/history';
import type { Listeners } from './support/listeners';

// A realistic session for the README: a small "home lab" of services on loopback addresses
// 127.0.0.2-5 (this machine only), scanned three times while services come and go; then the live
// scan, the explorer, what changed, the history and the comparison are photographed.
// `npm run screenshots` writes them to docs/screenshots; in `npm test` they are test artifacts.

const OUT = process.env.PORTHOLE_SCREENSHOTS_DIR;

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = OUT ? join(OUT, `${name}.png`) : testInfo.outputPath(`${name}.png`);
  if (OUT) mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const http = (server: string) =>
  `HTTP/1.1 200 OK\r\nServer: ${server}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;

interface Service {
  host: string;
  port: number;
  banner?: string;
  reply?: string;
}

const LAB: Service[] = [
  { host: '127.0.0.2', port: 22, banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n' },
  { host: '127.0.0.2', port: 80, reply: http('nginx/1.22.1') },
  { host: '127.0.0.2', port: 443 },
  { host: '127.0.0.3', port: 5432 },
  { host: '127.0.0.3', port: 6379, reply: '-NOAUTH Authentication required.\r\n' },
  { host: '127.0.0.3', port: 8080, reply: http('Jetty(9.4.53.v20231009)') },
  { host: '127.0.0.4', port: 25, banner: '220 mail.lab.internal ESMTP Postfix (Debian/GNU)\r\n' },
  {
    host: '127.0.0.4',
    port: 143,
    banner: '* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n',
  },
  { host: '127.0.0.5', port: 3000, reply: http('Grafana') },
];

async function serve(listeners: Listeners, service: Service): Promise<void> {
  const bound = await listeners.listen(
    { host: service.host, banner: service.banner, reply: service.reply },
    service.port,
  );
  // A port this machine already uses elsewhere only makes the picture poorer, not wrong.
  if (bound === null) console.warn(`readme-screenshots: ${service.host}:${service.port} is taken`);
}

async function scanToEnd(page: Page): Promise<number> {
  await expect(statusBadge(page)).toHaveText('Completed', { timeout: 60_000 });
  return currentScanId(page);
}

test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });

test('a home-lab session, photographed for the README', async ({
  app: page,
  listeners,
}, testInfo) => {
  test.setTimeout(180_000);
  for (const service of LAB) await serve(listeners, service);

  // Monday: the first scan, caught live.
  await fillScanForm(page, {
    targets: '127.0.0.2-5',
    preset: 'Top 1,000',
    banners: true,
    rate: 900,
    name: 'Home lab',
  });
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(statusBadge(page)).toHaveText('Running');
  await expect
    .poll(() => page.getByTestId('progress-done').textContent())
    .toMatch(/ · [3-6]\d(\.\d)?%/);
  await expect(page.getByRole('img', { name: /^Port map of 127\.0\.0\.2/ })).toBeVisible();
  await shoot(page, testInfo, 'live-scan');
  const first = await scanToEnd(page);

  // Redis goes away, a new TLS service appears, nginx is upgraded: scan again.
  await listeners.stop(6379, '127.0.0.3');
  await listeners.stop(80, '127.0.0.2');
  await serve(listeners, { host: '127.0.0.2', port: 80, reply: http('nginx/1.24.0') });
  await serve(listeners, { host: '127.0.0.4', port: 8443 });
  await page.getByRole('button', { name: 'Scan again' }).click();
  await openAdvanced(page);
  await page.getByLabel('Rate (probes/s)').fill('');
  await page.getByRole('button', { name: 'Start scan' }).click();
  await scanToEnd(page);

  // Later: Elasticsearch on the fifth box.
  await serve(listeners, { host: '127.0.0.5', port: 9200, reply: http('elasticsearch') });
  await page.getByRole('button', { name: 'Scan again' }).click();
  await page.getByRole('button', { name: 'Start scan' }).click();
  const third = await scanToEnd(page);
  await expect(page.getByRole('heading', { name: /What changed since scan #\d+/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Open ports over 3 scans/ })).toBeVisible();
  await shoot(page, testInfo, 'what-changed');

  await page.getByRole('tab', { name: 'Results' }).click();
  await page
    .getByRole('table', { name: 'Results' })
    .getByRole('button', { name: '127.0.0.2' })
    .first()
    .click();
  await expect(page.getByRole('complementary')).toContainText('OpenSSH');
  await shoot(page, testInfo, 'explorer');

  await openHistory(page);
  await expect(page.getByTestId('history-total')).toHaveText('3 scans');
  await shoot(page, testInfo, 'history');

  await page.getByRole('checkbox', { name: `Select scan ${first} to compare` }).check();
  await page.getByRole('checkbox', { name: `Select scan ${third} to compare` }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(
    page.getByRole('heading', { name: `Compare #${first} and #${third}` }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Changes on 127.0.0.3' })).toBeVisible();
  await shoot(page, testInfo, 'compare');
});
