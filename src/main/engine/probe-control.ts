/*
 * Control words in shared memory between the main thread and a probe worker. The native prober
 * blocks its worker's event loop for a whole scan share, so pause, resume and stop cannot wait
 * for a message: the C loop reads word 0 at least every 50 ms. Word 1 counts the results the main
 * thread has taken; the C loop stays at most two output batches ahead of it, so a slow consumer
 * holds probing back and a pause is not followed by a queue of messages. Values match
 * native/prober/prober.c.
 */
export const CONTROL_RUN = 0;
export const CONTROL_PAUSE = 1;
export const CONTROL_STOP = 2;
const STATE = 0;
const CONSUMED = 1;

export function newControlBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

/** Sets the state; a stop is final and is never turned back into run or pause. */
export function setControl(buffer: SharedArrayBuffer, value: number): void {
  const word = new Int32Array(buffer);
  if (Atomics.load(word, STATE) === CONTROL_STOP) return;
  Atomics.store(word, STATE, value);
}

/** Records that the main thread has taken `count` more results (wraps at 2^32, as the C side). */
export function noteConsumed(buffer: SharedArrayBuffer, count: number): void {
  const words = new Int32Array(buffer);
  if (words.length > CONSUMED) Atomics.add(words, CONSUMED, count);
}
