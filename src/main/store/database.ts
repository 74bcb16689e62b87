import type Database from 'better-sqlite3';
import type { ScanId, ScanStatus } from '../../shared/domain';
import { isPortholeError } from '../../shared/errors';
import {
  HostPageQuerySchema,
  PortMapQuerySchema,
  ServiceListQuerySchema,
  type HostPage,
  type HostPageQueryInput,
  type PortMapPage,
  type PortMapQueryInput,
  type ServiceList,
  type ServiceListQueryInput,
} from '../../shared/explorer';
import {
  DEFAULT_RESULT_SORT,
  PageSchema,
  ResultFilterSchema,
  ResultSortSchema,
  ScanListQuerySchema,
  type ExportFormat,
  type PageInput,
  type Profile,
  type ResultFilterInput,
  type ResultPage,
  type ResultSortInput,
  type ScanDiff,
  type ScanListPage,
  type ScanListQueryInput,
  type ScanSummary,
} from '../../shared/history';
import {
  RenameProfileSchema,
  RenameScanSchema,
  TimelineQuerySchema,
  type Timeline,
} from '../../shared/history-actions';
import type { ScanRequest, ScanRequestInput } from '../../shared/scan-request';
import { parseWith } from '../../shared/validate';
import { CheckpointScheduler } from './checkpoints';
import { diffScans } from './diff';
import { exportScan, type ExportOptions } from './export';
import { assertKnownVersion, assertPortholeFile, migrate, schemaVersion } from './migrate';
import { LATEST_VERSION } from './migrations';
import {
  configureForWriting,
  openConnection,
  storageError,
  type OpenOptions,
} from './open-connection';
import * as profiles from './profiles';
import { recoverInterruptedScans } from './recovery';
import { getHosts } from './host-page';
import { getPortMap } from './port-map';
import { getResults } from './results-query';
import { getServices } from './service-list';
import { listScans } from './scan-list';
import * as scans from './scans';
import { StatementCache, type StoreContext } from './statements';
import { getTimeline } from './timeline';
import type { WriterHost } from './writer';

export type { OpenOptions } from './open-connection';

/**
 * Opens (creating if needed) the history database: WAL, foreign keys, busy timeout, migrations to
 * the latest schema, and recovery of scans a dead process left running. Every failure is a
 * PortholeError('storage') naming the file; a file that is not SQLite is never written to.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): HistoryDb {
  const sqlite = openConnection(file, opts);
  try {
    assertPortholeFile(sqlite, file);
    if (opts.readonly) {
      const version = assertKnownVersion(sqlite, file);
      if (version < LATEST_VERSION) {
        throw storageError(
          file,
          new Error(
            `schema version ${version} needs migrating; open it once where it can be written`,
          ),
        );
      }
      return new HistoryDb(file, sqlite, []);
    }
    assertKnownVersion(sqlite, file);
    configureForWriting(sqlite);
    migrate(sqlite, file);
    return new HistoryDb(file, sqlite, recoverInterruptedScans(sqlite));
  } catch (error) {
    sqlite.close();
    throw isPortholeError(error) ? error : storageError(file, error);
  }
}

/**
 * One connection to the history. Several scans may write through it at once, each with its own
 * ResultWriter; every query input is validated with the shared schemas before it reaches SQL.
 */
export class HistoryDb implements StoreContext, WriterHost {
  readonly statements: StatementCache;
  readonly ctx: StoreContext = this;
  private readonly writers = new Set<{ flushAndFinish(): void }>();
  private readonly checkpoints: CheckpointScheduler;

  constructor(
    readonly file: string,
    readonly sqlite: Database.Database,
    /** Scans this open turned from running/paused into interrupted. */
    readonly recovered: readonly ScanId[],
  ) {
    this.statements = new StatementCache(sqlite);
    this.checkpoints = new CheckpointScheduler(sqlite);
  }

  get isOpen(): boolean {
    return this.sqlite.open;
  }

  sqliteVersion(): string {
    return this.sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
  }

  schemaVersion(): number {
    return schemaVersion(this.sqlite);
  }

  /** Commits what open writers still hold (a quit keeps what was probed), then closes. */
  close(): void {
    if (!this.sqlite.open) return;
    for (const writer of [...this.writers]) writer.flushAndFinish();
    this.checkpoints.stop();
    this.sqlite.close();
  }

