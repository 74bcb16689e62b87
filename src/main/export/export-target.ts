import { PortholeError } from '../../shared/errors';
import type { ExportFormat } from '../../shared/history';
import type { ExportOutcome } from '../../shared/history-actions';

/**
 * One export, ready to run: main has checked the request and named the file; the transport
 * decides where the bytes go (a file the person chose, or a download) and calls `write` once.
 */
export interface ExportJob {
  /** A suggested file name, after the scan: letters, digits, '-' and '.' only. */
  fileName: string;
  /** What the file is, for a save dialog's filter and an HTTP Content-Type. */
  kind: ExportFormat;
  /** Streams the whole document into `out` with backpressure; does not end it. */
  write(out: NodeJS.WritableStream): Promise<{ rows: number }>;
}

/** Delivers an export the way its transport can: the renderer never names a path. */
export interface ExportTarget {
  deliver(job: ExportJob): Promise<ExportOutcome>;
}

/** For a front end with no way to deliver files (tests, embedders): says so plainly. */
export const noExportTarget: ExportTarget = {
  deliver: () =>
    Promise.reject(
      new PortholeError('internal', 'exports are not available here: use the window or the CLI'),
    ),
};
