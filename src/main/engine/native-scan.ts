import { parseIPv4, parseIPv6 } from '../../shared/targets';
import type { NativeProber } from './native-prober';
import { CONTROL_PAUSE, CONTROL_RUN, CONTROL_STOP } from './probe-control';
import type { ProbeLocator } from './probe-layout';
import type { ProbeSink } from './probe-loop';
import type { WorkSource } from './work-source';

export interface NativeScanOptions {
  /** Probing threads (C threads of the addon, not Node workers). */
  readonly threads: number;
  readonly window: number;
  readonly timeoutMs: number;
  readonly retries: number;
}

export interface NativeScanEvents {
  readonly accept: ProbeSink;
  /** Every probe was answered, or the scan was stopped. */
  readonly done: () => void;
  /** accept() threw: the scan is stopped. */
  readonly fail: (error: unknown) => void;
}

/** The main thread's handle on a scan probed by the native prober's threads. */
export interface NativeScan {
  pause(): void;
  resume(): void;
  /** Drops what is in flight; done() follows once the threads have let go of their sockets. */
  stop(): void;
}

/**
 * Probing yields to the main thread: there the results are committed and (in the app) the window
 * is answered. Linux nice values are per thread, so only the probing threads are lowered.
 */
const PROBE_THREAD_NICE = 10;
/** Probes handed over per feed() at most. */
const FEED = 4096;
/**
 * Probes handed over before start returns: enough for the threads' first milliseconds; the rest
 * follows on their first wake-up, so probing begins without waiting for a whole queue's worth.
 */
const FIRST_FEED = 512;
/** Results taken per poll() at most. */
const POLL = 4096;

interface AddressBytes {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
}

function toBytes(family: 4 | 6, address: string): AddressBytes {
  const value = family === 4 ? parseIPv4(address) : parseIPv6(address);
  if (value === null) throw new Error(`not an IPv${family} address: ${address}`);
  const length = family === 4 ? 4 : 16;
  const bytes = new Uint8Array(16);
  for (let i = 0; i < length; i += 1) {
    bytes[i] = Number((value >> BigInt(8 * (length - 1 - i))) & 0xffn);
  }
  return { family, bytes };
}

/**
 * Runs a scan on the native prober: probe indices from `source` become address bytes and ports
 * here, in chunks the threads' queue has room for; results come back in batches whenever the
 * addon wakes this thread. Nothing here blocks.
 */
export function startNativeScan(
  prober: NativeProber,
  source: WorkSource,
  locator: ProbeLocator,
  events: NativeScanEvents,
  options: NativeScanOptions,
): NativeScan {
  const family = new Uint8Array(FEED);
  const addr = new Uint8Array(FEED * 16);
  const port = new Uint16Array(FEED);
  const id = new Float64Array(FEED);
  const outId = new Float64Array(POLL);
  const outStatus = new Int32Array(POLL);
  const outRtt = new Int32Array(POLL);
  const info = new Int32Array(2);
  // Address bytes per host; a scan touches about one group of hosts at a time.
  const addresses = new Map<number, AddressBytes>();
  const cacheLimit = 4 * locator.layout.groupSize;
  let sourceDone = false;
  let stopped = false;
  let closed = false;

  const addressOf = (hostIndex: number): AddressBytes => {
    let a = addresses.get(hostIndex);
    if (a === undefined) {
      if (addresses.size >= cacheLimit) addresses.clear();
      const host = locator.host(hostIndex);
      a = toBytes(host.family, host.address);
      addresses.set(hostIndex, a);
    }
    return a;
  };

  const fill = (max: number): number => {
    let n = 0;
    while (n < max) {
      const index = source.next();
      if (index < 0) break;
      const a = addressOf(locator.hostIndexOf(index));
      family[n] = a.family;
      addr.set(a.bytes, n * 16);
      port[n] = locator.portOf(index);
      id[n] = index;
      n += 1;
    }
    return n;
  };

  const topUp = (room: number): void => {
    while (room > 0 && !sourceDone) {
      const n = fill(Math.min(room, FEED));
      if (n === 0) {
        sourceDone = true;
        prober.end(handle);
        return;
      }
      // Only this thread feeds, and n is within the room the addon reported: all of it fits.
      if (prober.feed(handle, family, addr, port, id, n) !== n) {
        throw new Error('native prober: its queue took fewer probes than it had room for');
      }
      room -= n;
    }
  };

  let firstWake = true;
  /** Takes what is waiting and tops the queue up; 'ended' once every thread has ended. */
  const take = (): 'running' | 'ended' => {
    let n: number;
    do {
      n = prober.poll(handle, outId, outStatus, outRtt, info);
      for (let i = 0; i < n; i += 1) {
        events.accept(outId[i] ?? 0, outStatus[i] ?? 0, outRtt[i] ?? -1);
      }
    } while (n === POLL);
    // After a stop nothing more is fed: the threads are winding down.
    if (!stopped) topUp(firstWake ? Math.min(FIRST_FEED, info[0] ?? 0) : (info[0] ?? 0));
    firstWake = false;
    return info[1] === 1 ? 'ended' : 'running';
  };

  // Called by the addon on this thread. What accept() or the source throws is caught here:
  // N-API would only drop it with a warning.
  const wake = (): void => {
    if (closed) return;
    let outcome: 'running' | 'ended' | { error: unknown };
    try {
      outcome = take();
    } catch (error) {
      outcome = { error };
    }
    if (outcome === 'running') return;
    closed = true;
    prober.close(handle);
    // The consumer (or the source) threw: probing stops and the failure is reported, once.
    if (outcome === 'ended') events.done();
    else events.fail(outcome.error);
  };

  const handle = prober.start(
    options.threads,
    options.window,
    options.timeoutMs,
    options.retries,
    process.platform === 'linux' ? PROBE_THREAD_NICE : 0,
    wake,
  );
  wake();

  return {
    pause: () => {
      if (!closed) prober.control(handle, CONTROL_PAUSE);
    },
    resume: () => {
      if (!closed) prober.control(handle, CONTROL_RUN);
    },
    stop: () => {
      // The threads see it within a tick; their last wake-up reports the end and closes.
      stopped = true;
      if (!closed) prober.control(handle, CONTROL_STOP);
    },
  };
}
