import { parseIPv4, parseIPv6 } from '../../../shared/targets';
import type { NativeProber, NativeScanHandle } from '../native-prober';

export interface Probe {
  readonly host: string;
  readonly port: number;
}

export interface ProbeResult {
  readonly status: number;
  readonly rttUs: number;
}

export interface RunOptions {
  readonly threads?: number;
  readonly window?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Called with the handle before any probe is fed (to pause, say). */
  readonly beforeFeed?: (handle: NativeScanHandle) => void;
}

/** A scan driven straight through the addon's calls (tests only; the engine uses native-scan.ts). */
export interface NativeRun {
  readonly handle: NativeScanHandle;
  readonly results: Map<number, ProbeResult>;
  /** Results polled so far, duplicates included: more than results.size means a duplicate. */
  reported: number;
  /** While true, wake-ups take nothing: results wait in the addon. */
  holding: boolean;
  /** Takes what is waiting now (also after holding). */
  take(): void;
  /** Resolves once every thread has ended and every result was taken; the handle is closed. */
  readonly ended: Promise<void>;
}

function encode(probes: readonly Probe[]) {
  const family = new Uint8Array(probes.length);
  const addr = new Uint8Array(probes.length * 16);
  const port = new Uint16Array(probes.length);
  const id = new Float64Array(probes.length);
  probes.forEach((p, n) => {
    const v6 = p.host.includes(':');
    const value = v6 ? parseIPv6(p.host) : parseIPv4(p.host);
    if (value === null) throw new Error(`bad address ${p.host}`);
    const bytes = v6 ? 16 : 4;
    family[n] = v6 ? 6 : 4;
    for (let i = 0; i < bytes; i += 1) {
      addr[n * 16 + i] = Number((value >> BigInt(8 * (bytes - 1 - i))) & 0xffn);
    }
    port[n] = p.port;
    id[n] = n;
  });
  return { family, addr, port, id };
}

/** Runs probes through the addon's threads; feeds as room allows and polls on every wake-up. */
export function runProbes(
  prober: NativeProber,
  probes: readonly Probe[],
  o: RunOptions = {},
): NativeRun {
  const input = encode(probes);
  const outId = new Float64Array(256);
  const outStatus = new Int32Array(256);
  const outRtt = new Int32Array(256);
  const info = new Int32Array(2);
  let fed = 0;
  let closed = false;
  let resolveEnded = (): void => undefined;
  const ended = new Promise<void>((resolve) => {
    resolveEnded = resolve;
  });

  let endSent = false;
  const feedMore = (room: number): void => {
    if (endSent) return;
    const n = Math.min(room, probes.length - fed);
    if (n > 0) {
      fed += prober.feed(
        run.handle,
        input.family.subarray(fed),
        input.addr.subarray(fed * 16),
        input.port.subarray(fed),
        input.id.subarray(fed),
        n,
      );
    }
    if (fed === probes.length) {
      endSent = true;
      prober.end(run.handle);
    }
  };

  const take = (): void => {
    if (closed) return;
    let n: number;
    do {
      n = prober.poll(run.handle, outId, outStatus, outRtt, info);
      for (let i = 0; i < n; i += 1) {
        // Counted, not thrown: an exception here would be dropped by N-API, not fail the test.
        const index = outId[i] ?? -1;
        if (!run.results.has(index)) {
          run.results.set(index, { status: outStatus[i] ?? 0, rttUs: outRtt[i] ?? 0 });
        }
        run.reported += 1;
      }
    } while (n === outId.length);
    feedMore(info[0] ?? 0);
    if (info[1] === 1) {
      closed = true;
      prober.close(run.handle);
      resolveEnded();
    }
  };

  const run: NativeRun = {
    handle: prober.start(
      o.threads ?? 1,
      o.window ?? 100,
      o.timeoutMs ?? 1000,
      o.retries ?? 0,
      0,
      () => {
        if (!run.holding) take();
      },
    ),
    results: new Map(),
    reported: 0,
    holding: false,
    take,
    ended,
  };
  o.beforeFeed?.(run.handle);
  take();
  return run;
}
