import type { EventName, EventPayloads } from '../../shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Fans main-side events out to every connected front end; each subscription returns its disposer. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
