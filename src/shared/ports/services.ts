import ianaTcpJson from '../../../resources/services/iana-tcp';

// Parsed on first use: a string literal loads far faster than an object literal of 5,889 keys.
// Integer keys live in the object's elements store, so a lookup is an indexed read.
let parsed: Readonly<Record<number, string | undefined>> | null = null;
const table = () => (parsed ??= JSON.parse(ianaTcpJson) as Record<number, string | undefined>);
let ports: Map<string, number> | null = null;

/** IANA's service name for a TCP port (`80` -> `http`), or null when the port has none. */
export function serviceName(port: number): string | null {
  return table()[port] ?? null;
}

/** The lowest TCP port IANA registers under `name` (case-insensitive), or null. */
export function portForService(name: string): number | null {
  if (ports === null) {
    ports = new Map();
    for (let port = 1; port <= 65535; port += 1) {
      const n = table()[port]?.toLowerCase();
      if (n !== undefined && !ports.has(n)) ports.set(n, port);
    }
  }
  return ports.get(name.toLowerCase()) ?? null;
}

/** Whether a port has an IANA name (used to order the top-ports tail). */
export const isNamedPort = (port: number): boolean => table()[port] !== undefined;
