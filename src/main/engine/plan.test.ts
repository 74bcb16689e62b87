import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/errors';
import { type LookupFn, planScan } from './plan';
import { ProbeLocator } from './probe-layout';
import { request } from './test-support/fixtures';
import { TIMING_TEMPLATES, resolveTiming } from '../../shared/timing';

const fakeLookup: LookupFn = async (name) => {
  if (name === 'multi.test') {
    return [
      { address: '127.0.0.2', family: 4 },
      { address: '127.0.0.3', family: 4 },
      { address: '::1', family: 6 },
    ];
  }
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

describe('planScan', () => {
  it('counts hosts, ports and probes without expanding a /8', async () => {
    const plan = await planScan(request({ targets: '10.0.0.0/8', ports: '1-1024' }));
    expect(plan.hostCount).toBe(2 ** 24);
    expect(plan.portCount).toBe(1024);
    expect(plan.totalProbes).toBe(2 ** 24 * 1024);
    const at = new ProbeLocator(plan.layout);
    // Hosts go in groups of 64, ports advancing together across a group.
    expect(at.host(at.hostIndexOf(0)).address).toBe('10.0.0.0');
    expect(at.host(at.hostIndexOf(1)).address).toBe('10.0.0.1');
    expect(at.portOf(64)).toBe(2);
    expect(at.host(at.hostIndexOf(plan.totalProbes - 1)).address).toBe('10.255.255.255');
    expect(at.portOf(plan.totalProbes - 1)).toBe(1024);
  });

  it('maps every probe of a multi-host plan to a distinct host and port', async () => {
    const plan = await planScan(
      request({ targets: '127.0.0.1-100', ports: '1-7', order: 'random' }),
    );
    const at = new ProbeLocator(plan.layout);
    const seen = new Set<string>();
    for (let i = 0; i < plan.totalProbes; i += 1) seen.add(`${at.hostIndexOf(i)}:${at.portOf(i)}`);
    expect(seen.size).toBe(700);
  });

  it('resolves localhost through the system resolver', async () => {
    const plan = await planScan(request({ targets: 'localhost', ports: '80' }));
    const at = new ProbeLocator(plan.layout);
    const host = at.host(0);
    expect(['127.0.0.1', '::1']).toContain(host.address);
    expect(host.hostname).toBe('localhost');
  });

  it('keeps every address of a name, or one per family', async () => {
    const all = await planScan(request({ targets: 'multi.test', ports: '80' }), {
      lookup: fakeLookup,
    });
    expect(all.hostCount).toBe(3);
    const one = await planScan(
      request({ targets: 'multi.test', ports: '80', allAddresses: false }),
      { lookup: fakeLookup },
    );
    expect(one.hostCount).toBe(2);
  });

  it('excludes addresses and names', async () => {
    const plan = await planScan(
      request({ targets: '127.0.0.1-5', exclude: '127.0.0.2, multi.test', ports: '1' }),
      { lookup: fakeLookup },
    );
    // .1-.5 less .2 and multi.test's .2 and .3
    expect(plan.hostCount).toBe(3);
  });

  it('names the token that does not resolve or parse', async () => {
    await expect(
      planScan(request({ targets: '127.0.0.1 nosuch.test', ports: '1' }), { lookup: fakeLookup }),
    ).rejects.toThrow('targets: "nosuch.test" could not be resolved (ENOTFOUND)');
    await expect(
      planScan(request({ targets: '127.0.0.1', exclude: '10.0.0.0/99', ports: '1' })),
    ).rejects.toThrow(/^exclude: "10\.0\.0\.0\/99"/);
    await expect(
      planScan(request({ targets: '127.0.0.1', ports: '70000' })),
    ).rejects.toBeInstanceOf(InputError);
    await expect(
      planScan(request({ targets: '127.0.0.1', exclude: '127.0.0.0/8', ports: '1' })),
    ).rejects.toThrow('every target is excluded');
  });

  it('finds a bad port or target before it looks up a single name', async () => {
    const asked: string[] = [];
    const recording: LookupFn = async (name) => {
      asked.push(name);
      return fakeLookup(name);
    };
    for (const bad of [
      { targets: 'multi.test', ports: '70000' },
      { targets: 'multi.test 10.0.0.0/99', ports: '80' },
      { targets: 'multi.test', exclude: 'nosuch.test 1.2.3.4/77', ports: '80' },
    ]) {
      await expect(planScan(request(bad), { lookup: recording })).rejects.toBeInstanceOf(
        InputError,
      );
    }
    expect(asked).toEqual([]);
  });

  it('defaults to the top 1000 ports, or takes --top-ports', async () => {
    expect((await planScan(request({ targets: '127.0.0.1' }))).portCount).toBe(1000);
    expect((await planScan(request({ targets: '127.0.0.1', topPorts: 20 }))).portCount).toBe(20);
  });
});

describe('timing templates', () => {
  it('maps T0..T5 and lets explicit knobs override', () => {
    expect(resolveTiming(request({ targets: 'x', timing: 4 }))).toEqual(TIMING_TEMPLATES[4]);
    expect(resolveTiming(request({ targets: 'x', timing: 2 })).rate).toBe(2.5);
    const t = resolveTiming(
      request({ targets: 'x', timing: 5, concurrency: 7, timeoutMs: 99, retries: 0, rate: 50 }),
    );
    expect(t).toEqual({ concurrency: 7, timeoutMs: 99, retries: 0, rate: 50 });
  });
});
