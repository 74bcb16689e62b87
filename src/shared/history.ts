import { z } from 'zod';
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
import { ScanRequestSchema, type ScanRequest, type ScanRequestInput } from './scan-request';

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
}

const MAX_PAGE = 1000;
const scanId = z
  .number()
  .int()
  .positive()
  .transform((n) => n as ScanId);
export const ScanIdSchema = scanId;

export const ScanListQuerySchema = z
  .object({
    /** Matched, case-insensitively, anywhere in the targets or the name. */
    text: z.string().trim().max(500).optional(),
    status: z.union([z.enum(SCAN_STATUSES), z.array(z.enum(SCAN_STATUSES)).max(6)]).optional(),
    /** Started at or after (epoch ms). */
    from: z.number().int().nonnegative().optional(),
    /** Started before (epoch ms). */
    to: z.number().int().nonnegative().optional(),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ScanListQueryInput = z.input<typeof ScanListQuerySchema>;
export type ScanListQuery = z.output<typeof ScanListQuerySchema>;

export interface ScanListPage {
  scans: ScanSummary[];
  /** How many scans match the filters, all pages together. */
  total: number;
}

const port = z.number().int().min(1).max(65535);

export const ResultFilterSchema = z
  .object({
    state: z.union([z.enum(PORT_STATES), z.array(z.enum(PORT_STATES)).min(1).max(4)]).optional(),
    /** An address or the hostname it was reached by, exactly. */
    host: z.string().trim().min(1).max(255).optional(),
    port: z
      .union([
        port,
        z
          .object({ from: port, to: port })
          .strict()
          .refine((r) => r.from <= r.to, { message: 'port range: from must not exceed to' }),
      ])
      .optional(),
    /** A service name, exactly (case-insensitive). */
    service: z.string().trim().min(1).max(100).optional(),
    /** Free text, matched anywhere in the banner, service, hostname or address. */
    text: z.string().max(500).optional(),
  })
  .strict();
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

export const ResultSortSchema = z
  .object({
    column: z.enum(RESULT_SORT_COLUMNS).default('host'),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type ResultSortInput = z.input<typeof ResultSortSchema>;
export type ResultSort = z.output<typeof ResultSortSchema>;
export const DEFAULT_RESULT_SORT: ResultSort = { column: 'host', direction: 'asc' };

export const PageSchema = z
  .object({
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(MAX_PAGE).default(100),
  })
  .strict();
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
export const ResultPageQuerySchema = z
  .object({
    scanId: scanId,
    filter: ResultFilterSchema.default({}),
    sort: ResultSortSchema.default(DEFAULT_RESULT_SORT),
    page: PageSchema.default({ offset: 0, limit: 100 }),
  })
  .strict();
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
}

export const DIFF_CHANGE_LIMIT = 10_000;

export const ScanDiffQuerySchema = z.object({ from: scanId, to: scanId }).strict();

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuerySchema = z
  .object({
    scanId: scanId,
    format: z.enum(EXPORT_FORMATS),
    /** Omit for the whole scan; `{ state: 'open' }` for open ports only; any filter for a view. */
    filter: ResultFilterSchema.default({}),
  })
  .strict();
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

export const ProfileNameSchema = z.string().trim().min(1, 'profile name: give a name').max(100);

export const SaveProfileSchema = z
  .object({
    name: ProfileNameSchema,
    /** Validated with the scan request schema, stored as given (defaults left out). */
    request: z.custom<ScanRequestInput>((value) => ScanRequestSchema.safeParse(value).success, {
      message: 'request: not a valid scan request',
    }),
  })
  .strict();
export type SaveProfileInput = z.input<typeof SaveProfileSchema>;
