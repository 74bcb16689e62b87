import {
  isMethodName,
  methodInputs,
  type CallResult,
  type MethodName,
  type MethodOutputs,
  type ParsedInput,
} from '../../shared/contract';
import { isPortholeError, type PortholeErrorData } from '../../shared/errors';
import { parseWith } from '../../shared/validate';

export type Handlers = {
  [K in MethodName]: (input: ParsedInput<K>) => MethodOutputs[K] | Promise<MethodOutputs[K]>;
};

export type Dispatch = (method: unknown, payload: unknown) => Promise<CallResult<unknown>>;

/**
 * The one place an inbound call is checked: the method must exist, its payload must match the
 * contract's schema, and whatever goes wrong crosses back as readable data, never a stack trace.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, payload) => {
    if (!isMethodName(method)) {
      return fail({ kind: 'input', message: `unknown method ${JSON.stringify(String(method))}` });
    }
    try {
      const input: unknown = parseWith(methodInputs[method], payload);
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(input) };
    } catch (error) {
      return fail(toErrorData(error));
    }
  };
}

const fail = (error: PortholeErrorData): CallResult<never> => ({ ok: false, error });

export function toErrorData(error: unknown): PortholeErrorData {
  if (isPortholeError(error)) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message };
}
