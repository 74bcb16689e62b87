// Runs the Playwright suite with a Chromium that exists here; installs Playwright's own only when
// no other is found, and says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath } from './chromium-path.mjs';

if (!chromiumPath() && !existsSync(chromium.executablePath())) {
  console.log("No Chromium found: installing Playwright's own (npx playwright install chromium).");
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
