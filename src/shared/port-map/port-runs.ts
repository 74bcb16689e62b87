import { PORT_STATES, type PortState } from '../domain';

/**
 * Ports of one host by state, as sorted, disjoint, inclusive runs flattened into pairs:
 * `{ closed: [1, 79, 81, 442], open: [80, 80] }`. The compact form of "which ports settled how",
 * used by progress frames (ports settled since the previous frame) and by the stored port map.
 */
export type PortRuns = Partial<Record<PortState, number[]>>;

export interface HostPortRuns {
  host: string;
  hostname: string | null;
  runs: PortRuns;
}

/** Runs of an ascending list of distinct ports: [80, 81, 82, 90] -> [80, 82, 90, 90]. */
export function runsOfSortedPorts(ports: ArrayLike<number>): number[] {
  const runs: number[] = [];
  let i = 0;
  while (i < ports.length) {
    const first = ports[i]!;
    let last = first;
    while (i + 1 < ports.length && ports[i + 1] === last + 1) {
      i += 1;
      last += 1;
    }
    runs.push(first, last);
    i += 1;
  }
  return runs;
}

/** Calls `visit` for every port of every run, state by state. */
export function forEachRunPort(
  runs: PortRuns,
  visit: (port: number, state: PortState) => void,
): void {
  for (const state of PORT_STATES) {
    const pairs = runs[state];
    if (!pairs) continue;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      for (let port = pairs[i]!; port <= pairs[i + 1]!; port += 1) visit(port, state);
    }
  }
}

/** How many ports the runs hold. */
export function runsPortCount(runs: PortRuns): number {
  let n = 0;
  for (const state of PORT_STATES) {
    const pairs = runs[state];
    if (!pairs) continue;
    for (let i = 0; i + 1 < pairs.length; i += 2) n += pairs[i + 1]! - pairs[i]! + 1;
  }
  return n;
}

/**
 * Collects settled ports per host and state, and hands them out as runs. Ports usually arrive in
 * ascending order per host, so sorting before encoding is nearly free.
 */
export class PortRunsCollector {
  private hosts = new Map<string, { host: string; hostname: string | null; ports: PortsByState }>();

  add(host: string, hostname: string | null, port: number, state: PortState): void {
    const key = hostname === null ? host : `${host}\u0000${hostname}`;
    let entry = this.hosts.get(key);
    if (entry === undefined) {
      entry = { host, hostname, ports: {} };
      this.hosts.set(key, entry);
    }
    (entry.ports[state] ??= []).push(port);
  }

  get isEmpty(): boolean {
    return this.hosts.size === 0;
  }

  /** Everything added since the previous call, as runs; hosts in the order they first settled. */
  take(): HostPortRuns[] {
    const out: HostPortRuns[] = [];
    for (const { host, hostname, ports } of this.hosts.values()) {
      const runs: PortRuns = {};
      for (const state of PORT_STATES) {
        const list = ports[state];
        if (list) runs[state] = runsOfSortedPorts(sortedDistinct(list));
      }
      out.push({ host, hostname, runs });
    }
    this.hosts = new Map();
    return out;
  }
}

type PortsByState = Partial<Record<PortState, number[]>>;

function sortedDistinct(ports: number[]): number[] {
  let ascending = true;
  for (let i = 1; i < ports.length && ascending; i += 1) ascending = ports[i]! > ports[i - 1]!;
  if (ascending) return ports;
  const sorted = Uint16Array.from(ports).sort();
  return Array.from(sorted).filter((p, i) => i === 0 || p !== sorted[i - 1]);
}
