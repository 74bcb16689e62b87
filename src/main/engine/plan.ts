import { InputError } from '../../shared/errors';
import { portsOfRequest } from '../../shared/ports';
import type { ScanRequest } from '../../shared/scan-request';
import {
  type AddressRange,
  type Family,
  type HostSegment,
  MAX_ADDRESSES,
  type TargetSpec,
  parseTargets,
  subtractRanges,
  withoutRepeats,
} from '../../shared/targets';
import { type ProbeLayout, makeLayout } from './probe-layout';
import { type TimingKnobs, resolveTiming } from '../../shared/timing';

/** Resolves a hostname to all its addresses (dns.lookup with all: true has this shape). */
export type LookupFn = (
  hostname: string,
) => Promise<readonly { address: string; family: number }[]>;

/** Everything startScan needs: what to probe, in which order, and how hard. */
export interface ScanPlan {
  readonly totalProbes: number;
  readonly hostCount: number;
  readonly portCount: number;
  readonly layout: ProbeLayout;
  readonly timing: TimingKnobs;
  readonly banners: boolean;
}

// The resolver is loaded only for hostnames: scans of addresses never need it.
const defaultLookup: LookupFn = async (hostname) => {
  const { lookup } = await import('node:dns/promises');
  return lookup(hostname, { all: true, verbatim: true });
};

/**
 * Parses and resolves a validated request into a plan. Targets stay ranges (a /8 is one segment);
 * only hostnames cost work here. Throws InputError naming the offending token.
 */
export async function planScan(
  request: ScanRequest,
  opts: { lookup?: LookupFn } = {},
): Promise<ScanPlan> {
  const lookup = opts.lookup ?? defaultLookup;
  // Everything that can be checked without the network is checked first: a typo in the ports
  // (or in any target) must not send a single DNS query.
  const targetSpecs = parseTargets(request.targets, 'targets');
  const excludeSpecs =
    request.exclude === undefined || request.exclude === ''
      ? []
      : parseTargets(request.exclude, 'exclude');
  const ports = portsOfRequest(request);
  const included = await resolveAll(targetSpecs, 'targets', lookup, request.allAddresses);
  const excluded = await resolveAll(excludeSpecs, 'exclude', lookup, true);
  const segments = withoutRepeats(subtractRanges(included, excluded));
  if (segments.length === 0)
    throw new InputError('targets', 'every target is excluded; nothing to scan');
  let total = 0n;
  for (const s of segments) total += s.last - s.first + 1n;
  if (total > MAX_ADDRESSES) {
    throw new InputError(
      'targets',
      `"${request.targets.slice(0, 60)}" covers more than 2^32 addresses in all`,
    );
  }

  if (request.order === 'random') shuffle(ports);
  const layout = makeLayout(segments, ports);
  return {
    totalProbes: layout.totalProbes,
    hostCount: layout.hostCount,
    portCount: ports.length,
    layout,
    timing: resolveTiming(request),
    banners: request.banners,
  };
}

async function resolveAll(
  specs: readonly TargetSpec[],
  field: string,
  lookup: LookupFn,
  allAddresses: boolean,
): Promise<HostSegment[]> {
  const resolved = await Promise.all(
    specs.map(async (spec): Promise<HostSegment[]> => {
      if (spec.kind === 'range')
        return [{ family: spec.family, first: spec.first, last: spec.last, hostname: null }];
      const addresses = await resolveName(spec, field, lookup);
      const kept = allAddresses ? addresses : onePerFamily(addresses);
      return kept.map((r) => ({ ...r, hostname: spec.name }));
    }),
  );
  return resolved.flat();
}

async function resolveName(
  spec: Extract<TargetSpec, { kind: 'hostname' }>,
  field: string,
  lookup: LookupFn,
): Promise<AddressRange[]> {
  let answers: readonly { address: string; family: number }[];
  try {
    answers = await lookup(spec.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
    throw new InputError(field, `"${spec.token}" could not be resolved (${code})`);
  }
  const seen = new Set<string>();
  const out: AddressRange[] = [];
  for (const a of answers) {
    if (seen.has(a.address)) continue;
    seen.add(a.address);
    // Re-parse through the target parser so resolved addresses get the same canonical form.
    const [parsed] = parseTargets(a.address, field);
    if (parsed?.kind === 'range')
      out.push({ family: parsed.family as Family, first: parsed.first, last: parsed.last });
  }
  if (out.length === 0) throw new InputError(field, `"${spec.token}" has no IPv4 or IPv6 address`);
  return out;
}

function onePerFamily(ranges: readonly AddressRange[]): AddressRange[] {
  const v4 = ranges.find((r) => r.family === 4);
  const v6 = ranges.find((r) => r.family === 6);
  return [v4, v6].filter((r): r is AddressRange => r !== undefined);
}

/** Fisher-Yates in place: nmap's default random port order, here on request. */
function shuffle(ports: Uint16Array): void {
  for (let i = ports.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    const t = ports[i] ?? 0;
    ports[i] = ports[j] ?? 0;
    ports[j] = t;
  }
}
