import { existsSync } from 'node:fs';

/**
 * The Chromium the end-to-end tests drive: $PORTHOLE_CHROMIUM, else Debian's /usr/bin/chromium,
 * else undefined (Playwright's own download, the usual choice on a laptop).
 */
export function chromiumPath() {
  if (process.env.PORTHOLE_CHROMIUM) return process.env.PORTHOLE_CHROMIUM;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The flags every Chromium Porthole drives gets (e2e, component tests, benchmarks): without the
 * background-networking ones Chromium's own connections fail on closed networks, many at a time.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
