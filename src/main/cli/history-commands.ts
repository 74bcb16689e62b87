import type { Command } from 'commander';
import { SCAN_STATUSES, type ScanId, type ScanStatus } from '../../shared/domain';
import { InputError, PortholeError } from '../../shared/errors';
import {
  ScanIdSchema,
  type ExportFormat,
  type PortChange,
  type ResultFilterInput,
  type ScanDiff,
} from '../../shared/history';
import { changeKind } from '../../shared/diff-kind';
import { parseResultQuery } from '../../shared/result-query';
import type { HistoryDb } from '../store/database';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { DB_FLAG, withHistory } from './open-history';
import { checkCsvBom, checkWritable } from './output-file';
import { wholeNumber } from './parse-number';
import { formatTable, formatTime, terminalText } from './table';

type SetExit = (code: ExitCode) => void;
const scanIdArg = (value: string): ScanId => {
  const parsed = ScanIdSchema.safeParse(/^\d+$/.test(value) ? Number(value) : NaN);
  if (!parsed.success) throw new InputError('scan id', `"${value}" is not a scan id`);
  return parsed.data;
};

const statusArg = (value: string): ScanStatus => {
  const status = SCAN_STATUSES.find((s) => s === value);
  if (!status) {
    throw new InputError('--status', `"${value}" is not one of ${SCAN_STATUSES.join(', ')}`);
  }
  return status;
};

/** --filter's query, read as the window's query box reads it; mistakes name the flag. */
const filterArg = (query: string): ResultFilterInput => {
  try {
    return parseResultQuery(query);
  } catch (error) {
    if (error instanceof InputError) throw new InputError('--filter', error.detail);
    throw error;
  }
};

const FILTER_HELP =
  'only results matching this query, as in the window: open port:80,443 host:10.0.0.0/24 ' +
  'service:http* banner:"Apache httpd" (states, port:, host:, service:, banner:, free text)';

interface ShowFlags {
  db?: string;
  all?: boolean;
  filter?: ResultFilterInput;
}

const hostText = (host: string, hostname: string | null) =>
  hostname ? `${terminalText(hostname, 40)} (${host})` : host;

function requireScan(history: HistoryDb, id: ScanId) {
  const scan = history.getScan(id);
  if (!scan) throw new PortholeError('not-found', `scan ${id} does not exist`, 'scan id');
  return scan;
}

