import { parseIPv4, parseIPv6 } from '../../shared/targets';
import type { NativeProber } from './native-prober';
import type { ProbeLocator } from './probe-layout';
import type { WorkSource } from './work-source';

/** Receives a batch of results; the arrays are reused once it returns, so copy what you keep. */
export type BatchSink = (
  count: number,
  index: Float64Array,
  status: Int32Array,
  rttUs: Int32Array,
) => void;

export interface NativeLoopOptions {
  readonly window: number;
  readonly timeoutMs: number;
  readonly retries: number;
  /** The shared control word (probe-control.ts); null when nothing can pause or stop the loop. */
  readonly control: SharedArrayBuffer | null;
}

/** Probes handed to the C loop per fill(): small, so two workers share the tail of a scan evenly. */
const FILL = 256;
/**
 * Results per emit() at most; the C loop also flushes every 50 ms, and runs at most two such
 * batches ahead of the main thread (probe-control.ts).
 */
const OUT = 1024;

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
 * Runs one thread's share of a scan through the native prober: probe indices come from the
 * shared work source, are turned into address bytes and ports here, and come back with their
 * status (0, NO_RESPONSE or a negative errno) and rtt in batches. Blocks until the source is
 * empty or the control word says stop.
 */
export function runNativeProbeLoop(
  prober: NativeProber,
  source: WorkSource,
  locator: ProbeLocator,
  sink: BatchSink,
  options: NativeLoopOptions,
): 'done' | 'stopped' {
  const inFamily = new Uint8Array(FILL);
  const inAddr = new Uint8Array(FILL * 16);
  const inPort = new Uint16Array(FILL);
  const inId = new Float64Array(FILL);
  const outId = new Float64Array(OUT);
  const outStatus = new Int32Array(OUT);
  const outRtt = new Int32Array(OUT);
  // Address bytes per host; a scan touches about one group of hosts at a time.
  const addresses = new Map<number, AddressBytes>();
  const cacheLimit = 4 * locator.layout.groupSize;

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

  const fill = (): number => {
    let n = 0;
    while (n < FILL) {
      const index = source.next();
      if (index < 0) break;
      const a = addressOf(locator.hostIndexOf(index));
      inFamily[n] = a.family;
      inAddr.set(a.bytes, n * 16);
      inPort[n] = locator.portOf(index);
      inId[n] = index;
      n += 1;
    }
    return n;
  };
  // The C loop also calls emit(0) on idle ticks: a call that fails there (the worker is being
  // terminated) is how it learns to close its sockets and return.
  const emit = (count: number): void => {
    if (count > 0) sink(count, outId, outStatus, outRtt);
  };

  const ended = prober.probe(
    options.window,
    options.timeoutMs,
    options.retries,
    inFamily,
    inAddr,
    inPort,
    inId,
    outId,
    outStatus,
    outRtt,
    options.control === null ? null : new Int32Array(options.control),
    fill,
    emit,
  );
  return ended === 1 ? 'stopped' : 'done';
}
