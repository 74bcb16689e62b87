import type { Command } from 'commander';
import type { ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { DB_FLAG } from './open-history';
import {
  every,
  joined,
  onlyOnce,
  positiveNumber,
  timingTemplate,
  topPortsOnce,
  wholeNumber,
} from './parse-number';

export interface ScanFlags {
  ports?: string;
  topPorts?: number;
  exclude?: string;
  inputList?: string[];
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
  /** --csv-bom: the CSV starts with a UTF-8 byte-order mark, for Excel. */
  csvBom?: boolean;
  json?: string;
  open?: boolean;
  name?: string;
  quiet?: boolean;
  excludefile?: string[];
}

export function addScanCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void) {
  program
    .command('scan')
    .description('scan TCP ports on one or more targets')
    .argument('[targets...]', 'addresses, hostnames, CIDR blocks or ranges (10.0.0.1-20)')
    .option(
      '-p, --ports <ports>',
      'ports: 80, 1-1024, 22,80,443, or - for all 65,535',
      onlyOnce('-p'),
    )
    .option('--top-ports <n>', 'the n most frequently open ports', topPortsOnce)
    .option('--exclude <targets>', 'targets to leave out (may be given more than once)', joined)
    .option('--excludefile <file>', 'read targets to leave out from a file (- for stdin)', every)
    .option('--input-list <file>', 'read targets from a file (also -iL FILE; - for stdin)', every)
    .option(
      '-T, --timing <0-5|name>',
      'timing template, as nmap: 0 or paranoid .. 5 or insane',
      timingTemplate,
    )
    .option('--concurrency <n>', 'sockets in flight at most', wholeNumber)
    .option('--timeout <ms>', 'per-probe timeout in milliseconds', wholeNumber)
    .option('--retries <n>', 'retries after a timeout', wholeNumber)
    .option('--rate <n>', 'probes per second at most', positiveNumber)
    .option('--banners', 'read what each open service says first')
    .option('--random-order', 'probe ports in random order')
    .option('--one-per-family', 'use one address per family of a hostname, not all of them')
    .option(...DB_FLAG)
    .option('--no-db', 'keep results in memory only; store nothing')
    .option('--csv <file>', 'write the results as CSV')
    .option('--csv-bom', 'start the CSV with a UTF-8 byte-order mark, for Excel')
    .option('--json <file>', 'write the results as JSON')
    .option('--open', 'only open ports in the CSV or JSON file')
    .option('--name <text>', 'a name for this scan in the history')
    .option('-q, --quiet', 'no progress bar')
    .action(async (targets: string[], flags: ScanFlags) => {
      // Loaded on use, so `--help` and other commands start without the engine and the store.
      const { runScan } = await import('./scan-action');
      setExit(await runScan(targets, flags, io));
    });
}
