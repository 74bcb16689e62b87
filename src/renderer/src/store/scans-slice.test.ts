import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallResult, MethodName, PortholeBridge } from '../../../shared/contract';
import { toScanId, type PortResult, type ScanId, type ScanStatus } from '../../../shared/domain';
import type { ScanDetail } from '../../../shared/history';
import { parseScanRequest } from '../../../shared/scan-request';
import { useStore } from '.';
import { runsElsewhere } from './scans-slice';

// The store against main's answers, in the order a test chooses. Main's handlers read SQLite in
// Node and cannot run in a browser: a bridge the test drives stands in for them here (the e2e
// suite runs the same store against the real host). Each call waits until the test answers it.

interface Pending {
  method: MethodName;
  input: unknown;
  answer(value: unknown): void;
}
const pending: Pending[] = [];
const bridge: PortholeBridge = {
  call: (method, input) =>
    new Promise<CallResult<unknown>>((resolve) =>
      pending.push({ method, input, answer: (value) => resolve({ ok: true, value }) }),
    ),
  on: () => () => {},
};

/** Waits for the next call to `method` and takes it off the list. */
async function nextCall(method: MethodName): Promise<Pending> {
  let found: Pending | undefined;
  await vi.waitFor(() => {
    const i = pending.findIndex((p) => p.method === method);
    expect(i, `a call to ${method}`).toBeGreaterThanOrEqual(0);
    found = pending.splice(i, 1)[0];
  });
  return found!;
}

/** Answers every call still waiting with what an empty history would say. */
function answerWaiting(): void {
  for (const p of pending.splice(0)) {
    if (p.method === 'listScans') p.answer({ scans: [], total: 0 });
    else if (p.method === 'getHosts' || p.method === 'getPortMap')
      p.answer({ hosts: [], total: 0 });
    else if (p.method === 'getResults') p.answer({ rows: [], total: 0, offset: 0, limit: 1000 });
    else p.answer(null);
  }
}

/** Answers calls as an empty history would until `task` has settled: what it asks after too. */
async function answerTheRest(task: Promise<unknown> = Promise.resolve()): Promise<void> {
  let settled = false;
  void task.finally(() => (settled = true));
  await vi.waitFor(() => {
    answerWaiting();
    expect(settled).toBe(true);
  });
}

function detailOf(id: ScanId, status: ScanStatus, runningHere: boolean, done = 0): ScanDetail {
  return {
    id,
    name: null,
    status,
    startedAt: Date.now() - 10_000,
    endedAt: status === 'running' || status === 'paused' ? null : Date.now(),
    targets: '127.0.0.1',
    ports: '1-1000',
    counts: { open: 1, closed: done - 1, filtered: 0, error: 0 },
    error: null,
    request: parseScanRequest({ targets: '127.0.0.1', ports: '1-1000' }),
    hostCount: 1,
    resultCount: done,
    runningHere,
  };
}

const openPort = (port: number): PortResult => ({
  host: '127.0.0.1',
  hostname: null,
  port,
  protocol: 'tcp',
  state: 'open',
  reason: 'syn-ack',
  rttUs: 40,
  service: null,
  banner: null,
  scannedAt: 0,
});

const initial = useStore.getState();
beforeAll(() => {
  window.porthole = bridge;
});
afterEach(() => {
  answerWaiting();
  useStore.setState(initial, true);
});

