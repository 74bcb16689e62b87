import { constants } from 'node:os';
import type { PortReason, PortState } from '../../shared/domain';

const E = constants.errno;
// Node's table lacks EHOSTDOWN; 112 is its Linux value.
const EHOSTDOWN = 112;

/** Status of an attempt that got no answer in time; libuv statuses are 0 or a negative errno. */
export const NO_RESPONSE = 1;

/** Local resource failures: back off and retry; if they persist the port is `error`, never closed. */
const LOCAL_ERRNOS = new Set([E.EMFILE, E.ENFILE, E.EADDRNOTAVAIL, E.ENOBUFS, E.ENOMEM, E.EAGAIN]);

export const isLocalFailure = (status: number): boolean => status < 0 && LOCAL_ERRNOS.has(-status);

const NAMES = new Map<number, string>(Object.entries(E).map(([name, n]) => [n, name]));

/** `ECONNREFUSED` for -111 (libuv statuses are negative errnos on Unix). */
export const errnoName = (status: number): string => NAMES.get(-status) ?? `E${-status}`;

/** A classified outcome, as nmap -sT reports it (DESIGN.md, "Port states"). */
export interface Outcome {
  readonly state: PortState;
  readonly reason: PortReason;
}

const OPEN: Outcome = { state: 'open', reason: 'syn-ack' };
const CLOSED: Outcome = { state: 'closed', reason: 'conn-refused' };
const NO_ANSWER: Outcome = { state: 'filtered', reason: 'no-response' };
const HOST_UNREACH: Outcome = { state: 'filtered', reason: 'host-unreach' };
const NET_UNREACH: Outcome = { state: 'filtered', reason: 'net-unreach' };
const ADMIN: Outcome = { state: 'filtered', reason: 'admin-prohibited' };

const BY_ERRNO = new Map<number, Outcome>([
  [E.ECONNREFUSED, CLOSED],
  // A reset racing the handshake is still the host saying "nothing here".
  [E.ECONNRESET, CLOSED],
  // The kernel's own connect timeout: as much "no answer" as ours.
  [E.ETIMEDOUT, NO_ANSWER],
  // ICMP host/port/protocol unreachable and IPv4 "communication administratively prohibited"
  // all arrive as EHOSTUNREACH on Linux; nmap reports them as host-unreach.
  [E.EHOSTUNREACH, HOST_UNREACH],
  [EHOSTDOWN, HOST_UNREACH],
  [E.ENETUNREACH, NET_UNREACH],
  [E.ENETDOWN, NET_UNREACH],
  // IPv6 "administratively prohibited" arrives as EACCES; nmap reports admin-prohibited. EPERM is
  // a local firewall refusing the packet: the same verdict from the nearest administrator.
  [E.EACCES, ADMIN],
  [E.EPERM, ADMIN],
]);

const outcomeCache = new Map<number, Outcome>();

/** Maps a final attempt status (0, NO_RESPONSE or -errno) to state and reason. */
export function classify(status: number): Outcome {
  if (status === 0) return OPEN;
  if (status === NO_RESPONSE) return NO_ANSWER;
  const known = BY_ERRNO.get(-status);
  if (known) return known;
  // Anything else (a local failure that persisted, EINVAL, …) is this machine's problem: `error`.
  let outcome = outcomeCache.get(status);
  if (outcome === undefined) {
    outcome = { state: 'error', reason: errnoName(status) as PortReason };
    outcomeCache.set(status, outcome);
  }
  return outcome;
}
