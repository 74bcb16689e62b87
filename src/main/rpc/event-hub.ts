import type { EventName, EventPayloads } from '../../shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Fans main-side events out to every connected front end; each subscription returns its disposer. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  /**
   * Never throws: events are emitted from inside running scans, and one front end's failure to
   * carry an event (a socket that broke mid-send) must not stop a scan or starve the others.
   */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // The transport behind this listener owns its failure; the others still get the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
