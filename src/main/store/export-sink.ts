import type { Writable } from 'node:stream';
import { PortholeError } from '../../shared/errors';

const closedEarly = () =>
  new PortholeError('storage', 'export: the output closed before the export finished');

/**
 * Writes with backpressure; rejects when the stream errors or closes under us instead of hanging.
 * A reader that went away between two writes (an HTTP download cancelled in the browser) has
 * already emitted its 'close': the flags below remember it, so the next write fails at once
 * instead of waiting for a 'drain' that will never come.
 */
export class Sink {
  private closed = false;
  private failure: Error | null = null;

  constructor(private readonly out: NodeJS.WritableStream) {
    out.once('close', () => (this.closed = true));
    out.once('error', (error: Error) => (this.failure ??= error));
  }

  async write(text: string): Promise<void> {
    this.throwIfGone();
    if (this.out.write(text, 'utf8')) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.out.off('drain', onDrain);
        this.out.off('error', onError);
        this.out.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (error: Error) => done(error);
      const onClose = () => done(closedEarly());
      this.out.on('drain', onDrain);
      this.out.on('error', onError);
      this.out.on('close', onClose);
      // It may have gone between the write and these listeners (a destroyed stream says so at once).
      if (this.failure || this.closed || (this.out as Partial<Writable>).destroyed) {
        done(this.failure ?? closedEarly());
      }
    });
  }

  /**
   * Lets I/O and writer commits run between chunks, always. A wait for 'drain' is not a turn of
   * the event loop: when a socket takes the bytes at once (a browser reading from loopback),
   * 'drain' arrives on process.nextTick, and an export that counted on it held the loop for the
   * whole download (the window-export benchmark saw a 6 s stall of every other call).
   */
  async yieldTurn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.throwIfGone();
  }

  private throwIfGone(): void {
    if (this.failure) throw this.failure;
    if (this.closed || (this.out as Partial<Writable>).destroyed) throw closedEarly();
  }
}
