import { describe, expect, it } from 'vitest';
import { toScanId } from '../../../shared/domain';
import { hashOfRoute, routeOfHash } from './nav-slice';

describe('routes in the address', () => {
  it('round-trips every route', () => {
    for (const route of [
      { view: 'new-scan' } as const,
      { view: 'scan', scanId: toScanId(12), tab: 'results' } as const,
      { view: 'scan', scanId: toScanId(3), tab: 'overview' } as const,
      { view: 'history' } as const,
      { view: 'compare', from: toScanId(11), to: toScanId(12) } as const,
    ]) {
      expect(routeOfHash(hashOfRoute(route))).toEqual(route);
    }
  });

  it('reads the launch token, junk and an empty fragment as the new-scan form', () => {
    expect(routeOfHash('#token=abc')).toEqual({ view: 'new-scan' });
    expect(routeOfHash('#/scan/x')).toEqual({ view: 'new-scan' });
    expect(routeOfHash('')).toEqual({ view: 'new-scan' });
    expect(routeOfHash('#/scan/7')).toEqual({ view: 'scan', scanId: 7, tab: 'overview' });
  });
});
