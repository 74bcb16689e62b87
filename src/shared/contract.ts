import { z } from 'zod/mini';
import type { AppInfo } from './app-info';
import type { ScanId } from './domain';
import type { PortholeErrorData } from './errors';
import {
  HostPageQuerySchema,
  PortMapQuerySchema,
  ServiceListQuerySchema,
  type HostPage,
  type PortMapPage,
  type ServiceList,
} from './explorer';
import {
  ProfileNameSchema,
  ResultPageQuerySchema,
  SaveProfileSchema,
  ScanDiffQuerySchema,
  ScanIdSchema,
  ScanListQuerySchema,
  type Profile,
  type ResultPage,
  type ScanDetail,
  type ScanDiff,
  type ScanListPage,
  type ScanSummary,
} from './history';
import {
  DiffExportRequestSchema,
  ExportRequestSchema,
  RenameProfileSchema,
  RenameScanSchema,
  TimelineQuerySchema,
  type ExportOutcome,
  type Timeline,
} from './history-actions';
import type { ProgressFrame, ScanFinished } from './progress';
import { ScanRequestSchema } from './scan-request';

/**
 * The one contract between a front end and Porthole's main-side code. Every method's input has a
 * schema (main validates every inbound payload with it); its output type is listed beside it.
 * Electron IPC and the loopback WebSocket carry exactly these messages.
 */
const NoInput = z.union([z.undefined(), z.strictObject({})]);
const ScanRef = z.strictObject({ scanId: ScanIdSchema });

export const methodInputs = {
  getAppInfo: NoInput,
  /** Starts a scan; progress and the end arrive as events. */
  startScan: ScanRequestSchema,
  pauseScan: ScanRef,
  resumeScan: ScanRef,
  /** Resolves once what was probed is committed and the scan is `cancelled`. */
  cancelScan: ScanRef,
  listScans: z._default(ScanListQuerySchema, { offset: 0, limit: 50 }),
  getScan: ScanRef,
  getResults: ResultPageQuerySchema,
  /** The by-host view: hosts with ports matching a filter, and every host's counts. */
  getHosts: HostPageQuerySchema,
  /** The by-service view: "who runs HTTP?". */
  getServices: ServiceListQuerySchema,
  /** A page of hosts' stored ports as runs by state, for the port map of a scan opened later. */
  getPortMap: PortMapQuerySchema,
  deleteScan: ScanRef,
  diffScans: ScanDiffQuerySchema,
  /** What changed since the previous scan of the same targets; null when there is none. */
  diffWithPrevious: ScanRef,
  listProfiles: NoInput,
  saveProfile: SaveProfileSchema,
  deleteProfile: z.strictObject({ name: ProfileNameSchema }),
  renameProfile: RenameProfileSchema,
  renameScan: RenameScanSchema,
  /** Open ports over every scan of the same targets: the per-target timeline. */
  getTimeline: TimelineQuerySchema,
  /** A scan (whole, open ports, or a filtered view) to CSV, JSON or NDJSON, streamed by main. */
  exportScan: ExportRequestSchema,
  /** A comparison of two scans to CSV. */
  exportDiff: DiffExportRequestSchema,
} as const;

export interface MethodOutputs {
  getAppInfo: AppInfo;
  startScan: { scanId: ScanId };
  pauseScan: null;
  resumeScan: null;
  cancelScan: ScanFinished;
  listScans: ScanListPage;
  getScan: ScanDetail | null;
  getResults: ResultPage;
  getHosts: HostPage;
  getServices: ServiceList;
  getPortMap: PortMapPage;
  deleteScan: { deleted: boolean };
  diffScans: ScanDiff;
  diffWithPrevious: ScanDiff | null;
  listProfiles: Profile[];
  saveProfile: Profile;
  deleteProfile: { deleted: boolean };
  renameProfile: Profile;
  renameScan: ScanSummary;
  getTimeline: Timeline;
  exportScan: ExportOutcome;
  exportDiff: ExportOutcome;
}

/** Events pushed from main to the front end. */
export interface EventPayloads {
  progress: ProgressFrame;
  finished: ScanFinished;
}

export type MethodName = keyof typeof methodInputs;
export type MethodInput<K extends MethodName> = z.input<(typeof methodInputs)[K]>;
export type ParsedInput<K extends MethodName> = z.output<(typeof methodInputs)[K]>;
export type EventName = keyof EventPayloads;

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(methodInputs, name);

/** What crosses a transport as the answer to one call. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: PortholeErrorData };

/**
 * What a transport carries: raw calls answered with a CallResult, and event subscriptions. The
 * preload's `window.porthole` and the WebSocket client both implement exactly this.
 */
export interface PortholeBridge {
  call(method: MethodName, input: unknown): Promise<CallResult<unknown>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** The typed interface the renderer uses, whatever bridge is under it (see shared/client.ts). */
export interface PortholeApi {
  call<K extends MethodName>(method: K, input?: MethodInput<K>): Promise<MethodOutputs[K]>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
