import { InputError } from '../errors';
import { ALL_PORTS } from './top-ports';
import { portForService } from './services';

/** Splits port text on commas and whitespace; nmap's `T:` prefix is accepted and ignored. */
export function tokenizePorts(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map((t) => (/^t:/i.test(t) ? t.slice(2) : t));
}

/**
 * Parses `80`, `1-1024`, `-1024`, `60000-`, `-` (all), service names (`http`) and lists of them into
 * the distinct ports, ascending. Errors name the offending token.
 */
export function parsePorts(text: string): Uint16Array {
  const tokens = tokenizePorts(text);
  if (tokens.length === 0) throw new InputError('ports', 'give at least one port');
  const wanted = new Uint8Array(ALL_PORTS + 1);
  for (const token of tokens) {
    const [first, last] = parsePortToken(token);
    wanted.fill(1, first, last + 1);
  }
  let count = 0;
  for (let p = 1; p <= ALL_PORTS; p += 1) count += wanted[p] ?? 0;
  const ports = new Uint16Array(count);
  let i = 0;
  for (let p = 1; p <= ALL_PORTS; p += 1) {
    if (wanted[p] === 1) {
      ports[i] = p;
      i += 1;
    }
  }
  return ports;
}

/** One token as an inclusive [first, last] range. */
export function parsePortToken(token: string): [number, number] {
  if (token === '-') return [1, ALL_PORTS];
  const dash = token.indexOf('-');
  if (dash === -1) {
    const port = /^\d+$/.test(token) ? toPort(token, token) : portForService(token);
    if (port === null) throw new InputError('ports', `"${token}" is not a port or a service name`);
    return [port, port];
  }
  const a = token.slice(0, dash);
  const b = token.slice(dash + 1);
  const first = a === '' ? 1 : toPort(a, token);
  const last = b === '' ? ALL_PORTS : toPort(b, token);
  if (last < first) throw new InputError('ports', `"${token}" ends before it starts`);
  return [first, last];
}

function toPort(text: string, token: string): number {
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= ALL_PORTS)) {
    const shown = text === token ? `"${token}"` : `"${text}" in "${token}"`;
    throw new InputError('ports', `${shown} is not a port (1-65535)`);
  }
  return n;
}
