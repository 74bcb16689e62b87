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
  /** Forces the JavaScript prober with this connector; unset, the native prober runs if built. */
  readonly connector?: ConnectorKind;
  /**
   * The control word (probe-control.ts) the main thread writes for pause, resume and stop. The
   * native prober blocks the worker's event loop, so it runs only when this is given.
   */
  readonly control?: SharedArrayBuffer;
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
  | { readonly type: 'started'; readonly prober: 'native' | 'js' }
  | ResultsMessage
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string };

export type ToWorker =
  | { readonly type: 'scan'; readonly data: ProbeWorkerData }
  | { readonly type: 'pause' | 'resume' | 'stop' };
