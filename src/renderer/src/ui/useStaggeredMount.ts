import { useEffect, useState } from 'react';

/**
 * False until `order` animation frames after mounting: a view made of several heavy parts (the
 * scan overview's charts) mounts them one per frame, so no single task holds the page for long.
 */
export function useStaggeredMount(order: number): boolean {
  const [ready, setReady] = useState(order <= 0);
  useEffect(() => {
    if (order <= 0) return;
    let frame = 0;
    let left = order;
    const step = () => {
      left -= 1;
      if (left <= 0) setReady(true);
      else frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [order]);
  return ready;
}
