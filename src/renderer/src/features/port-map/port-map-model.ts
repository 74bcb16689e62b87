import type { PortState } from '../../../../shared/domain';
import { forEachRunPort, type HostPortRuns } from '../../../../shared/port-map';

/** A cell's state as one byte: 0 is "not probed yet". */
export const STATE_CODE: Record<PortState, number> = { open: 1, closed: 2, filtered: 3, error: 4 };
export const CODE_STATE: readonly (PortState | null)[] = [
  null,
  'open',
  'closed',
  'filtered',
  'error',
];

/** Open and error cells drawn enlarged per host; past this they are drawn at cell size only. */
const MAX_MARKED = 4096;

/** The most cells one scan's map keeps (a byte each): 16 MiB, however many hosts the scan has. */
export const MAX_CELLS = 16 * 1024 * 1024;

/** One host's row of the map: a byte per scanned port, in ascending port order. */
export class HostCells {
  readonly cells: Uint8Array;
  settled = 0;
  open = 0;
  /** Cells of open and error ports (the few that matter), for drawing them larger than a cell. */
  readonly marked: number[] = [];

  constructor(
    readonly host: string,
    readonly hostname: string | null,
    portCount: number,
  ) {
    this.cells = new Uint8Array(portCount);
  }
}

/**
 * The port map of one scan, outside React: frames and stored pages write cells as they arrive,
 * canvases read them once per animation frame. A port's state never changes once settled, so
 * live frames and pages read from the history may arrive in any order and agree.
 */
export class ScanPortMap {
  readonly hosts: HostCells[] = [];
  /** True once a host arrived beyond what MAX_CELLS allows to map. */
  full = false;
  readonly maxHosts: number;
  private readonly byKey = new Map<string, HostCells>();
  private readonly cellOf = new Int32Array(65536).fill(-1);
  private readonly listeners = new Set<() => void>();
  private version = 0;

  /** `ports`: the scan's ports, ascending (portsOfRequest). */
  constructor(readonly ports: Uint16Array) {
    ports.forEach((port, i) => (this.cellOf[port] = i));
    this.maxHosts = Math.max(1, Math.floor(MAX_CELLS / Math.max(1, ports.length)));
  }

  cellIndexOf(port: number): number {
    return this.cellOf[port] ?? -1;
  }

  apply(runs: HostPortRuns): void {
    const host = this.hostFor(runs.host, runs.hostname);
    if (host === null) return;
    forEachRunPort(runs.runs, (port, state) => {
      const cell = this.cellOf[port] ?? -1;
      if (cell < 0 || host.cells[cell] !== 0) return;
      host.cells[cell] = STATE_CODE[state];
      host.settled += 1;
      if (state === 'open') host.open += 1;
      if ((state === 'open' || state === 'error') && host.marked.length < MAX_MARKED) {
        host.marked.push(cell);
      }
    });
    this.version += 1;
  }

  /** Tells subscribers (canvases, counters) that cells changed; called once per applied batch. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getVersion = (): number => this.version;

  private hostFor(host: string, hostname: string | null): HostCells | null {
    const key = hostname === null ? host : `${host}\u0000${hostname}`;
    const known = this.byKey.get(key);
    if (known) return known;
    if (this.hosts.length >= this.maxHosts) {
      this.full = true;
      return null;
    }
    const cells = new HostCells(host, hostname, this.ports.length);
    this.byKey.set(key, cells);
    this.hosts.push(cells);
    return cells;
  }
}