describe('the scans slice, as answers race', () => {
  it('forgets a scan deleted while its page was still loading', async () => {
    const id = toScanId(41);
    const opening = useStore.getState().openScan(id);
    const getScan = await nextCall('getScan');
    const deleting = useStore.getState().deleteScan(id);
    (await nextCall('deleteScan')).answer(undefined);
    await deleting;
    // The page's answer arrives after the delete: nothing of the scan comes back.
    getScan.answer(detailOf(id, 'completed', false, 1000));
    await answerTheRest(opening);
    const state = useStore.getState();
    expect(state.details[id]).toBeUndefined();
    expect(state.live[id]).toBeUndefined();
  });

  it('follows a scan running in another process until it ends, then asks what changed', async () => {
    const id = toScanId(42);
    const opening = useStore.getState().openScan(id);
    (await nextCall('getScan')).answer(detailOf(id, 'running', false, 100));
    (await nextCall('getHosts')).answer({
      hosts: [{ host: '127.0.0.1', hostname: null, counts: { open: 1 } }],
      total: 1,
    });
    (await nextCall('getResults')).answer({ rows: [openPort(22)], total: 1, offset: 0, limit: 1 });
    // Nothing changed yet: it has not ended.
    (await nextCall('diffWithPrevious')).answer(null);
    await answerTheRest(opening);
    expect(useStore.getState().live[id]).toMatchObject({ status: 'running', done: 100 });

    const reading = useStore.getState().followElsewhere(id);
    (await nextCall('getScan')).answer(detailOf(id, 'cancelled', false, 600));
    (await nextCall('getHosts')).answer({
      hosts: [{ host: '127.0.0.1', hostname: null, counts: { open: 2 } }],
      total: 1,
    });
    (await nextCall('getResults')).answer({
      rows: [openPort(443), openPort(22)],
      total: 2,
      offset: 0,
      limit: 1000,
    });
    (await nextCall('getPortMap')).answer({ hosts: [], total: 0 });
    // Ended: what changed since the scan before is asked for again.
    await nextCall('diffWithPrevious');
    await answerTheRest(reading);
    const scan = useStore.getState().live[id]!;
    expect(scan).toMatchObject({ status: 'cancelled', done: 600, total: 1000 });
    // Port 22 came twice (opening, then following): counted once.
    expect(scan.openPorts.map((p) => p.port).sort()).toEqual([22, 443]);
    expect(scan.openPerHost).toEqual({ '127.0.0.1': 2 });
  });

  it('keeps the figures of frames that arrive while a scan opened from the history loads', async () => {
    const id = toScanId(43);
    const opening = useStore.getState().openScan(id);
    const getScan = await nextCall('getScan');
    // A frame first (the scan runs in this process), then the stored page, older than it.
    useStore.getState().applyFrames([
      {
        scanId: id,
        status: 'running',
        counts: { open: 2, closed: 500, filtered: 0, error: 0 },
        done: 502,
        total: 1000,
        rate: 100,
        etaSeconds: 5,
        elapsedMs: 5000,
        newOpen: [openPort(8080)],
        settled: [],
      },
    ]);
    getScan.answer(detailOf(id, 'running', true, 300));
    (await nextCall('getHosts')).answer({
      hosts: [{ host: '127.0.0.1', hostname: null, counts: { open: 1 } }],
      total: 1,
    });
    (await nextCall('getResults')).answer({ rows: [openPort(22)], total: 1, offset: 0, limit: 1 });
    await answerTheRest(opening);
    const scan = useStore.getState().live[id]!;
    expect(scan).toMatchObject({ status: 'running', done: 502, total: 1000 });
    expect(scan.openPorts.map((p) => p.port)).toEqual([22, 8080]);
    expect(scan.openPerHost).toEqual({ '127.0.0.1': 2 });
  });

  it('stops following a scan that the process running it deleted', async () => {
    const id = toScanId(44);
    const opening = useStore.getState().openScan(id);
    (await nextCall('getScan')).answer(detailOf(id, 'running', false, 10));
    await answerTheRest(opening);
    expect(runsElsewhere(useStore.getState(), id)).toBe(true);

    const reading = useStore.getState().followElsewhere(id);
    (await nextCall('getScan')).answer(null);
    await answerTheRest(reading);
    const state = useStore.getState();
    expect(runsElsewhere(state, id)).toBe(false);
    expect(state.live[id]).toBeUndefined();
    expect(state.loadErrors[id]).toBe('scan 44 is not in the history');
  });
});
