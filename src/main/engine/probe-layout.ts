import { type Host, HostList, type HostSegment } from '../../shared/targets';

/**
 * Where every probe of a scan sits, as plain data that can cross to a worker thread. Probe i maps to
 * one (host, port) without any table of probes: hosts go in groups of `groupSize`, and inside a group
 * the ports advance together across its hosts, so several hosts are scanned in parallel while a huge
 * target list still flows group by group.
 */
export interface ProbeLayout {
  readonly segments: readonly HostSegment[];
  /** Ports in the order they are probed (ascending, or shuffled for a random order). */
  readonly ports: Uint16Array;
  readonly hostCount: number;
  readonly groupSize: number;
  readonly totalProbes: number;
}

/** Hosts scanned side by side: enough to spread load, few enough that each host finishes soon. */
export const DEFAULT_GROUP_SIZE = 64;

export function makeLayout(
  segments: readonly HostSegment[],
  ports: Uint16Array,
  groupSize = DEFAULT_GROUP_SIZE,
): ProbeLayout {
  const hostCount = new HostList(segments).count;
  const totalProbes = hostCount * ports.length;
  if (!Number.isSafeInteger(totalProbes)) throw new RangeError('too many probes for one scan');
  return { segments, ports, hostCount, groupSize: Math.max(1, groupSize), totalProbes };
}

/** Decodes probe indices into hosts and ports; caches host text because formatting is the cost. */
export class ProbeLocator {
  private readonly hosts: HostList;
  private readonly cache = new Map<number, Host>();
  private readonly portCount: number;
  private readonly groupProbes: number;

  constructor(readonly layout: ProbeLayout) {
    this.hosts = new HostList(layout.segments);
    this.portCount = layout.ports.length;
    this.groupProbes = layout.groupSize * this.portCount;
  }

  hostIndexOf(index: number): number {
    const group = Math.floor(index / this.groupProbes);
    const groupStart = group * this.layout.groupSize;
    const groupHosts = Math.min(this.layout.groupSize, this.layout.hostCount - groupStart);
    return groupStart + ((index - group * this.groupProbes) % groupHosts);
  }

  portOf(index: number): number {
    const group = Math.floor(index / this.groupProbes);
    const groupHosts = Math.min(
      this.layout.groupSize,
      this.layout.hostCount - group * this.layout.groupSize,
    );
    return this.layout.ports[Math.floor((index - group * this.groupProbes) / groupHosts)] ?? 0;
  }

  host(hostIndex: number): Host {
    let host = this.cache.get(hostIndex);
    if (host === undefined) {
      // Two groups' worth is all a scan touches at once (main thread and worker may be one apart).
      if (this.cache.size >= 4 * this.layout.groupSize) this.cache.clear();
      host = this.hosts.at(hostIndex);
      this.cache.set(hostIndex, host);
    }
    return host;
  }
}
