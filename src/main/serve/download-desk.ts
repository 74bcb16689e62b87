import { PortholeError } from '../../shared/errors';
import type { ExportOutcome } from '../../shared/history-actions';
import type { ExportJob, ExportTarget } from '../export/export-target';
import { newLaunchToken } from './launch-token';

/** Where the browser host serves downloads; a ticket follows. */
export const DOWNLOAD_PATH = '/export/';

export interface DownloadDeskOptions {
  /** How long a ticket waits for its download; the page opens it at once. */
  ttlMs?: number;
  /** Tickets waiting at most; a page that asks for more without downloading is refused. */
  maxWaiting?: number;
  /** The clock, for tests that expire a ticket without waiting a minute. */
  now?: () => number;
}

interface Waiting {
  job: ExportJob;
  expiresAt: number;
}

/**
 * The browser host's delivery: each export becomes a single-use, short-lived ticket, and the page
 * posts its launch token to the address it is given, `/export/<ticket>`, from a form (a download
 * cannot carry a header, and a token in the address would stay in the browser's download list).
 * Nothing runs until that download starts: an export nobody fetches costs only its entry here.
 */
export class DownloadDesk implements ExportTarget {
  private readonly waiting = new Map<string, Waiting>();
  private readonly ttlMs: number;
  private readonly maxWaiting: number;
  private readonly now: () => number;
  private serving = false;

  constructor(options: DownloadDeskOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxWaiting = options.maxWaiting ?? 32;
    this.now = options.now ?? Date.now;
  }

  /** The browser host says it serves the route these tickets are for. */
  attach(): void {
    this.serving = true;
  }

  deliver(job: ExportJob): Promise<ExportOutcome> {
    if (!this.serving) {
      return Promise.reject(new PortholeError('internal', 'the browser host is not serving yet'));
    }
    this.dropExpired();
    if (this.waiting.size >= this.maxWaiting) {
      return Promise.reject(
        new PortholeError('internal', 'too many exports are waiting to be downloaded; try again'),
      );
    }
    // As hard to guess as the launch token: the same 192 random bits.
    const ticket = newLaunchToken();
    this.waiting.set(ticket, { job, expiresAt: this.now() + this.ttlMs });
    return Promise.resolve({
      kind: 'download',
      url: `${DOWNLOAD_PATH}${ticket}`,
      fileName: job.fileName,
    });
  }

  /** The ticket's export, once: a used, unknown or expired ticket gives null. */
  take(ticket: string): ExportJob | null {
    const entry = this.waiting.get(ticket);
    this.waiting.delete(ticket);
    if (!entry || entry.expiresAt <= this.now()) return null;
    return entry.job;
  }

  get size(): number {
    this.dropExpired();
    return this.waiting.size;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [ticket, entry] of this.waiting) {
      if (entry.expiresAt <= now) this.waiting.delete(ticket);
    }
  }
}
