import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../store/app-slice';

export interface QueryState<T> {
  /** The answer for the current key; undefined until it came (never another key's answer). */
  data: T | undefined;
  error: string | null;
}

interface Answer<T> extends QueryState<T> {
  key: string;
}

/**
 * The answer of `read` for what `key` names (a scan and a filter, say), read again whenever
 * `refresh` changes (a running scan committed more). One read at a time: what is asked for
 * meanwhile is read once, after it, for the latest key; a slow host is never asked twice over.
 * When the key changes, the old key's answer is no longer shown: `data` is undefined until the
 * new one comes. A refresh keeps the current answer on screen while it reads.
 */
export function useQuery<T>(
  key: string,
  read: () => Promise<T>,
  refresh: unknown = 0,
): QueryState<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ key, data: undefined, error: null });
  const latest = useRef({ key, read });
  const flight = useRef({ running: false, queued: false, alive: true });

  useEffect(() => {
    latest.current = { key, read };
  });
  useEffect(() => {
    const state = flight.current;
    state.alive = true;
    return () => {
      state.alive = false;
    };
  }, []);
  useEffect(() => {
    const state = flight.current;
    if (state.running) {
      state.queued = true;
      return;
    }
    const run = () => {
      state.running = true;
      const asked = latest.current;
      asked
        .read()
        .then(
          (data) => state.alive && setAnswer({ key: asked.key, data, error: null }),
          (error: unknown) =>
            state.alive &&
            setAnswer((before) => ({
              key: asked.key,
              // A failed refresh keeps what was read before for this key.
              data: before.key === asked.key ? before.data : undefined,
              error: messageOf(error),
            })),
        )
        .finally(() => {
          state.running = false;
          if (state.queued && state.alive) {
            state.queued = false;
            run();
          }
        });
    };
    run();
  }, [key, refresh]);

  return answer.key === key
    ? { data: answer.data, error: answer.error }
    : { data: undefined, error: null };
}
