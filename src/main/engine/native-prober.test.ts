import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Socket, connect } from 'node:net';
import { constants } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RESPONSE, classify } from './errno';
import { loadNativeProber, nativeProberCandidates } from './native-prober';
import { CONTROL_PAUSE, CONTROL_RUN, CONTROL_STOP } from './probe-control';
import { startNativeScan } from './native-scan';
import { planScan } from './plan';
import { ProbeLocator } from './probe-layout';
import { ChunkedWorkSource, newCursorBuffer } from './work-source';
import { shellQuote } from './test-support/child';
import {
  close,
  listen,
  request,
  socketFds,
  socketFdsSettled,
  timeWaitOn,
  useLoopbackFixture,
} from './test-support/fixtures';
import { type ProbeResult, runProbes } from './test-support/native-run';

// The addon on its own, on real sockets: loopback only (127.0.0.0/8 and ::1). Its threads probe;
// this thread feeds probes and takes results, as native-scan.ts does for the engine.
const ECONNREFUSED = -constants.errno.ECONNREFUSED;
const EMFILE = -constants.errno.EMFILE;
const prober = loadNativeProber();
const hasNm = spawnSync('nm', ['--version'], { stdio: 'ignore' }).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sweep = (host: string, count: number, first = 1) =>
  Array.from({ length: count }, (_, i) => ({ host, port: first + i }));

describe.skipIf(process.platform !== 'linux')('native prober build', () => {
  it('is built on Linux and loads (npm ci builds it; PORTHOLE_PROBER=js skips it)', () => {
    if (process.env.PORTHOLE_PROBER === 'js') expect(prober).toBeNull();
    else expect(prober).not.toBeNull();
  });

  // The same file must load in Electron's main process (whose Node and V8 differ from this one):
  // so it may use N-API and the C library only, never V8's, Node's or libuv's own symbols.
  it.skipIf(!hasNm)('links against N-API and the C library only', () => {
    const file = nativeProberCandidates().find((f) => existsSync(f));
    expect(file).toBeDefined();
    const undefinedSymbols = execFileSync('nm', ['-D', '--undefined-only', file ?? ''], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.trim().split(/\s+/).pop() ?? '')
      .filter((name) => name !== '');
    expect(undefinedSymbols.some((name) => name.startsWith('napi_'))).toBe(true);
    const foreign = undefinedSymbols.filter(
      (name) =>
        !name.startsWith('napi_') &&
        !name.includes('@GLIBC') &&
        // Weak hooks every toolchain-built shared object mentions.
        !['_ITM_deregisterTMCloneTable', '_ITM_registerTMCloneTable', '__gmon_start__'].includes(
          name,
        ),
    );
    expect(foreign).toEqual([]);
  });
});

