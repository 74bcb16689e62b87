import type {
  EventName,
  EventPayloads,
  MethodInput,
  MethodName,
  MethodOutputs,
  PortholeApi,
  PortholeBridge,
} from './contract';
import { PortholeError } from './errors';

/** Types a bridge once: failures come back as PortholeError with the kind and field main gave. */
export function createPortholeClient(bridge: PortholeBridge): PortholeApi {
  return {
    async call<K extends MethodName>(method: K, input?: MethodInput<K>) {
      const result = await bridge.call(method, input);
      if (!result.ok)
        throw new PortholeError(result.error.kind, result.error.message, result.error.field);
      // The main side produced this value for this method; the contract ties the two.
      return result.value as MethodOutputs[K];
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      return bridge.on(event, (payload) => listener(payload as EventPayloads[E]));
    },
  };
}
