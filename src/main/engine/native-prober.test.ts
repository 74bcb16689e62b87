import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { type Server, type Socket, connect } from 'node:net';
import { constants } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RESPONSE, classify } from './errno';
import { loadNativeProber } from './native-prober';
import { CONTROL_PAUSE, CONTROL_RUN, CONTROL_STOP } from './probe-control';
import { shellQuote } from './test-support/child';
import { close, listen, unusedPort } from './test-support/fixtures';
import { type ProbeResult, runProbes } from './test-support/native-run';

// The addon on its own, on real sockets: loopback only (127.0.0.0/8 and ::1). Its calls block
// the thread, which is fine in a test; the engine calls it from probe workers only.
const ECONNREFUSED = -constants.errno.ECONNREFUSED;
const EMFILE = -constants.errno.EMFILE;
const prober = loadNativeProber();
const openFds = (): number => readdirSync('/proc/self/fd').length;

describe.skipIf(process.platform !== 'linux')('native prober build', () => {
  it('is built on Linux and loads (npm ci builds it; PORTHOLE_PROBER=js skips it)', () => {
    if (process.env.PORTHOLE_PROBER === 'js') expect(prober).toBeNull();
    else expect(prober).not.toBeNull();
  });
});

describe.skipIf(prober === null)('native prober on real sockets', () => {
  const p = prober as NonNullable<typeof prober>;
  let v4: Server & { port: number };
  let v6: Server & { port: number };
  let v4Closed: number;
  let v6Closed: number;

  beforeAll(async () => {
    v4 = await listen('127.0.0.1');
    v6 = await listen('::1');
    v4Closed = await unusedPort('127.0.0.1');
    v6Closed = await unusedPort('::1');
  });
  afterAll(async () => {
    await close(v4);
    await close(v6);
  });

  it('finds open and closed ports on 127.0.0.1 and ::1, with rtt, leaking no descriptor', () => {
    const before = openFds();
    const { ended, results } = runProbes(p, [
      { host: '127.0.0.1', port: v4.port },
      { host: '127.0.0.1', port: v4Closed },
      { host: '::1', port: v6.port },
      { host: '::1', port: v6Closed },
    ]);
    expect(ended).toBe(0);
    expect([0, 1, 2, 3].map((i) => results.get(i)?.status)).toEqual([
      0,
      ECONNREFUSED,
      0,
      ECONNREFUSED,
    ]);
    expect(classify(results.get(1)?.status ?? 0)).toEqual({
      state: 'closed',
      reason: 'conn-refused',
    });
    for (const r of results.values()) expect(r.rttUs).toBeGreaterThan(0);
    expect(openFds()).toBe(before);
  });

  it('reports every probe of a sweep exactly once, through small buffers and a small window', () => {
    const probes = Array.from({ length: 3000 }, (_, i) => ({ host: '127.88.0.3', port: i + 1 }));
    const { results, reported } = runProbes(p, probes, { window: 37, fillSize: 13, outSize: 7 });
    expect(reported).toBe(3000);
    expect(results.size).toBe(3000);
    const states = new Set([...results.values()].map((r) => classify(r.status).state));
    expect([...states].every((s) => s === 'closed' || s === 'open')).toBe(true);
  });

  it('closes open ports with a reset: no TIME_WAIT left behind', async () => {
    const servers = await Promise.all(Array.from({ length: 20 }, () => listen('127.0.0.1')));
    try {
      const ports = servers.map((s) => s.port);
      for (let round = 0; round < 3; round += 1) {
        const { results } = runProbes(
          p,
          ports.map((port) => ({ host: '127.0.0.1', port })),
        );
        expect([...results.values()].every((r) => r.status === 0)).toBe(true);
      }
      const filter = ports.map((port) => `sport = :${port} or dport = :${port}`).join(' or ');
      const out = execFileSync('ss', ['-Htan', 'state', 'time-wait', `( ${filter} )`], {
        encoding: 'utf8',
      });
      expect(out.trim()).toBe('');
    } finally {
      await Promise.all(servers.map(close));
    }
  });

  it('runs at most two output batches ahead of a consumer that takes them late', () => {
    const control = new Int32Array(new SharedArrayBuffer(8));
    const probes = Array.from({ length: 1500 }, (_, i) => ({ host: '127.88.0.3', port: i + 1 }));
    let untaken = 0;
    let most = 0;
    const { results } = runProbes(p, probes, {
      outSize: 100,
      control,
      onEmit: (count) => {
        untaken += count;
        most = Math.max(most, untaken);
        // The consumer takes what it was given only on idle ticks (about every 50 ms).
        if (count === 0) {
          Atomics.add(control, 1, untaken);
          untaken = 0;
        }
      },
    });
    expect(results.size).toBe(1500);
    expect(most).toBeLessThanOrEqual(200);
  });

  it('throws on arguments of the wrong shape instead of reading past a buffer', () => {
    const fill = (): number => 0;
    const emit = (): void => undefined;
    const u8 = new Uint8Array(4);
    const out = [new Float64Array(4), new Int32Array(4), new Int32Array(4)] as const;
    // 4 probes need 64 address bytes; 4 are given.
    expect(() =>
      p.probe(
        10,
        100,
        0,
        u8,
        u8,
        new Uint16Array(4),
        new Float64Array(4),
        ...out,
        null,
        fill,
        emit,
      ),
    ).toThrow(TypeError);
    expect(() =>
      p.probe(
        0,
        100,
        0,
        u8,
        new Uint8Array(64),
        new Uint16Array(4),
        new Float64Array(4),
        ...out,
        null,
        fill,
        emit,
      ),
    ).toThrow(RangeError);
  });

  it('lets an exception in fill() through, with every socket closed', () => {
    const before = openFds();
    const probes = Array.from({ length: 500 }, (_, i) => ({ host: '127.88.0.3', port: i + 1 }));
    expect(() =>
      runProbes(p, probes, {
        fillSize: 100,
        onFill: (calls) => {
          if (calls === 3) throw new Error('source broke');
        },
      }),
    ).toThrow('source broke');
    expect(openFds()).toBe(before);
  });

  describe('with a port that never answers', () => {
    // A listener with a full accept queue (backlog 0, one connection waiting) drops further
    // SYNs: a real "no response" on loopback, without a namespace.
    let silent: ChildProcess;
    let silentPort = 0;
    let filler: Socket;

    beforeAll(async () => {
      silent = spawn('perl', [
        '-MSocket',
        '-e',
        '$|=1; socket(S,PF_INET,SOCK_STREAM,0) or die; bind(S,pack_sockaddr_in(0,inet_aton("127.0.0.1"))) or die; listen(S,0) or die; my ($p)=unpack_sockaddr_in(getsockname(S)); print "$p\\n"; <STDIN>;',
      ]);
      silentPort = await new Promise<number>((resolve, reject) => {
        silent.stdout?.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
        silent.once('exit', (code) => reject(new Error(`listener exited ${code}`)));
      });
      filler = connect(silentPort, '127.0.0.1');
      filler.on('error', () => undefined);
      await new Promise((resolve) => filler.once('connect', resolve));
    });
    afterAll(() => {
      filler.destroy();
      silent.kill('SIGKILL');
    });

    it('retries it, then reports no response (no rtt) after timeout x (retries + 1)', () => {
      const started = performance.now();
      const { results } = runProbes(
        p,
        [
          { host: '127.0.0.1', port: silentPort },
          { host: '127.0.0.1', port: v4Closed },
        ],
        { timeoutMs: 150, retries: 2 },
      );
      const elapsed = performance.now() - started;
      expect(results.get(0)).toEqual({ status: NO_RESPONSE, rttUs: -1 });
      expect(results.get(1)?.status).toBe(ECONNREFUSED);
      expect(elapsed).toBeGreaterThanOrEqual(3 * 150 - 5);
      expect(elapsed).toBeLessThan(3 * 150 + 500);
    });

    it('stops within a tick when the control word says stop, closing what is in flight', () => {
      const before = openFds();
      const control = new Int32Array(new SharedArrayBuffer(4));
      const probes = Array.from({ length: 50 }, () => ({ host: '127.0.0.1', port: silentPort }));
      const started = performance.now();
      const { ended, reported } = runProbes(p, probes, {
        timeoutMs: 5000,
        control,
        // The probes are in flight once fill() is asked again; then stop.
        onFill: (calls) => {
          if (calls === 2) Atomics.store(control, 0, CONTROL_STOP);
        },
      });
      expect(ended).toBe(1);
      expect(reported).toBe(0);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(openFds()).toBe(before);
    });

    it('starts nothing new while paused, and goes on after resume', () => {
      const control = new Int32Array(new SharedArrayBuffer(4));
      const probes = Array.from({ length: 40 }, (_, i) => ({ host: '127.88.0.3', port: i + 1 }));
      let fillsWhilePaused = 0;
      let paused = false;
      let idleTicks = 0;
      const { results } = runProbes(p, probes, {
        fillSize: 10,
        window: 5,
        control,
        onFill: (calls) => {
          if (paused) fillsWhilePaused += 1;
          if (calls === 2) {
            Atomics.store(control, 0, CONTROL_PAUSE);
            paused = true;
          }
        },
        // Idle ticks call emit(0) about every 50 ms: resume after a few.
        onEmit: (count) => {
          if (paused && count === 0 && (idleTicks += 1) === 4) {
            paused = false;
            Atomics.store(control, 0, CONTROL_RUN);
          }
        },
      });
      expect(idleTicks).toBeGreaterThanOrEqual(4);
      expect(fillsWhilePaused).toBe(0);
      expect(results.size).toBe(40);
    });
  });

  it('records EMFILE that persists after backing off as EMFILE (error), never closed', async () => {
    const open = await listen('127.0.0.1');
    try {
      const probes = [
        { host: '127.0.0.1', port: open.port },
        { host: '127.0.0.1', port: v4Closed },
      ];
      const command = `ulimit -n 64; exec ${JSON.stringify(process.execPath)} --import tsx src/main/engine/test-support/native-emfile-child.ts ${shellQuote(JSON.stringify(probes))}`;
      const out = execFileSync('bash', ['-c', command], { encoding: 'utf8' });
      const results = JSON.parse(out) as ProbeResult[];
      expect(results).toEqual([
        { status: EMFILE, rttUs: -1 },
        { status: EMFILE, rttUs: -1 },
      ]);
      expect(classify(EMFILE)).toEqual({ state: 'error', reason: 'EMFILE' });
    } finally {
      await close(open);
    }
  }, 30_000);
});
