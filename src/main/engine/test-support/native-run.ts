import { parseIPv4, parseIPv6 } from '../../../shared/targets';
import type { NativeProber } from '../native-prober';

export interface Probe {
  readonly host: string;
  readonly port: number;
}

export interface ProbeResult {
  readonly status: number;
  readonly rttUs: number;
}

export interface RunOptions {
  readonly window?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Sizes of the input and output arrays (small ones exercise refills and full flushes). */
  readonly fillSize?: number;
  readonly outSize?: number;
  readonly control?: Int32Array | null;
  /** Called on every fill() and emit(); may write the control word or throw. */
  readonly onFill?: (calls: number) => void;
  readonly onEmit?: (count: number) => void;
}

/** Runs probes through the addon on this thread (tests only: the call blocks until done). */
export function runProbes(
  prober: NativeProber,
  probes: readonly Probe[],
  o: RunOptions = {},
): { ended: number; results: Map<number, ProbeResult>; reported: number } {
  const fillSize = o.fillSize ?? 64;
  const outSize = o.outSize ?? 128;
  const family = new Uint8Array(fillSize);
  const addr = new Uint8Array(fillSize * 16);
  const port = new Uint16Array(fillSize);
  const id = new Float64Array(fillSize);
  const outId = new Float64Array(outSize);
  const outStatus = new Int32Array(outSize);
  const outRtt = new Int32Array(outSize);
  const results = new Map<number, ProbeResult>();
  let next = 0;
  let fills = 0;
  let reported = 0;
  const ended = prober.probe(
    o.window ?? 100,
    o.timeoutMs ?? 1000,
    o.retries ?? 0,
    family,
    addr,
    port,
    id,
    outId,
    outStatus,
    outRtt,
    o.control ?? null,
    () => {
      fills += 1;
      o.onFill?.(fills);
      let n = 0;
      for (; n < fillSize && next < probes.length; n += 1, next += 1) {
        const p = probes[next];
        if (p === undefined) break;
        const v6 = p.host.includes(':');
        const value = v6 ? parseIPv6(p.host) : parseIPv4(p.host);
        if (value === null) throw new Error(`bad address ${p.host}`);
        const bytes = v6 ? 16 : 4;
        family[n] = v6 ? 6 : 4;
        for (let i = 0; i < bytes; i += 1) {
          addr[n * 16 + i] = Number((value >> BigInt(8 * (bytes - 1 - i))) & 0xffn);
        }
        port[n] = p.port;
        id[n] = next;
      }
      return n;
    },
    (count) => {
      o.onEmit?.(count);
      for (let i = 0; i < count; i += 1) {
        const index = outId[i] ?? -1;
        if (results.has(index)) throw new Error(`probe ${index} reported twice`);
        results.set(index, { status: outStatus[i] ?? 0, rttUs: outRtt[i] ?? 0 });
        reported += 1;
      }
    },
  );
  return { ended, results, reported };
}
