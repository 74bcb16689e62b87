import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { PortResult, ScanId } from '../../shared/domain';
import { InputError } from '../../shared/errors';
import type { ScanRequestInput } from '../../shared/scan-request';
import { ScanSession } from '../session/scan-session';
import { openDatabase, type HistoryDb } from '../store/database';
import { EXIT, type ExitCode } from './exit-codes';
import { exportToFile } from './export-file';
import { openHistoryFile } from './open-history';
import type { CliIo } from './io';
import { positiveNumber, timingTemplate, wholeNumber } from './parse-number';
import { ProgressBar } from './progress-bar';
import { formatSummary } from './summary';

export interface ScanFlags {
  ports?: string;
  topPorts?: number;
  exclude?: string;
  inputList?: string;
  timing?: number;
  concurrency?: number;
  timeout?: number;
  retries?: number;
  rate?: number;
  banners?: boolean;
  randomOrder?: boolean;
  onePerFamily?: boolean;
  /** false with --no-db */
  db?: string | false;
  csv?: string;
  json?: string;
  open?: boolean;
  name?: string;
  quiet?: boolean;
}

export function addScanCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void) {
  program
    .command('scan')
    .description('scan TCP ports on one or more targets')
    .argument('[targets...]', 'addresses, hostnames, CIDR blocks or ranges (10.0.0.1-20)')
    .option('-p, --ports <ports>', 'ports: 80, 1-1024, 22,80,443, or - for all 65,535')
    .option('--top-ports <n>', 'the n most frequently open ports', wholeNumber)
    .option('--exclude <targets>', 'targets to leave out')
    .option('--input-list <file>', 'read targets from a file (also -iL FILE)')
    .option(
      '-T, --timing <0-5>',
      'timing template, as nmap: 0 paranoid .. 5 insane',
      timingTemplate,
    )
    .option('--concurrency <n>', 'sockets in flight at most', wholeNumber)
    .option('--timeout <ms>', 'per-probe timeout in milliseconds', wholeNumber)
    .option('--retries <n>', 'retries after a timeout', wholeNumber)
    .option('--rate <n>', 'probes per second at most', positiveNumber)
    .option('--banners', 'read what each open service says first')
    .option('--random-order', 'probe ports in random order')
    .option('--one-per-family', 'use one address per family of a hostname, not all of them')
    .option('--db <file>', 'history database (default: the desktop app’s, or $PORTHOLE_DB)')
    .option('--no-db', 'keep results in memory only; store nothing')
    .option('--csv <file>', 'write the results as CSV')
    .option('--json <file>', 'write the results as JSON')
    .option('--open', 'only open ports in the CSV or JSON file')
    .option('--name <text>', 'a name for this scan in the history')
    .option('-q, --quiet', 'no progress bar')
    .action(async (targets: string[], flags: ScanFlags) => {
      setExit(await runScan(targets, flags, io));
    });
}

async function requestFromFlags(targets: string[], flags: ScanFlags): Promise<ScanRequestInput> {
  const texts = [...targets];
  if (flags.inputList !== undefined) {
    try {
      texts.push(await readFile(flags.inputList, 'utf8'));
    } catch (error) {
      throw new InputError('-iL', `cannot read ${flags.inputList}: ${(error as Error).message}`);
    }
  }
  if (texts.join('').trim() === '') throw new InputError('target', 'give at least one target');
  return {
    targets: texts.join('\n'),
    exclude: flags.exclude,
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

function openHistory(flags: ScanFlags): HistoryDb | null {
  if (flags.db !== false) return openHistoryFile(flags.db);
  // --no-db with an export: a private in-memory database gives the exporters one path to read.
  return flags.csv || flags.json ? openDatabase(':memory:') : null;
}

async function runScan(targets: string[], flags: ScanFlags, io: CliIo): Promise<ExitCode> {
  const input = await requestFromFlags(targets, flags);
  const db = openHistory(flags);
  try {
    const bar = !flags.quiet && io.stderr.isTTY ? new ProgressBar(io.stderr) : null;
    const open: PortResult[] = [];
    const session = await ScanSession.start(input, {
      db,
      onProgress(frame) {
        open.push(...frame.newOpen);
        bar?.draw(frame);
      },
    });
    const stop = () => void session.cancel();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const outcome = await session.outcome.finally(() => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      bar?.clear();
    });
    io.stdout.write(formatSummary(open, outcome));
    if (db && outcome.scanId !== null) await writeExports(db, outcome.scanId, flags, io);
    if (outcome.status === 'failed') io.stderr.write(`porthole: scan failed: ${outcome.error}\n`);
    if (outcome.status === 'completed') return EXIT.ok;
    return outcome.status === 'cancelled' ? EXIT.interrupted : EXIT.failed;
  } finally {
    db?.close();
  }
}

async function writeExports(history: HistoryDb, id: ScanId, flags: ScanFlags, io: CliIo) {
  const filter = flags.open ? { state: 'open' as const } : {};
  if (flags.csv) await exportToFile(history, id, 'csv', flags.csv, filter, io);
  if (flags.json) await exportToFile(history, id, 'json', flags.json, filter, io);
}
