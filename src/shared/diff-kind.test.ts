import { describe, expect, it } from 'vitest';
import { changeKind } from './diff-kind';
import type { PortChange, PortSnapshot } from './history';

const snap = (state: PortSnapshot['state'], service: string | null = null): PortSnapshot => ({
  state,
  reason: 'x',
  service,
  banner: null,
});
const change = (before: PortSnapshot | null, after: PortSnapshot | null): PortChange => ({
  host: '10.0.0.1',
  hostname: null,
  port: 22,
  protocol: 'tcp',
  before,
  after,
  changed: [],
});

describe('changeKind', () => {
  it('reads opened, closed and other changes the way a person does', () => {
    expect(changeKind(change(null, snap('open')))).toBe('added');
    expect(changeKind(change(snap('closed'), snap('open')))).toBe('added');
    expect(changeKind(change(snap('open'), null))).toBe('removed');
    expect(changeKind(change(snap('open'), snap('filtered')))).toBe('removed');
    expect(changeKind(change(snap('open', 'ssh'), snap('open', 'http')))).toBe('changed');
    expect(changeKind(change(snap('closed'), snap('filtered')))).toBe('changed');
  });
});
