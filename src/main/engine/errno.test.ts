import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { NO_RESPONSE, classify, isLocalFailure } from './errno';

const E = constants.errno;

describe('classify: outcomes as nmap -sT reports them', () => {
  it.each([
    [0, 'open', 'syn-ack'],
    [-E.ECONNREFUSED, 'closed', 'conn-refused'],
    [NO_RESPONSE, 'filtered', 'no-response'],
    [-E.ETIMEDOUT, 'filtered', 'no-response'],
    [-E.EHOSTUNREACH, 'filtered', 'host-unreach'],
    [-E.ENETUNREACH, 'filtered', 'net-unreach'],
    [-E.EACCES, 'filtered', 'admin-prohibited'],
    [-E.EMFILE, 'error', 'EMFILE'],
    [-E.ENFILE, 'error', 'ENFILE'],
    [-E.EADDRNOTAVAIL, 'error', 'EADDRNOTAVAIL'],
    [-E.ENOBUFS, 'error', 'ENOBUFS'],
    [-E.EINVAL, 'error', 'EINVAL'],
  ])('status %i is %s/%s', (status, state, reason) => {
    expect(classify(status)).toEqual({ state, reason });
  });

  it('treats only resource exhaustion as worth backing off', () => {
    expect(isLocalFailure(-E.EMFILE)).toBe(true);
    expect(isLocalFailure(-E.EADDRNOTAVAIL)).toBe(true);
    expect(isLocalFailure(-E.ECONNREFUSED)).toBe(false);
    expect(isLocalFailure(0)).toBe(false);
  });
});
