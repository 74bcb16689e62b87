// The browser host for the window-export benchmark (export-window.mjs), measuring itself: the
// same wiring as `porthole serve` (openPorthole with a DownloadDesk, startBrowserHost), on the
// given history file, with a stand-in renderer page. Prints `url <address>` once listening, then
// takes commands on stdin, one per line, answering each with one JSON line:
//   begin  collect garbage, note memory, start the event-loop delay histogram and the peak
//   end    stop both; report before/peak/after (after another collection), delay percentiles,
//          and what each download streamed (rows, the host's own time)
//   memory collect garbage and report memory now (the benchmark's baseline, before any export)
//   floor <format> <scanId>   the same export in this process into a sink that drops the bytes:
//          the most the download could reach on this machine at this moment
// Run with --expose-gc: node --expose-gc --import tsx scripts/bench/export-window-host.mts <db>
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { ScanId } from '../../src/shared/domain';
import type { ExportFormat } from '../../src/shared/history';
import type { ExportJob, ExportTarget } from '../../src/main/export/export-target';
import { openPorthole } from '../../src/main/porthole';
import { startBrowserHost } from '../../src/main/serve/browser-host';
import { DownloadDesk } from '../../src/main/serve/download-desk';
import { exportScan } from '../../src/main/store/export';

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

const memory = (): Memory => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
};

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
};

async function main(): Promise<void> {
  const databaseFile = process.argv[2];
  if (!databaseFile) throw new Error('usage: export-window-host.mts <file.db>');
  const rendererDir = mkdtempSync(join(tmpdir(), 'porthole-bench-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Porthole</title>');

  const desk = new DownloadDesk();
  const streamed: { rows: number; ms: number }[] = [];
  // The desk as `porthole serve` uses it; each export's rows and time noted as the host saw them.
  const measured: ExportTarget = {
    deliver: (job: ExportJob) =>
      desk.deliver({
        ...job,
        async write(out) {
          const t = performance.now();
          const result = await job.write(out);
          streamed.push({ rows: result.rows, ms: performance.now() - t });
          return result;
        },
      }),
  };
  const porthole = openPorthole({ transport: 'websocket', databaseFile, exportTarget: measured });
  const host = await startBrowserHost({
    rendererDir,
    dispatch: porthole.dispatch,
    events: porthole.events,
    downloads: desk,
  });

  const loop = monitorEventLoopDelay({ resolution: 1 });
  let before: Memory | null = null;
  let peak: Memory = memory();
  const sampler = setInterval(() => {
    const m = memory();
    peak = {
      rss: Math.max(peak.rss, m.rss),
      heapUsed: Math.max(peak.heapUsed, m.heapUsed),
      external: Math.max(peak.external, m.external),
    };
  }, 10);

  const answer = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    if (line === 'begin') {
      collect();
      before = memory();
      peak = before;
      streamed.length = 0;
      loop.reset();
      loop.enable();
      answer({ ok: true });
    } else if (line === 'memory') {
      collect();
      answer(memory());
    } else if (line.startsWith('floor ')) {
      const [, format, scanId] = line.split(' ');
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const t = performance.now();
      void exportScan(porthole.db, Number(scanId) as ScanId, format as ExportFormat, sink).then(
        ({ rows }) => answer({ rows, ms: performance.now() - t }),
      );
    } else if (line === 'end') {
      loop.disable();
      const during = peak;
      collect();
      const ms = (ns: number) => ns / 1e6;
      answer({
        before,
        peak: during,
        after: memory(),
        maxRssKernel: process.resourceUsage().maxRSS * 1024,
        loop: {
          p50: ms(loop.percentile(50)),
          p99: ms(loop.percentile(99)),
          max: ms(loop.max),
        },
        streamed: [...streamed],
      });
    }
  });
  commands.on('close', () => {
    clearInterval(sampler);
    void host
      .close()
      .then(() => porthole.close())
      .finally(() => rmSync(rendererDir, { recursive: true, force: true }));
  });
  process.stdout.write(`url ${host.url}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
