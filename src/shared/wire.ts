import type { CallResult, EventName, MethodName } from './contract';

/** Messages on the WebSocket transport (Electron IPC carries the same calls with invoke/send). */
export type ClientMessage = { type: 'call'; id: number; method: MethodName; input: unknown };
export type ServerMessage =
  | { type: 'result'; id: number; result: CallResult<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };
