import { z } from 'zod/mini';
import {
  PORT_STATES,
  SCAN_STATUSES,
  type PortResult,
  type PortState,
  type Protocol,
  type ScanId,
  type ScanStatus,
  type StateCounts,
} from './domain';
import { hostSpecProblem } from './result-query/host-spec';
import { ScanRequestSchema, type ScanRequest, type ScanRequestInput } from './scan-request';
import { wholeIn } from './validate';

/**
 * The history side of the contract: what the store answers and the schemas that validate what a
 * front end asks. Every query input is parsed in main with these schemas before it reaches SQL.
 */

/** One scan as the history list shows it. */
export interface ScanSummary {
  id: ScanId;
  name: string | null;
  status: ScanStatus;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number | null;
  /** The targets as the person typed them. */
  targets: string;
  /** The port selection in words: the ports text, `top N`, or `default`. */
  ports: string;
  counts: StateCounts;
  error: string | null;
}

/** One scan with everything needed to show it or run it again. */
export interface ScanDetail extends ScanSummary {
  request: ScanRequest;
  /** Distinct (address, hostname) pairs that produced at least one result. */
  hostCount: number;
  /** Results committed so far (for a finished scan, the sum of its counts). */
  resultCount: number;
  /**
   * True only while this process (the one answering) runs the scan: only then can it be paused,
   * resumed or cancelled here, and only then do its progress events come through this connection.
   * A scan `running` or `paused` in another process (the CLI, another `porthole serve`) is false:
   * show it as running elsewhere, and read it again to follow it.
   */
  runningHere: boolean;
}

/** The most rows or items one page of a list method answers. */
export const MAX_PAGE = 1000;
const scanId = z.pipe(
  z.number().check(z.int(), z.positive()),
  z.transform((n: number) => n as ScanId),
);
export const ScanIdSchema = scanId;

export const ScanListQuerySchema = z.strictObject({
  /** Matched, case-insensitively, anywhere in the targets or the name. */
  text: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  status: z.optional(
    z.union([z.enum(SCAN_STATUSES), z.array(z.enum(SCAN_STATUSES)).check(z.maxLength(6))]),
  ),
  /** Started at or after (epoch ms). */
  from: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** Started before (epoch ms). */
  to: z.optional(z.number().check(z.int(), z.nonnegative())),
  offset: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  limit: z._default(wholeIn(1, 500), 50),
});
export type ScanListQueryInput = z.input<typeof ScanListQuerySchema>;
export type ScanListQuery = z.output<typeof ScanListQuerySchema>;

export interface ScanListPage {
  scans: ScanSummary[];
  /** How many scans match the filters, all pages together. */
  total: number;
}

const port = wholeIn(1, 65535);

const portOrRange = z.union([
  port,
  z
    .strictObject({ from: port, to: port })
    .check(z.refine((r) => r.from <= r.to, { message: 'port range: from must not exceed to' })),
]);
/** An address, hostname, `*` pattern, CIDR block or address range, checked as the query reads it. */
const hostPattern = z.string().check(
  z.trim(),
  z.minLength(1, 'give a host'),
  z.maxLength(255, 'must be at most 255 characters'),
  z.superRefine((text, ctx) => {
    const problem = hostSpecProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: text });
  }),
);
const serviceName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'give a name'),
    z.maxLength(100, 'must be at most 100 characters'),
  );

/** One value or a list of 1..max of them. */
const oneOrMany = <T extends z.ZodMiniType>(item: T, max: number, one: string, many: string) =>
  z.optional(
    z.union([
      item,
      z
        .array(item)
        .check(
          z.minLength(1, `give at least one ${one}`),
          z.maxLength(max, `give at most ${max} ${many}`),
        ),
    ]),
  );

/**
 * Which results to show. Every field narrows (AND); inside a field that takes a list, any entry
 * may match (OR). The window's query box (shared/result-query) reads and writes this shape.
 */
export const ResultFilterSchema = z.strictObject({
  state: oneOrMany(z.enum(PORT_STATES), 4, 'state', 'states'),
  /**
   * Hosts: an address or the hostname it was reached by, exactly; a pattern with `*` (`10.0.0.*`,
   * `*.lan`) over address and hostname; a CIDR block (`10.0.0.0/24`, `fd00::/64`); or an address
   * range as a scan's targets take it (`10.0.0.1-20`).
   */
  host: oneOrMany(hostPattern, 50, 'host', 'hosts'),
  /** A port, an inclusive range, or a list of either. */
  port: oneOrMany(portOrRange, 100, 'port or range', 'ports or ranges'),
  /** Service names, case-insensitive; `*` matches any run of characters (`http*`). */
  service: oneOrMany(serviceName, 50, 'service', 'services'),
  /** Text the banner contains (case-insensitive for ASCII letters); empty: any banner or none. */
  banner: z.optional(z.string().check(z.maxLength(500, 'must be at most 500 characters'))),
  /** Free text: every word must appear in the banner, service, hostname or address. */
  text: z.optional(z.string().check(z.maxLength(500, 'must be at most 500 characters'))),
});
export type ResultFilterInput = z.input<typeof ResultFilterSchema>;
export type ResultFilter = z.output<typeof ResultFilterSchema>;

