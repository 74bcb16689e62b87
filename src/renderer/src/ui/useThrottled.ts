import { useEffect, useRef, useState } from 'react';

/**
 * `value` at most once per `ms` (the latest one, so the last change always shows). For charts
 * fed by 20 frames a second: a person reads a chart at a glance, and each redraw costs layout.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    const timer = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
