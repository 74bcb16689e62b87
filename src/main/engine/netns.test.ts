import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNativeProber } from './native-prober';
import { type Row, runScanChild } from './test-support/child';

/*
 * Filtered ports made real: a network namespace of our own with nftables rules, scanned from inside
 * it (traffic never leaves the namespace's loopback), compared with the expected table and with
 * nmap -sT on the same fixture. Needs root, `ip` and `nft`; skips visibly otherwise.
 */
const has = (cmd: string): boolean => {
  try {
    execFileSync('bash', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const isRoot = process.getuid?.() === 0;
const canNamespace = isRoot && has('ip') && has('nft');
const hasNmap = has('nmap');
if (!canNamespace) {
  console.warn('netns tests skipped: they need root, iproute2 (ip) and nftables (nft)');
}

const NS = `porthole-test-${randomBytes(4).toString('hex')}`;
const PORT = {
  open: 7001,
  unused: 7002,
  drop: 7003,
  reset: 7004,
  adminProhibited: 7005,
  hostUnreachable: 7006,
  noRoute: 7007,
  portUnreachable: 7008,
};
const PORTS = Object.values(PORT).join(',');

// What nmap -sT reports when it waits long enough for ICMP errors (Linux reports IPv4
// admin-prohibited as EHOSTUNREACH, and IPv6's as EACCES).
const expected = (family: 4 | 6): Record<number, [string, string]> => ({
  [PORT.open]: ['open', 'syn-ack'],
  [PORT.unused]: ['closed', 'conn-refused'],
  [PORT.drop]: ['filtered', 'no-response'],
  [PORT.reset]: ['closed', 'conn-refused'],
  [PORT.adminProhibited]: ['filtered', family === 4 ? 'host-unreach' : 'admin-prohibited'],
  [PORT.hostUnreachable]: ['filtered', 'host-unreach'],
  [PORT.noRoute]: ['filtered', 'net-unreach'],
  [PORT.portUnreachable]: ['closed', 'conn-refused'],
});

const RULES = `
table inet porthole_test {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport ${PORT.drop} drop
    tcp dport ${PORT.reset} reject with tcp reset
    tcp dport ${PORT.adminProhibited} reject with icmpx type admin-prohibited
    tcp dport ${PORT.hostUnreachable} reject with icmpx type host-unreachable
    tcp dport ${PORT.noRoute} reject with icmpx type no-route
    tcp dport ${PORT.portUnreachable} reject with icmpx type port-unreachable
  }
}`;

const inNs = (args: string[], input?: string): string =>
  execFileSync('ip', ['netns', 'exec', NS, ...args], {
    encoding: 'utf8',
    ...(input ? { input } : {}),
  });

/** nmap -sT's verdicts from its XML output, as rows like the scanner's. */
function nmapRows(family: 4 | 6): Row[] {
  const host = family === 4 ? '127.0.0.1' : '::1';
  // nmap adapts its timeout to the tiny loopback rtt and would give up before the kernel reports
  // an IPv6 ICMP error (~1 s, after the SYN retransmit); give it the same patience as the scanner.
  const xml = inNs([
    'nmap',
    '-sT',
    '-n',
    '-Pn',
    ...(family === 6 ? ['-6'] : []),
    '-p',
    PORTS,
    '--reason',
    '--max-retries',
    '0',
    '--initial-rtt-timeout',
    '2000ms',
    '--min-rtt-timeout',
    '2000ms',
    '-oX',
    '-',
    host,
  ]);
  const rows: Row[] = [];
  for (const m of xml.matchAll(
    /<port protocol="tcp" portid="(\d+)"><state state="(\w+)" reason="([\w-]+)"/g,
  )) {
    rows.push([host, Number(m[1]), m[2] ?? '', m[3] ?? '']);
  }
  return rows;
}

describe.skipIf(!canNamespace)(
  'accuracy on a namespace fixture with nftables drop and reject rules',
  () => {
    let listener: ChildProcess | null = null;
    // The same fixture scanned with the default prober (the native one where it is built) and
    // with the JavaScript one, so both probers' ICMP and timeout verdicts are checked.
    const rowsBy: Record<'default prober' | 'JavaScript prober', Row[]> = {
      'default prober': [],
      'JavaScript prober': [],
    };
    const probersRan: string[] = [];

    beforeAll(async () => {
      execFileSync('ip', ['netns', 'add', NS]);
      inNs(['ip', 'link', 'set', 'lo', 'up']);
      inNs(['nft', '-f', '-'], RULES);
      // A dual-stack listener inside the namespace (`::` also takes IPv4 on Linux).
      listener = spawn('ip', [
        'netns',
        'exec',
        NS,
        process.execPath,
        '-e',
        `require('net').createServer((s) => s.on('error', () => {})).listen(${PORT.open}, '::', () => console.log('ready'))`,
      ]);
      await new Promise<void>((resolve, reject) => {
        listener?.stdout?.once('data', () => resolve());
        listener?.once('exit', (code) => reject(new Error(`listener exited ${code}`)));
      });
      const fixture = { targets: '127.0.0.1 ::1', ports: PORTS, timeoutMs: 2500, retries: 0 };
      const [byDefault, byJs] = await Promise.all([
        runScanChild(fixture, `ip netns exec ${NS} {node}`),
        runScanChild(fixture, `ip netns exec ${NS} {node}`, 'js'),
      ]);
      rowsBy['default prober'] = byDefault.rows;
      rowsBy['JavaScript prober'] = byJs.rows;
      probersRan.push(byDefault.prober, byJs.prober);
    }, 60_000);

    afterAll(() => {
      listener?.kill('SIGKILL');
      try {
        execFileSync('ip', ['netns', 'del', NS]);
      } catch {
        // Already gone: nothing to clean.
      }
    });

    it('ran the native prober where it is built, and the JavaScript one when asked', () => {
      expect(probersRan).toEqual([loadNativeProber() !== null ? 'native' : 'js', 'js']);
    });

    const cases = (['default prober', 'JavaScript prober'] as const).flatMap((by) =>
      ([4, 6] as const).map((family) => [by, family] as const),
    );

    it.each(cases)('%s, IPv%s: every port has the expected state and reason', (by, family) => {
      const rows = rowsBy[by];
      const host = family === 4 ? '127.0.0.1' : '::1';
      const mine = rows.filter((r) => r[0] === host);
      const table = expected(family);
      expect(mine).toHaveLength(Object.keys(table).length);
      const mismatches = mine.filter((r) => {
        const want = table[r[1]];
        return want === undefined || want[0] !== r[2] || want[1] !== r[3];
      });
      expect(mismatches).toEqual([]);
    });

    it.skipIf(!hasNmap).each(cases)(
      '%s, IPv%s: zero mismatches against nmap -sT',
      (by, family) => {
        const rows = rowsBy[by];
        const reference = nmapRows(family);
        expect(reference).toHaveLength(Object.keys(PORT).length);
        const mine = new Map(rows.filter((r) => r[0] === reference[0]?.[0]).map((r) => [r[1], r]));
        const mismatches = reference.filter((n) => {
          const m = mine.get(n[1]);
          return m === undefined || m[2] !== n[2] || m[3] !== n[3];
        });
        expect(mismatches).toEqual([]);
      },
      30_000,
    );
  },
);
