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

/** Answers one call; always resolves, with an error result for anything that went wrong. */
export type Dispatch = (method: unknown, payload: unknown) => Promise<CallResult<unknown>>;

/**
 * The one place an inbound call is checked: the method must exist, its payload must match the
 * contract's schema, and whatever goes wrong crosses back as readable data, never a stack trace.
 * It never throws or rejects: a transport has nothing left to catch, and a hostile call cannot
 * take the process (and the scans it runs) down.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, payload) => {
    try {
      if (!isMethodName(method)) {
        return fail({ kind: 'input', message: `unknown method ${describeMethod(method)}` });
      }
      const input: unknown = parseWith(methodInputs[method], payload);
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(input) };
    } catch (error) {
      return fail(toErrorData(error));
    }
  };
}

const fail = (error: PortholeErrorData): CallResult<never> => ({ ok: false, error });

/** Longest method name quoted back; a name is a short identifier, so more is not a name. */
const NAME_SHOWN = 64;

/**
 * Names what was sent as a method without converting it: `String()` on `{"toString":1}` throws,
 * and on any other object would run the sender's idea of a string.
 */
function describeMethod(method: unknown): string {
  if (typeof method !== 'string')
    return `(a ${method === null ? 'null' : typeof method}, not a name)`;
  const shown = method.length > NAME_SHOWN ? `${method.slice(0, NAME_SHOWN)}…` : method;
  return JSON.stringify(shown);
}

/** Any thrown value as error data; never throws itself, whatever was thrown. */
export function toErrorData(error: unknown): PortholeErrorData {
  try {
    if (isPortholeError(error)) return error.toData();
    if (error instanceof Error && typeof error.message === 'string') {
      return { kind: 'internal', message: error.message };
    }
    // A primitive reads as itself; an object's own toString is not ours to run.
    const primitive = error === null || (typeof error !== 'object' && typeof error !== 'function');
    return { kind: 'internal', message: primitive ? String(error) : 'unexpected error' };
  } catch {
    return { kind: 'internal', message: 'unexpected error' };
  }
}
