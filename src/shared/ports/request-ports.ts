import { parsePorts } from './parse-ports';
import { topPorts } from './top-ports';

/** nmap's default when no ports are given: the thousand most likely open. */
export const DEFAULT_TOP_PORTS = 1000;

/**
 * The ports a request asks for, distinct and ascending: its port list, else its top-N, else the
 * default. The engine plans with it and the window lays out its port map with it.
 */
export function portsOfRequest(request: { ports?: string; topPorts?: number }): Uint16Array {
  return request.ports !== undefined
    ? parsePorts(request.ports)
    : topPorts(request.topPorts ?? DEFAULT_TOP_PORTS);
}
