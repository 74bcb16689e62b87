import { describe, expect, it } from 'vitest';
import type { ScanId } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import { TIMELINE_POINTS } from '../../shared/history-actions';
import { request, results, useTempDatabase } from './test-support';
import { createResultWriter } from './writer';

const tempDb = useTempDatabase('each');

/** A finished scan of `targets` whose first `open` ports answered, then two closed ones. */
async function scan(
  targets: string,
  startedAt: number,
  open: number,
  status: 'completed' | 'cancelled' | 'failed' = 'completed',
): Promise<ScanId> {
  const id = tempDb().createScan(request({ targets }), { startedAt });
  const writer = createResultWriter(tempDb(), id);
  writer.write([...results(1, open, {}, 1), ...results(open + 1, open + 2, {}, 1_000)]);
  await writer.close();
  tempDb().finishScan(id, { status, endedAt: startedAt + 1 });
  return id;
}

describe('getTimeline', () => {
  it('lists every scan of the same targets, however typed, oldest first, with open counts', async () => {
    const a = await scan('10.0.0.1, web.lab', 1000, 3);
    await scan('10.0.0.2', 1500, 9); // other targets
    const b = await scan('WEB.lab 10.0.0.1', 2000, 4, 'cancelled');
    const c = await scan('web.lab,10.0.0.1,10.0.0.1', 3000, 5, 'failed');
    // Still running: its count is what it has committed so far.
    const d = tempDb().createScan(request({ targets: ' web.lab\n10.0.0.1 ' }), { startedAt: 4000 });
    const writer = createResultWriter(tempDb(), d);
    writer.write(results(1, 300)); // every 100th port open: 3
    await writer.close();

    const timeline = tempDb().getTimeline(b);
    expect(timeline).toEqual({
      points: [
        { scanId: a, startedAt: 1000, status: 'completed', open: 3, partial: false },
        { scanId: b, startedAt: 2000, status: 'cancelled', open: 4, partial: true },
        { scanId: c, startedAt: 3000, status: 'failed', open: 5, partial: true },
        { scanId: d, startedAt: 4000, status: 'running', open: 3, partial: true },
      ],
      total: 4,
    });
    // The same timeline from any of its scans.
    expect(tempDb().getTimeline(d)).toEqual(timeline);
    tempDb().finishScan(d, { status: 'completed', endedAt: 5000 });
    expect(tempDb().getTimeline(a).points.at(-1)).toMatchObject({ scanId: d, partial: false });
  });

  it('orders scans started in the same millisecond by id', async () => {
    const first = await scan('10.0.0.9', 7000, 1);
    const second = await scan('10.0.0.9', 7000, 2);
    const earlier = await scan('10.0.0.9', 6000, 0);
    expect(
      tempDb()
        .getTimeline(second)
        .points.map((p) => p.scanId),
    ).toEqual([earlier, first, second]);
  });

  it(`keeps the latest ${TIMELINE_POINTS}, slid back just far enough to keep the asked-for scan`, async () => {
    const ids: ScanId[] = [];
    const extra = 30;
    for (let i = 0; i < TIMELINE_POINTS + extra; i++) {
      ids.push(await scan('10.1.0.0/24', 1000 * i, i % 7));
    }
    const latest = ids.slice(-TIMELINE_POINTS);
    const of = (id: ScanId) => tempDb().getTimeline(id);
    expect(of(ids.at(-1)!).total).toBe(TIMELINE_POINTS + extra);
    expect(of(ids.at(-1)!).points.map((p) => p.scanId)).toEqual(latest);
    expect(of(ids.at(-1)!).points[5]).toMatchObject({
      startedAt: 1000 * (extra + 5),
      open: (extra + 5) % 7,
    });
    // The oldest of the latest window, and the one just before it.
    expect(of(ids[extra]!).points.map((p) => p.scanId)).toEqual(latest);
    expect(of(ids[extra - 1]!).points.map((p) => p.scanId)).toEqual(
      ids.slice(extra - 1, extra - 1 + TIMELINE_POINTS),
    );
    expect(of(ids[0]!)).toMatchObject({ total: TIMELINE_POINTS + extra });
    expect(of(ids[0]!).points.map((p) => p.scanId)).toEqual(ids.slice(0, TIMELINE_POINTS));
  });

  it('refuses a scan that is not in the history, naming it', () => {
    let refused: unknown;
    try {
      tempDb().getTimeline(777 as ScanId);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PortholeError);
    expect((refused as PortholeError).toData()).toEqual({
      kind: 'not-found',
      message: 'scan 777 is not in the history',
      field: 'scanId',
    });
  });
});