export function addHistoryCommands(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('history')
    .description('list stored scans, newest first')
    .option(...DB_FLAG)
    .option('--search <text>', 'only scans whose targets or name contain this text')
    .option(
      '--status <status>',
      `only scans with this status (${SCAN_STATUSES.join(', ')})`,
      statusArg,
    )
    .option('--limit <n>', 'how many scans to list', wholeNumber, 50)
    .action(async (flags: { db?: string; search?: string; status?: ScanStatus; limit: number }) => {
      const page = await withHistory(
        flags.db,
        (h) =>
          h.listScans({
            text: flags.search,
            status: flags.status,
            limit: flags.limit,
          }),
        { write: false },
      );
      const rows = page.scans.map((s) => [
        String(s.id),
        s.status,
        formatTime(s.startedAt),
        terminalText(s.targets, 40),
        terminalText(s.ports, 20),
        String(s.counts.open),
        String(s.counts.closed),
        String(s.counts.filtered),
        String(s.counts.error),
        terminalText(s.name ?? '', 30),
      ]);
      io.stdout.write(
        formatTable(
          [
            'ID',
            'STATUS',
            'STARTED (UTC)',
            'TARGETS',
            'PORTS',
            'OPEN',
            'CLOSED',
            'FILTERED',
            'ERROR',
            'NAME',
          ],
          rows,
        ),
      );
      io.stdout.write(`${page.scans.length} of ${page.total} scans\n`);
      setExit(EXIT.ok);
    });

  program
    .command('show')
    .description('show one scan and its open ports (every port with --all, a query with --filter)')
    .argument('<scanId>', 'the scan id from `porthole history`', scanIdArg)
    .option(...DB_FLAG)
    .option('--all', 'every port, not only open ones')
    .option('--filter <query>', FILTER_HELP, filterArg)
    .action(async (id: ScanId, flags: ShowFlags) => {
      if (flags.all && flags.filter) {
        throw new InputError(
          '--filter',
          'give --all or --filter, not both (a query without states shows every state)',
        );
      }
      await withHistory(
        flags.db,
        (history) => {
          const scan = requireScan(history, id);
          const c = scan.counts;
          io.stdout.write(
            `Scan #${scan.id}${scan.name ? ` "${terminalText(scan.name)}"` : ''}: ${scan.status}\n` +
              `Targets: ${terminalText(scan.targets, 200)}   Ports: ${terminalText(scan.ports, 60)}\n` +
              `Started ${formatTime(scan.startedAt)} UTC, ${scan.endedAt === null ? 'not ended' : `ended ${formatTime(scan.endedAt)} UTC`}\n` +
              `${c.open} open, ${c.closed} closed, ${c.filtered} filtered, ${c.error} error` +
              `${scan.error ? `\nError: ${terminalText(scan.error, 200)}` : ''}\n\n`,
          );
          const rows: string[][] = [];
          const filter: ResultFilterInput = flags.filter ?? (flags.all ? {} : { state: 'open' });
          for (let offset = 0; ; offset += 1000) {
            const page = history.getResults(id, filter, undefined, { offset, limit: 1000 });
            for (const r of page.rows) {
              rows.push([
                hostText(r.host, r.hostname),
                `${r.port}/${r.protocol}`,
                r.state,
                r.reason,
                r.service ?? '',
                r.banner ? terminalText(r.banner) : '',
              ]);
            }
            if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
          }
          io.stdout.write(
            rows.length
              ? formatTable(['HOST', 'PORT', 'STATE', 'REASON', 'SERVICE', 'BANNER'], rows)
              : flags.filter
                ? 'No results match the filter.\n'
                : flags.all
                  ? 'No results stored.\n'
                  : 'No open ports.\n',
          );
        },
        { write: false },
      );
      setExit(EXIT.ok);
    });

  program
    .command('export')
    .description('write a stored scan as CSV, JSON or NDJSON (FILE - is standard output)')
    .argument('<scanId>', 'the scan id', scanIdArg)
    .option(...DB_FLAG)
    .option('--csv <file>', 'CSV (RFC 4180, UTF-8)')
    .option('--csv-bom', 'start the CSV with a UTF-8 byte-order mark, for Excel')
    .option('--json <file>', 'one JSON array')
    .option('--ndjson <file>', 'one JSON object per line')
    .option('--open', 'only open ports')
    .option('--filter <query>', FILTER_HELP, filterArg)
    .action(
      async (
        id: ScanId,
        flags: {
          db?: string;
          csv?: string;
          csvBom?: boolean;
          json?: string;
          ndjson?: string;
          open?: boolean;
          filter?: ResultFilterInput;
        },
      ) => {
        if (flags.open && flags.filter) {
          throw new InputError(
            '--filter',
            'give --open or --filter, not both (--filter "open …" does both)',
          );
        }
        const targets = (['csv', 'json', 'ndjson'] as const).filter((f) => flags[f] !== undefined);
        if (targets.length !== 1) {
          throw new InputError(
            'export',
            'give exactly one of --csv FILE, --json FILE, --ndjson FILE',
          );
        }
        checkCsvBom(flags.csvBom, flags.csv);
        const format: ExportFormat = targets[0]!;
        const file = flags[format]!;
        checkWritable(`--${format}`, file);
        await withHistory(
          flags.db,
          async (history) => {
            requireScan(history, id);
            const filter: ResultFilterInput = flags.filter ?? (flags.open ? { state: 'open' } : {});
            // Loaded on use: other commands need no streams.
            const { exportToFile } = await import('./export-file');
            const rows = await exportToFile(history, id, format, file, filter, io, {
              bom: flags.csvBom,
            });
            if (file !== '-') io.stderr.write(`Wrote ${rows} rows to ${file}\n`);
          },
          { write: false },
        );
        setExit(EXIT.ok);
      },
    );

  program
    .command('diff')
    .description('what changed between two scans (or since the previous scan of the same targets)')
    .argument('<scanA>', 'the earlier scan', scanIdArg)
    .argument('[scanB]', 'the later scan; omitted: scanA against its previous scan', scanIdArg)
    .option(...DB_FLAG)
    .action(async (a: ScanId, b: ScanId | undefined, flags: { db?: string }) => {
      const diff = await withHistory(
        flags.db,
        (history) => {
          requireScan(history, a);
          if (b !== undefined) {
            requireScan(history, b);
            return history.diffScans(a, b);
          }
          const previous = history.previousScanOf(a);
          if (previous === null) {
            throw new PortholeError(
              'not-found',
              `scan ${a} has no earlier scan of the same targets`,
            );
          }
          return history.diffScans(previous, a);
        },
        { write: false },
      );
      io.stdout.write(formatDiff(diff));
      setExit(EXIT.ok);
    });

  program
    .command('delete')
    .description('delete a stored scan and its results')
    .argument('<scanId>', 'the scan id', scanIdArg)
    .option(...DB_FLAG)
    .action(async (id: ScanId, flags: { db?: string }) => {
      await withHistory(
        flags.db,
        async (history) => {
          requireScan(history, id);
          await history.deleteScan(id);
        },
        { write: true },
      );
      io.stdout.write(`Deleted scan ${id}\n`);
      setExit(EXIT.ok);
    });
}

function formatDiff(diff: ScanDiff): string {
  const out: string[] = [`Changes from scan #${diff.from} to scan #${diff.to}`];
  for (const h of diff.hostsAdded) out.push(`+ host ${hostText(h.host, h.hostname)}`);
  for (const h of diff.hostsGone) out.push(`- host ${hostText(h.host, h.hostname)}`);
  // KIND reads each change as the window and the exported comparison do (shared/diff-kind);
  // CHANGED says what differs, a port only one scan has saying which.
  const details = (c: PortChange) =>
    c.changed
      .map((k) =>
        k === 'added' ? `not in #${diff.from}` : k === 'gone' ? `not in #${diff.to}` : k,
      )
      .join(',');
  const rows = diff.changes.map((c) => [
    changeKind(c),
    hostText(c.host, c.hostname),
    `${c.port}/${c.protocol}`,
    c.before?.state ?? '-',
    c.after?.state ?? '-',
    details(c),
    terminalText(c.after?.service ?? c.before?.service ?? '', 20),
  ]);
  if (rows.length)
    out.push(
      formatTable(
        ['KIND', 'HOST', 'PORT', 'BEFORE', 'AFTER', 'CHANGED', 'SERVICE'],
        rows,
      ).trimEnd(),
    );
  if (!rows.length && !diff.hostsAdded.length && !diff.hostsGone.length) out.push('No changes.');
  if (diff.truncated) out.push(`(only the first ${diff.changes.length} changes are listed)`);
  for (const id of diff.partial) {
    out.push(`(scan #${id} did not complete: ports and hosts it did not reach are not compared)`);
  }
  return out.join('\n') + '\n';
}