/** The columns a result page sorts on; `host` sorts addresses numerically, IPv4 before IPv6. */
export const RESULT_SORT_COLUMNS = [
  'host',
  'hostname',
  'port',
  'protocol',
  'state',
  'reason',
  'rtt',
  'service',
  'banner',
  'scannedAt',
] as const;
export type ResultSortColumn = (typeof RESULT_SORT_COLUMNS)[number];

export const ResultSortSchema = z.strictObject({
  column: z._default(z.enum(RESULT_SORT_COLUMNS), 'host'),
  direction: z._default(z.enum(['asc', 'desc']), 'asc'),
});
export type ResultSortInput = z.input<typeof ResultSortSchema>;
export type ResultSort = z.output<typeof ResultSortSchema>;
export const DEFAULT_RESULT_SORT: ResultSort = { column: 'host', direction: 'asc' };

export const PageSchema = z.strictObject({
  offset: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  limit: z._default(wholeIn(1, MAX_PAGE), 100),
});
export type PageInput = z.input<typeof PageSchema>;
export type Page = z.output<typeof PageSchema>;

/** One page of a scan's results, in the requested order. */
export interface ResultPage {
  rows: PortResult[];
  /** How many results match the filter, all pages together. */
  total: number;
  offset: number;
  limit: number;
}

/** The one inbound payload for a page of results. */
export const ResultPageQuerySchema = z.strictObject({
  scanId: scanId,
  filter: z._default(ResultFilterSchema, {}),
  sort: z._default(ResultSortSchema, DEFAULT_RESULT_SORT),
  page: z._default(PageSchema, { offset: 0, limit: 100 }),
});
export type ResultPageQuery = z.output<typeof ResultPageQuerySchema>;

export interface HostRef {
  host: string;
  hostname: string | null;
}

/** A port as one scan saw it. */
export interface PortSnapshot {
  state: PortState;
  reason: string;
  service: string | null;
  banner: string | null;
}

export type PortChangeKind = 'state' | 'service' | 'banner' | 'added' | 'gone';

/**
 * One port that differs between two scans. `before` is null when only the later scan has it open
 * (`added`); `after` is null when only the earlier scan had it open (`gone`).
 */
export interface PortChange extends HostRef {
  port: number;
  protocol: Protocol;
  before: PortSnapshot | null;
  after: PortSnapshot | null;
  changed: PortChangeKind[];
}

export interface ScanDiff {
  from: ScanId;
  to: ScanId;
  /** Hosts with results in `to` but not in `from`, and the other way round. */
  hostsAdded: HostRef[];
  hostsGone: HostRef[];
  changes: PortChange[];
  /** True when more changes exist than were returned (see DIFF_CHANGE_LIMIT). */
  truncated: boolean;
  /**
   * Those of the two scans that did not complete (cancelled, failed, interrupted, still running).
   * What such a scan has no result for, it may never have reached: ports and hosts missing from it
   * are not reported as added or gone.
   */
  partial: ScanId[];
}

export const DIFF_CHANGE_LIMIT = 10_000;

export const ScanDiffQuerySchema = z.strictObject({ from: scanId, to: scanId });

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuerySchema = z.strictObject({
  scanId: scanId,
  format: z.enum(EXPORT_FORMATS),
  /** Omit for the whole scan; `{ state: 'open' }` for open ports only; any filter for a view. */
  filter: z._default(ResultFilterSchema, {}),
});
export type ExportQuery = z.output<typeof ExportQuerySchema>;

/** The CSV header, exactly; JSON exports use the same fields in camelCase. */
export const CSV_COLUMNS = [
  'host',
  'hostname',
  'port',
  'protocol',
  'state',
  'reason',
  'rtt_ms',
  'service',
  'banner',
  'scan_id',
  'scanned_at',
] as const;

/** A saved set of scan settings. */
export interface Profile {
  name: string;
  request: ScanRequestInput;
  createdAt: number;
  updatedAt: number;
}

export const ProfileNameSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'profile name: give a name'), z.maxLength(100));

export const SaveProfileSchema = z.strictObject({
  name: ProfileNameSchema,
  /**
   * Validated with the scan request schema, stored as given (defaults left out); a mistake is
   * reported at its own field (`request.ports: …`), as a scan's would be.
   */
  request: z.custom<ScanRequestInput>().check(
    z.superRefine((value, ctx) => {
      const result = ScanRequestSchema.safeParse(value);
      if (result.success) return;
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: value });
      }
    }),
  ),
});
export type SaveProfileInput = z.input<typeof SaveProfileSchema>;
