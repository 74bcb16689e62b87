import { z } from 'zod/mini';
import type { ScanId, ScanStatus } from './domain';
import { ExportQuerySchema, ProfileNameSchema, ScanIdSchema } from './history';
import { atMostChars } from './validate';

/**
 * The history side of the window, part 2: renaming, a target's timeline, exports and the
 * comparison's export. Inputs are validated in main with these schemas.
 */

export const RenameScanSchema = z.strictObject({
  scanId: ScanIdSchema,
  /** null or empty clears the name (the history then shows the targets). */
  name: z.nullable(z.string().check(z.trim(), atMostChars(200))),
});

export const RenameProfileSchema = z.strictObject({
  name: ProfileNameSchema,
  newName: ProfileNameSchema,
});

export const TimelineQuerySchema = z.strictObject({ scanId: ScanIdSchema });

/** One scan of the same targets, as a point of the "open ports over time" chart. */
export interface TimelinePoint {
  scanId: ScanId;
  startedAt: number;
  status: ScanStatus;
  open: number;
  /** The scan did not complete: its count is what it reached. */
  partial: boolean;
}

/**
 * At most this many scans of the same targets in a timeline: the latest ones, or, for an older
 * scan asked for, the ones starting at it (the asked-for scan is always among the points).
 */
export const TIMELINE_POINTS = 200;

export interface Timeline {
  /** Oldest first. */
  points: TimelinePoint[];
  /** Scans of these targets in all (more than `points.length` when cut to TIMELINE_POINTS). */
  total: number;
}

/**
 * A scan's results to a file: the whole scan (`filter` {}), its open ports (`{ state: 'open' }`)
 * or the explorer's current view (its filter). `excel` adds the UTF-8 byte-order mark to a CSV,
 * without which Excel shows non-ASCII banners as mojibake.
 */
export const ExportRequestSchema = z.strictObject({
  ...ExportQuerySchema.shape,
  excel: z._default(z.boolean(), false),
});
export type ExportRequest = z.output<typeof ExportRequestSchema>;

/** Which changes of a comparison: ports newly open, ports no longer open, ports that changed. */
export const DIFF_EXPORT_KINDS = ['added', 'removed', 'changed'] as const;
export type DiffExportKind = (typeof DIFF_EXPORT_KINDS)[number];

export const DiffExportRequestSchema = z.strictObject({
  from: ScanIdSchema,
  to: ScanIdSchema,
  /** Omit for every change. */
  kind: z.optional(z.enum(DIFF_EXPORT_KINDS)),
  excel: z._default(z.boolean(), false),
});

/**
 * Where an export went. The renderer never names a file: in the desktop window main asks with a
 * native save dialog and writes the file itself; behind `porthole serve` the host answers with a
 * single-use address, `/export/<ticket>` (no token in it), that the page downloads by posting its
 * launch token there from a form, so the token is never in an address the browser keeps.
 */
export type ExportOutcome =
  | { kind: 'saved'; file: string; rows: number }
  | { kind: 'cancelled' }
  | { kind: 'download'; url: string; fileName: string };
