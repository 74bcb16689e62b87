import { describe, expect, it } from 'vitest';
import type { ExportJob } from '../export/export-target';
import { DownloadDesk } from './download-desk';

const job = (fileName: string): ExportJob => ({
  fileName,
  kind: 'csv',
  write: () => Promise.resolve({ rows: 0 }),
});
/** The address is the ticket alone: the launch token is posted, never part of it. */
const ticketOf = (url: string) => /^\/export\/([\w-]{32})$/.exec(url)?.[1] ?? '';

describe('DownloadDesk', () => {
  it('hands out single-use, expiring tickets once the host serves them, with no token in the address', async () => {
    let now = 0;
    const desk = new DownloadDesk({ ttlMs: 1000, now: () => now });
    await expect(desk.deliver(job('a.csv'))).rejects.toThrow(/not serving yet/);
    desk.attach();
    const a = await desk.deliver(job('a.csv'));
    const b = await desk.deliver(job('b.csv'));
    if (a.kind !== 'download' || b.kind !== 'download') throw new Error('expected downloads');
    expect(a.fileName).toBe('a.csv');
    expect(ticketOf(a.url)).not.toBe(ticketOf(b.url));
    expect(desk.take(ticketOf(a.url))?.fileName).toBe('a.csv');
    expect(desk.take(ticketOf(a.url))).toBeNull();
    now = 1000;
    expect(desk.take(ticketOf(b.url))).toBeNull();
    expect(desk.size).toBe(0);
  });

  it('refuses more waiting tickets than it keeps, until old ones expire', async () => {
    let now = 0;
    const desk = new DownloadDesk({ ttlMs: 1000, maxWaiting: 2, now: () => now });
    desk.attach();
    await desk.deliver(job('1.csv'));
    await desk.deliver(job('2.csv'));
    await expect(desk.deliver(job('3.csv'))).rejects.toThrow(/too many exports/);
    now = 1000;
    await expect(desk.deliver(job('3.csv'))).resolves.toMatchObject({ kind: 'download' });
  });
});
