import { describe, expect, it } from 'vitest';
import { toScanId } from '../../../../shared/domain';
import type { PortChange, ScanDiff } from '../../../../shared/history';
import { diffCounts, groupDiff } from './diff-groups';

const change = (
  host: string,
  port: number,
  before: string | null,
  after: string | null,
): PortChange => ({
  host,
  hostname: null,
  port,
  protocol: 'tcp',
  before:
    before === null ? null : { state: before as 'open', reason: 'x', service: null, banner: null },
  after:
    after === null ? null : { state: after as 'open', reason: 'x', service: null, banner: null },
  changed: [],
});

const diff: ScanDiff = {
  from: toScanId(1),
  to: toScanId(2),
  hostsAdded: [{ host: '10.0.0.9', hostname: null }],
  hostsGone: [],
  changes: [
    change('10.0.0.1', 22, 'open', null),
    change('10.0.0.1', 80, null, 'open'),
    change('10.0.0.2', 443, 'closed', 'filtered'),
    change('10.0.0.9', 8080, null, 'open'),
  ],
  truncated: false,
  partial: [],
};

describe('groupDiff', () => {
  it('counts each kind the way the compare view reads it', () => {
    expect(diffCounts(diff)).toEqual({
      added: 2,
      removed: 1,
      changed: 1,
      hostsAdded: 1,
      hostsGone: 0,
    });
  });

  it('groups changes by host, keeping hosts that appeared with their ports', () => {
    const groups = groupDiff(diff);
    expect(groups.map((g) => [g.host, g.changes.map((c) => c.port), g.appeared])).toEqual([
      ['10.0.0.9', [8080], true],
      ['10.0.0.1', [22, 80], false],
      ['10.0.0.2', [443], false],
    ]);
    expect(groupDiff(diff, 'removed').map((g) => g.host)).toEqual(['10.0.0.1']);
  });
});
