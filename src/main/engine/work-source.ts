/** Hands out probe indices to one probe loop; -1 when there are none left. */
export interface WorkSource {
  next(): number;
}

/**
 * Probe indices shared between threads: a cursor in shared memory hands out chunks, so the main
 * thread starts at once and a worker joins whenever it is ready, and neither ever waits for a
 * message to get work. Each index is handed out exactly once.
 */
export class ChunkedWorkSource implements WorkSource {
  private pos = 0;
  private end = 0;
  private readonly cursor: Int32Array;

  constructor(
    cursorBuffer: SharedArrayBuffer,
    private readonly total: number,
    private readonly chunkSize: number,
  ) {
    this.cursor = new Int32Array(cursorBuffer);
  }

  next(): number {
    if (this.pos < this.end) return this.pos++;
    const chunk = Atomics.add(this.cursor, 0, 1);
    const start = chunk * this.chunkSize;
    if (start >= this.total) {
      // Keep the counter from wrapping around after many calls on an exhausted source.
      Atomics.sub(this.cursor, 0, 1);
      return -1;
    }
    this.pos = start + 1;
    this.end = Math.min(this.total, start + this.chunkSize);
    return start;
  }
}

/** Chunk size so that the chunk count fits the 32-bit shared cursor; small chunks balance threads. */
export const chunkSizeFor = (total: number): number => Math.max(64, Math.ceil(total / 2 ** 30));

export function newCursorBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}
