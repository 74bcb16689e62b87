import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { ascending, startScan, statusBadge } from './app';
import { closedPorts, type Listeners } from './listeners';

/** Ports with an IANA service name, none adjacent to another (a port list would merge them). */
const NAMED: Record<number, string> = {
  11211: 'memcache',
  27017: 'mongodb',
  6379: 'redis',
  10050: 'zabbix-agent',
};

export interface SampleScan {
  id: number;
  /** Open: the first has a service name and a banner, the second a name, the third neither. */
  named: number;
  secondNamed: number;
  plain: number;
  open: number[];
  closed: number[];
  /** IANA service names of `named` and `secondNamed`. */
  service: (port: number) => string;
  banner: string;
}

/**
 * A finished scan of 127.0.0.1 with three listeners (two on ports that have a service name, one
 * with a banner) and three closed ports: something to sort, filter and group.
 */
export async function sampleScan(page: Page, listeners: Listeners): Promise<SampleScan> {
  const banner = 'SSH-2.0-PortholeSample_1.0';
  const candidates = Object.keys(NAMED).map(Number);
  const named = await listeners.firstFreeOf(candidates, { banner: `${banner}\r\n` });
  const secondNamed = await listeners.firstFreeOf(candidates.filter((p) => p !== named));
  const plain = await listeners.any();
  const open = [named, secondNamed, plain].sort(ascending);
  const closed = (await closedPorts(3)).sort(ascending);
  const id = await startScan(page, {
    targets: '127.0.0.1',
    ports: [...open, ...closed].join(','),
    banners: true,
  });
  await expect(statusBadge(page)).toHaveText('Completed');
  return {
    id,
    named,
    secondNamed,
    plain,
    open,
    closed,
    service: (port) => NAMED[port] ?? '',
    banner,
  };
}