  // WriterHost
  track(writer: { flushAndFinish(): void }): () => void {
    this.writers.add(writer);
    return () => this.writers.delete(writer);
  }

  afterCommit(rows: number): void {
    this.checkpoints.afterCommit(rows);
  }

  /** Folds the WAL back into the database file now (the session calls this after a scan ends). */
  checkpoint(): number {
    this.checkpoints.run();
    return this.checkpoints.lastCheckpointMs;
  }

  // Scans
  createScan(request: ScanRequest, opts?: { name?: string; startedAt?: number }): ScanId {
    return scans.createScan(this, request, opts);
  }

  setStatus(id: ScanId, status: ScanStatus): void {
    scans.setStatus(this, id, status);
  }

  finishScan(id: ScanId, end: scans.ScanEnd): void {
    scans.finishScan(this, id, end);
  }

  listScans(query: ScanListQueryInput = {}): ScanListPage {
    return listScans(this, parseWith(ScanListQuerySchema, query));
  }

  getScan(id: ScanId): scans.StoredScanDetail | null {
    return scans.getScan(this, id);
  }

  deleteScan(id: ScanId): Promise<boolean> {
    return scans.deleteScan(this, id);
  }

  /** Names a scan; null or blank clears the name (RenameScanSchema). */
  renameScan(id: ScanId, name: string | null): ScanSummary {
    const input = parseWith(RenameScanSchema, { scanId: id, name });
    return scans.renameScan(this, input.scanId, input.name);
  }

  /** Open ports over the scans of the same targets (see timeline.ts). */
  getTimeline(id: ScanId): Timeline {
    return getTimeline(this, parseWith(TimelineQuerySchema, { scanId: id }).scanId);
  }

  previousScanOf(id: ScanId): ScanId | null {
    return scans.previousScanOf(this, id);
  }

  // Results
  getResults(
    id: ScanId,
    filter: ResultFilterInput = {},
    sort: ResultSortInput = DEFAULT_RESULT_SORT,
    page: PageInput = {},
  ): ResultPage {
    return getResults(
      this,
      id,
      parseWith(ResultFilterSchema, filter),
      parseWith(ResultSortSchema, sort),
      parseWith(PageSchema, page),
    );
  }

  /** The by-host view: a page of hosts with ports matching the filter (HostPageQuerySchema). */
  getHosts(query: HostPageQueryInput): HostPage {
    const { scanId, filter, page } = parseWith(HostPageQuerySchema, query);
    return getHosts(this, scanId, filter, page);
  }

  /** The by-service view (ServiceListQuerySchema); reads every matching row, yielding as it goes. */
  getServices(query: ServiceListQueryInput): Promise<ServiceList> {
    const { scanId, filter } = parseWith(ServiceListQuerySchema, query);
    return getServices(this, scanId, filter);
  }

  /** A page of hosts' stored ports as runs by state (PortMapQuerySchema). */
  getPortMap(query: PortMapQueryInput): PortMapPage {
    const { scanId, page } = parseWith(PortMapQuerySchema, query);
    return getPortMap(this, scanId, page);
  }

  diffScans(from: ScanId, to: ScanId): ScanDiff {
    return diffScans(this, from, to);
  }

  /** "What changed since the previous scan of the same targets"; null when there is none. */
  diffWithPrevious(id: ScanId): ScanDiff | null {
    const previous = this.previousScanOf(id);
    return previous === null ? null : diffScans(this, previous, id);
  }

  exportScan(
    id: ScanId,
    format: ExportFormat,
    out: NodeJS.WritableStream,
    filter: ResultFilterInput = {},
    options: ExportOptions = {},
  ): Promise<{ rows: number }> {
    return exportScan(this, id, format, out, parseWith(ResultFilterSchema, filter), options);
  }

  // Profiles
  listProfiles(): Profile[] {
    return profiles.listProfiles(this);
  }

  getProfile(name: string): Profile | null {
    return profiles.getProfile(this, name);
  }

  saveProfile(name: string, request: ScanRequestInput): Profile {
    return profiles.saveProfile(this, name, request);
  }

  /** Renames a profile; refused onto another profile's name (RenameProfileSchema). */
  renameProfile(name: string, newName: string): Profile {
    const input = parseWith(RenameProfileSchema, { name, newName });
    return profiles.renameProfile(this, input.name, input.newName);
  }

  deleteProfile(name: string): boolean {
    return profiles.deleteProfile(this, name);
  }
}
