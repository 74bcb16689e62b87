import curated from '../../../resources/services/top-ports.json';
import { isNamedPort } from './services';

export const ALL_PORTS = 65535;

let ranking: Uint16Array | null = null;

/**
 * Every port 1-65535 from most to least likely to be open, by the documented ordering in
 * resources/services/README.md: curated tiers, then named system ports, named ports, the rest.
 */
export function topPortRanking(): Uint16Array {
  if (ranking !== null) return ranking;
  const order = new Uint16Array(ALL_PORTS);
  const placed = new Uint8Array(ALL_PORTS + 1);
  let n = 0;
  const place = (port: number): void => {
    if (placed[port] === 1) return;
    placed[port] = 1;
    order[n] = port;
    n += 1;
  };
  for (const tier of (curated as { tiers: number[][] }).tiers) for (const port of tier) place(port);
  for (let p = 1; p < 1024; p += 1) if (isNamedPort(p)) place(p);
  for (let p = 1024; p <= ALL_PORTS; p += 1) if (isNamedPort(p)) place(p);
  for (let p = 1; p <= ALL_PORTS; p += 1) place(p);
  ranking = order;
  return order;
}

/** The `n` most likely open ports, ascending (the order a sequential scan probes them in). */
export function topPorts(n: number): Uint16Array {
  const count = Math.max(0, Math.min(ALL_PORTS, Math.floor(n)));
  return topPortRanking().slice(0, count).sort();
}
