import type { ScanId } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import type { EventHub } from '../rpc/event-hub';
import type { HistoryDb } from '../store/database';
import { ScanSession, type SessionOutcome } from './scan-session';

/**
 * The scans running in this process, by id, for every front end. Progress and the end of each
 * scan go out as events; `cancelAll` is the quit path: it returns once every scan has committed
 * what it probed and reached a final status.
 */
export class SessionRegistry {
  private readonly sessions = new Map<ScanId, ScanSession>();

  constructor(
    private readonly db: HistoryDb,
    private readonly events: EventHub,
  ) {}

  async start(input: unknown): Promise<ScanId> {
    const session = await ScanSession.start(input, {
      db: this.db,
      portMap: true,
      onProgress: (frame) => this.events.emit('progress', frame),
      onFinished: (finished) => this.events.emit('finished', finished),
    });
    // A scan with a database always has an id.
    const id = session.id as ScanId;
    this.sessions.set(id, session);
    void session.outcome.finally(() => this.sessions.delete(id));
    return id;
  }

  pause(id: ScanId): void {
    this.require(id).pause();
  }

  resume(id: ScanId): void {
    this.require(id).resume();
  }

  cancel(id: ScanId): Promise<SessionOutcome> {
    return this.require(id).cancel();
  }

  /** Whether this process runs scan `id` now (started here, not yet ended). */
  has(id: ScanId): boolean {
    return this.sessions.has(id);
  }

  get running(): number {
    return this.sessions.size;
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.cancel()));
  }

  private require(id: ScanId): ScanSession {
    const session = this.sessions.get(id);
    if (!session) throw new PortholeError('not-found', `scan ${id} is not running`, 'scanId');
    return session;
  }
}
