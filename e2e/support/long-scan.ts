import type { ScanFormInput } from './app';

/**
 * The ports of a scan that lasts: 10000-32767 stays above the well-known ports (services of this
 * machine) and below Linux's ephemeral range (32768+, where other programs' listeners on port 0
 * live), so a long scan knocks on nothing but what a test opened there.
 */
export const LONG_FIRST_PORT = 10_000;
export const LONG_LAST_PORT = 32_767;

/** Rate-limited so it runs for about 20 s: long enough to pause, sort or cancel while it runs. */
export function longScan(extra: Partial<ScanFormInput> = {}): ScanFormInput {
  return {
    targets: '127.0.0.1',
    ports: `${LONG_FIRST_PORT}-${LONG_LAST_PORT}`,
    rate: 1000,
    ...extra,
  };
}

/** Candidate ports for listeners a long scan reaches within its first second. */
export function earlyPorts(count = 200): number[] {
  const ports = Array.from({ length: count }, (_, i) => LONG_FIRST_PORT + 1 + i);
  // A random order, so two runs at once seldom want the same port.
  for (let i = ports.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [ports[i], ports[j]] = [ports[j]!, ports[i]!];
  }
  return ports;
}
