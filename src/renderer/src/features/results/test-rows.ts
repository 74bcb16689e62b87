import type { PortResult } from '../../../../shared/domain';

/**
 * For the tests of the table and its pager: the `index`th stored result of a made-up scan, closed.
 * The pager's tests number ports past 65,535 to tell a row by its port.
 */
export const closedRow = (index: number, port = index + 1): PortResult => ({
  host: '10.0.0.1',
  hostname: null,
  port,
  protocol: 'tcp',
  state: 'closed',
  reason: 'conn-refused',
  rttUs: 1,
  service: null,
  banner: null,
  scannedAt: 0,
});
