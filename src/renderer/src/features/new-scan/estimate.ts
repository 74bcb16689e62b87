import { portsOfRequest } from '../../../../shared/ports';
import type { ScanRequestInput } from '../../../../shared/scan-request';
import { resolveTiming } from '../../../../shared/timing';
import {
  parseTargets,
  subtractRanges,
  withoutRepeats,
  type HostSegment,
} from '../../../../shared/targets';

/** Above this many probes the window asks before it starts. */
export const CONFIRM_ABOVE_PROBES = 1_000_000;

/** What a person should know before starting: how much, and roughly how long. */
export interface ScanEstimate {
  /** Addresses the targets cover (exclusions and repeats removed), hostnames not counted. */
  addresses: number;
  /** Names resolved when the scan starts: each is at least one more host. */
  hostnames: number;
  ports: number;
  /** Probes for the addresses and one address per hostname. */
  probes: number;
  /** When hosts answer at once (a LAN) and when nothing answers at all (everything filtered). */
  durationMs: { fast: number; slow: number };
}

/** A fast LAN or loopback answers a connect scan at roughly this many probes a second. */
const ANSWERED_PROBES_PER_SECOND = 20_000;

/** Estimates a request that checkForm accepted; null when its targets or ports do not parse. */
export function estimateScan(request: ScanRequestInput): ScanEstimate | null {
  let specs;
  let excluded;
  let ports;
  try {
    specs = parseTargets(request.targets, 'targets');
    excluded = request.exclude ? parseTargets(request.exclude, 'exclude') : [];
    ports = portsOfRequest(request).length;
  } catch {
    return null;
  }
  const ranges: HostSegment[] = [];
  let hostnames = 0;
  for (const spec of specs) {
    if (spec.kind === 'hostname') hostnames += 1;
    else ranges.push({ family: spec.family, first: spec.first, last: spec.last, hostname: null });
  }
  const kept = withoutRepeats(
    subtractRanges(
      ranges,
      excluded.flatMap((e) => (e.kind === 'range' ? [e] : [])),
    ),
  );
  let addresses = 0n;
  for (const r of kept) addresses += r.last - r.first + 1n;
  const hosts = Number(addresses) + hostnames;
  const probes = hosts * ports;
  const timing = resolveTiming({
    timing: request.timing ?? 3,
    concurrency: request.concurrency,
    timeoutMs: request.timeoutMs,
    retries: request.retries,
    rate: request.rate,
  });
  const paced = timing.rate === null ? Infinity : timing.rate;
  const fast = (probes / Math.min(paced, ANSWERED_PROBES_PER_SECOND)) * 1000;
  // Nothing answers: every probe waits out its timeout once per attempt, `concurrency` at a time.
  const silent = (probes * timing.timeoutMs * (timing.retries + 1)) / timing.concurrency;
  const slow = Math.max(fast, Math.max(silent, (probes / paced) * 1000));
  return { addresses: Number(addresses), hostnames, ports, probes, durationMs: { fast, slow } };
}
