import { describe, expect, it } from 'vitest';
import { estimateScan } from './estimate';
import { checkForm, EMPTY_FORM, formOfRequest, type ScanForm } from './scan-form';

const form = (patch: Partial<ScanForm>): ScanForm => ({ ...EMPTY_FORM, ...patch });

describe('checkForm', () => {
  it('names each wrong field with the shared parsers’ own messages', () => {
    const checked = checkForm(
      form({
        targets: '10.0.0.0/24, 300.1.1.1',
        exclude: '10.0.0.5/99',
        portsPreset: 'custom',
        customPorts: '22,70000',
        timeoutMs: 'soon',
        retries: '99',
      }),
    );
    expect(checked.request).toBeNull();
    expect(checked.errors).toEqual({
      targets: '"300.1.1.1" is not an IPv4 address',
      exclude: '"10.0.0.5/99" has a prefix longer than /32',
      customPorts: '"70000" is not a port (1-65535)',
      timeoutMs: 'must be a number',
      retries: 'must be at most 10',
    });
  });

  it('asks for targets when there are none', () => {
    expect(checkForm(EMPTY_FORM).errors.targets).toBe('give at least one target');
  });

  it('builds the request the CLI would build from the same choices', () => {
    const checked = checkForm(
      form({
        targets: '127.0.0.1\nlocalhost',
        portsPreset: 'all',
        timing: 4,
        rate: '500',
        banners: true,
        randomOrder: true,
        name: 'lab',
      }),
    );
    expect(checked.errors).toEqual({});
    expect(checked.request).toEqual({
      targets: '127.0.0.1\nlocalhost',
      ports: '-',
      timing: 4,
      rate: 500,
      banners: true,
      order: 'random',
      name: 'lab',
    });
  });

  it('fills the form back from a request, keeping the same ports', () => {
    expect(formOfRequest({ targets: 'a', topPorts: 100 }).portsPreset).toBe('top100');
    expect(formOfRequest({ targets: 'a' }).portsPreset).toBe('top1000');
    expect(formOfRequest({ targets: 'a', ports: '-' }).portsPreset).toBe('all');
    const ten = formOfRequest({ targets: 'a', topPorts: 10, timing: 1 });
    expect(ten.portsPreset).toBe('custom');
    expect(ten.customPorts.split(',')).toHaveLength(10);
    expect(ten.timing).toBe(1);
    const again = checkForm(formOfRequest({ targets: '10.0.0.1', ports: '22,80', retries: 1 }));
    expect(again.request).toMatchObject({ targets: '10.0.0.1', ports: '22,80', retries: 1 });
  });
});

describe('estimateScan', () => {
  it('counts addresses without exclusions and repeats, and hostnames apart', () => {
    const estimate = estimateScan({
      targets: '10.0.0.0/24 10.0.0.7 router.lan',
      exclude: '10.0.0.0-9',
      topPorts: 100,
    })!;
    expect(estimate.addresses).toBe(246);
    expect(estimate.hostnames).toBe(1);
    expect(estimate.ports).toBe(100);
    expect(estimate.probes).toBe(247 * 100);
  });

  it('bounds the duration between hosts answering and nothing answering', () => {
    const estimate = estimateScan({ targets: '10.0.0.0/16', ports: '-', timing: 3 })!;
    expect(estimate.probes).toBe(65536 * 65535);
    expect(estimate.durationMs.slow).toBeGreaterThan(estimate.durationMs.fast);
    // Normal timing: 1,000 sockets, 1 s timeout, 2 retries.
    expect(estimate.durationMs.slow).toBeCloseTo((estimate.probes * 1000 * 3) / 1000);
    // A paced template is bound by its rate whatever answers.
    const gentle = estimateScan({ targets: '127.0.0.1', topPorts: 100, timing: 2 })!;
    expect(gentle.durationMs.fast).toBeCloseTo((100 / 2.5) * 1000);
  });
});
