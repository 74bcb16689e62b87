import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The native prober addon (native/prober/prober.c): a C epoll loop behind N-API. probe() blocks
 * its thread until fill() returns 0 or the control word says stop, so it runs only in probe
 * worker threads. Returns 1 when stopped, 0 when done.
 */
export interface NativeProber {
  probe(
    window: number,
    timeoutMs: number,
    retries: number,
    inFamily: Uint8Array,
    inAddr: Uint8Array,
    inPort: Uint16Array,
    inId: Float64Array,
    outId: Float64Array,
    outStatus: Int32Array,
    outRttUs: Int32Array,
    control: Int32Array | null,
    fill: () => number,
    emit: (count: number) => void,
  ): number;
}

const RELATIVE = path.join('native', 'prober', 'build', 'Release', 'porthole_prober.node');

function hereDir(): string {
  // Bundled output is CommonJS; under vitest/tsx the source may be an ES module. __filename, not
  // __dirname: tsx's ESM loader sets __dirname to 'data:text' but __filename right.
  if (typeof __filename === 'string' && path.isAbsolute(__filename))
    return path.dirname(__filename);
  return path.dirname(fileURLToPath(import.meta.url));
}

/**
 * Where the built addon may be: the repository root is 2 (out/main), 3 (out/main/chunks,
 * src/main/engine) or 4 levels up; in a packaged app, .node files live outside the asar archive.
 */
export function nativeProberCandidates(dir = hereDir()): string[] {
  const found: string[] = [];
  for (let up = 2; up <= 4; up += 1) {
    const file = path.resolve(dir, ...Array<string>(up).fill('..'), RELATIVE);
    found.push(
      file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`),
    );
  }
  return found;
}

let cached: NativeProber | null | undefined;

/**
 * The addon, or null (the JavaScript prober serves) when it is not built here (not Linux, no
 * compiler at install time), fails to load, or `PORTHOLE_PROBER=js` asks for the JS path.
 */
export function loadNativeProber(): NativeProber | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.platform !== 'linux' || process.env.PORTHOLE_PROBER === 'js') return cached;
  const file = nativeProberCandidates().find((f) => existsSync(f));
  if (file === undefined) return cached;
  try {
    // process.dlopen rather than require: the bundler leaves it alone, and it works from ESM too.
    const mod: { exports: Partial<NativeProber> } = { exports: {} };
    process.dlopen(mod, file);
    if (typeof mod.exports.probe === 'function') cached = mod.exports as NativeProber;
  } catch {
    // A stale or foreign build (wrong architecture): the JavaScript prober serves.
  }
  return cached;
}
