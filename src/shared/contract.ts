import { z } from 'zod';
import type { AppInfo } from './app-info';
import type { PortholeErrorData } from './errors';
import type { ProgressFrame, ScanFinished } from './progress';

/**
 * The one contract between a front end and Porthole's main-side code. Every method's input has a
 * schema (main validates every inbound payload with it); its output type is listed beside it.
 * Electron IPC and the loopback WebSocket carry exactly these messages.
 */
const NoInput = z.undefined().or(z.object({}).strict());

export const methodInputs = {
  getAppInfo: NoInput,
} as const;

export interface MethodOutputs {
  getAppInfo: AppInfo;
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