describe.skipIf(prober === null)('native prober on real sockets', () => {
  const p = prober as NonNullable<typeof prober>;
  const lo = useLoopbackFixture();

  it('finds open and closed ports on 127.0.0.1 and ::1, with rtt, leaking no descriptor', async () => {
    const before = socketFds();
    const run = runProbes(p, [
      { host: '127.0.0.1', port: lo.v4.port },
      { host: '127.0.0.1', port: lo.v4Closed },
      { host: '::1', port: lo.v6.port },
      { host: '::1', port: lo.v6Closed },
    ]);
    await run.ended;
    expect(run.reported).toBe(4);
    expect([0, 1, 2, 3].map((i) => run.results.get(i)?.status)).toEqual([
      0,
      ECONNREFUSED,
      0,
      ECONNREFUSED,
    ]);
    expect(classify(run.results.get(1)?.status ?? 0)).toEqual({
      state: 'closed',
      reason: 'conn-refused',
    });
    for (const r of run.results.values()) expect(r.rttUs).toBeGreaterThan(0);
    expect(await socketFdsSettled(before)).toBeLessThanOrEqual(before);
  });

  it.each([1, 2, 4])(
    'reports every probe of a sweep exactly once (%i threads, a small window)',
    async (threads) => {
      const run = runProbes(p, sweep('127.88.0.3', 20000), { threads, window: 37 });
      await run.ended;
      expect(run.reported).toBe(20000);
      expect(run.results.size).toBe(20000);
      const states = new Set([...run.results.values()].map((r) => classify(r.status).state));
      expect([...states].every((s) => s === 'closed' || s === 'open')).toBe(true);
    },
  );

  it('gets every port right when a refused socket carries the next probe (open after closed)', async () => {
    // One thread, one socket in flight: each refused socket is the one the next probe reuses.
    const servers = await Promise.all(
      ['127.0.0.1', '::1'].flatMap((host) => Array.from({ length: 10 }, () => listen(host))),
    );
    try {
      const probes = servers.flatMap((server) => {
        const host = (server.address() as { address: string }).address;
        const closedPort = host === '::1' ? lo.v6Closed : lo.v4Closed;
        return [
          { host, port: closedPort },
          { host, port: server.port },
          { host, port: closedPort },
        ];
      });
      const run = runProbes(p, probes, { threads: 1, window: 1 });
      await run.ended;
      expect(run.reported).toBe(probes.length);
      const statuses = probes.map((_, i) => run.results.get(i)?.status);
      expect(statuses).toEqual(probes.map((_, i) => (i % 3 === 1 ? 0 : ECONNREFUSED)));
    } finally {
      await Promise.all(servers.map(close));
    }
  });

  it('keeps v4-mapped IPv6 targets apart from ::1 (their sockets are never carried over)', async () => {
    // A socket connected to ::ffff:127.0.0.1 stays on the kernel's IPv4 path: were it kept for
    // the next IPv6 probe, that probe would go out as IPv4 to the old address and time out.
    const run = runProbes(
      p,
      [
        { host: '::1', port: lo.v6.port },
        { host: '::ffff:127.0.0.1', port: lo.v4Closed },
        { host: '::1', port: lo.v6.port },
        { host: '::ffff:127.0.0.1', port: lo.v4Closed },
        { host: '::1', port: lo.v6Closed },
        { host: '::ffff:127.0.0.1', port: lo.v4.port },
      ],
      { threads: 1, window: 1, timeoutMs: 2000 },
    );
    await run.ended;
    expect([0, 1, 2, 3, 4, 5].map((i) => run.results.get(i)?.status)).toEqual([
      0,
      ECONNREFUSED,
      0,
      ECONNREFUSED,
      ECONNREFUSED,
      0,
    ]);
  });

  it('closes open ports with a reset: no TIME_WAIT left behind', async () => {
    const servers = await Promise.all(Array.from({ length: 20 }, () => listen('127.0.0.1')));
    try {
      const ports = servers.map((s) => s.port);
      for (let round = 0; round < 3; round += 1) {
        const run = runProbes(
          p,
          ports.map((port) => ({ host: '127.0.0.1', port })),
          { threads: 2 },
        );
        await run.ended;
        expect([...run.results.values()].every((r) => r.status === 0)).toBe(true);
      }
      expect(timeWaitOn(ports)).toBe('');
    } finally {
      await Promise.all(servers.map(close));
    }
  });

  it('stops taking probes while results wait for a consumer that does not take them', async () => {
    // 70,000 probes; at most window + 65,536 results may wait untaken.
    const probes = [...sweep('127.88.0.5', 35000), ...sweep('127.88.0.6', 35000)];
    const run = runProbes(p, probes, { threads: 2, window: 100 });
    run.holding = true;
    await sleep(2500);
    run.take();
    expect(run.reported).toBeLessThanOrEqual(100 + 65536);
    expect(run.reported).toBeGreaterThan(1000);
    run.holding = false;
    run.take();
    await run.ended;
    expect(run.results.size).toBe(70000);
  });

  it('throws on arguments of the wrong shape instead of reading past a buffer', async () => {
    const wake = (): void => undefined;
    expect(() => p.start(0, 10, 100, 0, 0, wake)).toThrow(RangeError);
    expect(() => p.start(1, 0, 100, 0, 0, wake)).toThrow(RangeError);
    expect(() => p.start(1, 10, 100, 0, 20, wake)).toThrow(RangeError);
    const run = runProbes(p, []);
    const u8 = new Uint8Array(4);
    // 4 probes need 64 address bytes; 4 are given.
    expect(() => p.feed(run.handle, u8, u8, new Uint16Array(4), new Float64Array(4), 4)).toThrow(
      TypeError,
    );
    expect(() =>
      p.feed(run.handle, u8, new Uint8Array(64), new Uint16Array(4), new Float64Array(4), 5),
    ).toThrow(TypeError);
    expect(() =>
      p.poll(
        run.handle,
        new Float64Array(4),
        new Int32Array(2),
        new Int32Array(4),
        new Int32Array(2),
      ),
    ).toThrow(TypeError);
    expect(() => p.control(run.handle, 7)).toThrow(RangeError);
    expect(() => p.end({} as typeof run.handle)).toThrow(TypeError);
    await run.ended;
  });

  it('stops when what takes the results throws, reporting it once, every socket closed', async () => {
    const before = socketFds();
    const plan = await planScan(request({ targets: '127.88.0.3', ports: '1-30000' }));
    let accepted = 0;
    let done = 0;
    const failures: unknown[] = [];
    startNativeScan(
      p,
      new ChunkedWorkSource(newCursorBuffer(), plan.totalProbes, 64),
      new ProbeLocator(plan.layout),
      {
        accept: () => {
          accepted += 1;
          if (accepted === 1000) throw new Error('consumer broke');
        },
        done: () => (done += 1),
        fail: (error) => failures.push(error),
      },
      { threads: 2, window: 100, timeoutMs: 1000, retries: 0 },
    );
    while (failures.length === 0) await sleep(5);
    await sleep(200);
    expect(failures).toEqual([new Error('consumer broke')]);
    expect(done).toBe(0);
    expect(accepted).toBe(1000);
    // close() joined the threads, which closed their sockets.
    expect(await socketFdsSettled(before)).toBeLessThanOrEqual(before);
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

    it('retries it, then reports no response (no rtt) after timeout x (retries + 1)', async () => {
      const started = performance.now();
      const run = runProbes(
        p,
        [
          { host: '127.0.0.1', port: silentPort },
          { host: '127.0.0.1', port: lo.v4Closed },
        ],
        { timeoutMs: 150, retries: 2 },
      );
      await run.ended;
      const elapsed = performance.now() - started;
      expect(run.results.get(0)).toEqual({ status: NO_RESPONSE, rttUs: -1 });
      expect(run.results.get(1)?.status).toBe(ECONNREFUSED);
      expect(elapsed).toBeGreaterThanOrEqual(3 * 150 - 5);
      expect(elapsed).toBeLessThan(3 * 150 + 500);
    });

    it('stops within a tick when told to, closing what is in flight', async () => {
      const before = socketFds();
      const probes = Array.from({ length: 50 }, () => ({ host: '127.0.0.1', port: silentPort }));
      const run = runProbes(p, probes, { threads: 2, timeoutMs: 5000 });
      await sleep(100);
      const started = performance.now();
      p.control(run.handle, CONTROL_STOP);
      // A stop is final: a later run or pause does not undo it.
      p.control(run.handle, CONTROL_RUN);
      await run.ended;
      expect(run.reported).toBe(0);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await socketFdsSettled(before)).toBeLessThanOrEqual(before);
    });

    it('starts nothing while paused, and goes on after resume', async () => {
      const run = runProbes(p, sweep('127.88.0.3', 40), {
        threads: 2,
        window: 5,
        beforeFeed: (handle) => p.control(handle, CONTROL_PAUSE),
      });
      await sleep(300);
      run.take();
      expect(run.reported).toBe(0);
      p.control(run.handle, CONTROL_RUN);
      await run.ended;
      expect(run.results.size).toBe(40);
    });
  });

  it('records EMFILE that persists after backing off as EMFILE (error), never closed', async () => {
    const open = await listen('127.0.0.1');
    try {
      const probes = [
        { host: '127.0.0.1', port: open.port },
        { host: '127.0.0.1', port: lo.v4Closed },
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
