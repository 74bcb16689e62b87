import type { ConnectorKind } from './attempt';
import type { ProbeLayout } from './probe-layout';

/** The job a probe worker gets (structured-cloned; bigints and typed arrays survive). */
export interface ProbeWorkerData {
  readonly layout: ProbeLayout;
  readonly cursor: SharedArrayBuffer;
  readonly chunkSize: number;
  readonly window: number;
  readonly timeoutMs: number;
  readonly retries: number;
  /** The connector the JavaScript prober uses; unset, tcp_wrap. */
  readonly connector?: ConnectorKind;
}

/** Results travel as three parallel typed arrays, transferred, never as objects per port. */
export interface ResultsMessage {
  readonly type: 'results';
  readonly count: number;
  readonly index: Float64Array;
  readonly status: Int32Array;
  readonly rttUs: Int32Array;
}

export type FromWorker =
  /** Sent before the worker takes any work: a worker that fails before this lost no probes. */
  | { readonly type: 'started' }
  | ResultsMessage
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string };

export type ToWorker =
  | { readonly type: 'scan'; readonly data: ProbeWorkerData }
  | { readonly type: 'pause' | 'resume' | 'stop' };
