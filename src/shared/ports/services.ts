import ianaTcp from '../../../resources/services/iana-tcp.json';

// Integer keys live in the object's elements store, so a lookup is an indexed read; copying the
// 5,889 entries into another table cost more at start-up than every lookup of a 65,535-port scan.
const names = ianaTcp as Readonly<Record<number, string | undefined>>;
let ports: Map<string, number> | null = null;

/** IANA's service name for a TCP port (`80` -> `http`), or null when the port has none. */
export function serviceName(port: number): string | null {
  return names[port] ?? null;
}

/** The lowest TCP port IANA registers under `name` (case-insensitive), or null. */
export function portForService(name: string): number | null {
  if (ports === null) {
    ports = new Map();
    for (let port = 1; port <= 65535; port += 1) {
      const n = names[port]?.toLowerCase();
      if (n !== undefined && !ports.has(n)) ports.set(n, port);
    }
  }
  return ports.get(name.toLowerCase()) ?? null;
}

/** Whether a port has an IANA name (used to order the top-ports tail). */
export const isNamedPort = (port: number): boolean => names[port] !== undefined;
