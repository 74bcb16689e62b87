import type { PortResult, ScanId } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import type { ScanRequestInput } from '../../shared/scan-request';
import { ScanSession } from '../session/scan-session';
import type { HistoryDb } from '../store/database';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { ProgressBar } from './progress-bar';
import type { ScanFlags } from './scan-command';
import { historyFile } from './open-history';
import { checkCsvBom, checkOutputs } from './output-file';
import { formatSummary, openPortsToReport } from './summary';

async function requestFromFlags(targets: string[], flags: ScanFlags): Promise<ScanRequestInput> {
  const lists = [
    ...(flags.inputList ?? []).map((file) => ['-iL', file] as const),
    ...(flags.excludefile ?? []).map((file) => ['--excludefile', file] as const),
  ];
  if (lists.filter(([, file]) => file === '-').length > 1) {
    throw new InputError('-iL', 'stdin can be read once: give - to one list only');
  }
  const texts = [...targets];
  const excludes = flags.exclude === undefined ? [] : [flags.exclude];
  for (const [flag, file] of lists) {
    (flag === '-iL' ? texts : excludes).push(await readList(flag, file));
  }
  if (texts.join('').trim() === '') throw new InputError('target', 'give at least one target');
  return {
    targets: texts.join('\n'),
    exclude: excludes.length > 0 ? excludes.join('\n') : undefined,
    ports: flags.ports,
    topPorts: flags.topPorts,
    timing: flags.timing,
    concurrency: flags.concurrency,
    timeoutMs: flags.timeout,
    retries: flags.retries,
    rate: flags.rate,
    banners: flags.banners ?? false,
    order: flags.randomOrder ? 'random' : 'sequential',
    allAddresses: !flags.onePerFamily,
    name: flags.name,
  };
}

/** A list of targets from a file, or from stdin for `-`, as in nmap. */
async function readList(flag: string, file: string): Promise<string> {
  try {
    if (file === '-') return await readStdin();
    // Loaded on use (~1.5 ms): few scans read a list from a file.
    const { readFile } = await import('node:fs/promises');
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(flag, `cannot read ${file}: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function openHistory(flags: ScanFlags): Promise<HistoryDb | null> {
  // --no-db with an export: a private in-memory database gives the exporters one path to read.
  const file =
    flags.db !== false ? historyFile(flags.db).file : flags.csv || flags.json ? ':memory:' : null;
  if (file === null) return null;
  // Loaded only when used: --no-db scans never load SQLite.
  const { openDatabase } = await import('../store/database');
  return openDatabase(file);
}

export async function runScan(targets: string[], flags: ScanFlags, io: CliIo): Promise<ExitCode> {
  const input = await requestFromFlags(targets, flags);
  checkOutputs({ '--csv': flags.csv, '--json': flags.json });
  checkCsvBom(flags.csvBom, flags.csv);
  const db = await openHistory(flags);
  // Signals are ours from here on: the first cancels (what was probed is committed), a second
  // one while that runs closes the database (it commits synchronously) and leaves at once.
  let session: ScanSession | null = null;
  let signalled = false;
  const onSignal = () => {
    if (signalled) {
      db?.close();
      process.exit(EXIT.interrupted);
    }
    signalled = true;
    void session?.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const bar = !flags.quiet && io.stderr.isTTY ? new ProgressBar(io.stderr) : null;
    const open: PortResult[] = [];
    // Lets a profiler tell start-up apart from the scan (the event-loop benchmark uses it).
    performance.mark('porthole:scan-start');
    session = await ScanSession.start(input, {
      db,
      onProgress(frame) {
        open.push(...frame.newOpen);
        bar?.draw(frame);
      },
    });
    // Interrupted while resolving targets: nothing was probed, and nothing more will be.
    if (signalled) void session.cancel();
    const outcome = await session.outcome.finally(() => bar?.clear());
    // An export to stdout (`--csv -`) keeps stdout for itself: the summary goes to stderr.
    const exportsToStdout = flags.csv === '-' || flags.json === '-';
    // --no-db exports read a private in-memory history: its scan number means nothing afterwards.
    const shown = flags.db === false ? { ...outcome, scanId: null } : outcome;
    const report = flags.db === false ? open : openPortsToReport(open, outcome, db);
    (exportsToStdout ? io.stderr : io.stdout).write(formatSummary(report, shown));
    if (db && outcome.scanId !== null) await writeExports(db, outcome.scanId, flags, io);
    if (outcome.status === 'failed') io.stderr.write(`porthole: scan failed: ${outcome.error}\n`);
    if (outcome.status === 'completed') return EXIT.ok;
    return outcome.status === 'cancelled' ? EXIT.interrupted : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (db?.isOpen) db.close();
  }
}

async function writeExports(history: HistoryDb, id: ScanId, flags: ScanFlags, io: CliIo) {
  if (!flags.csv && !flags.json) return;
  // Loaded on use: most scans export nothing.
  const { exportToFile } = await import('./export-file');
  const filter = flags.open ? { state: 'open' as const } : {};
  if (flags.csv) {
    await exportToFile(history, id, 'csv', flags.csv, filter, io, { bom: flags.csvBom });
  }
  if (flags.json) await exportToFile(history, id, 'json', flags.json, filter, io);
}
