import { startTransition, useEffect, useState } from 'react';

/**
 * Heavy parts (a recharts chart costs tens of milliseconds to mount) wait for their turn: one part
 * mounts per turn, turns are a couple of animation frames apart, so several charts appearing at
 * once never add up to one long task that freezes the page.
 */
const waiting: (() => void)[] = [];
let scheduled = false;
const FRAMES_PER_TURN = 2;

function next(): void {
  let frames = FRAMES_PER_TURN;
  const tick = () => {
    frames -= 1;
    if (frames > 0) {
      requestAnimationFrame(tick);
      return;
    }
    const grant = waiting.shift();
    // As a transition: React may also split the mount itself where it can.
    if (grant) startTransition(grant);
    if (waiting.length > 0) requestAnimationFrame(tick);
    else scheduled = false;
    frames = FRAMES_PER_TURN;
  };
  requestAnimationFrame(tick);
}

/** False until this part's turn came. */
export function useMountTurn(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    const grant = () => {
      if (live) setReady(true);
    };
    waiting.push(grant);
    if (!scheduled) {
      scheduled = true;
      next();
    }
    return () => {
      live = false;
      const at = waiting.indexOf(grant);
      if (at !== -1) waiting.splice(at, 1);
    };
  }, []);
  return ready;
}
