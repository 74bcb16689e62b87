import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameThrottle } from './frame-throttle';

describe('FrameThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits at most once per interval and reports a change made inside it when it ends', () => {
    let frames = 0;
    const throttle = new FrameThrottle(() => frames++, 50);
    throttle.touch();
    expect(frames).toBe(1);
    for (let i = 0; i < 100; i++) throttle.touch();
    expect(frames).toBe(1);
    vi.advanceTimersByTime(50);
    expect(frames).toBe(2);
    vi.advanceTimersByTime(500);
    expect(frames).toBe(2);
  });

  it('drops a pending emit on stop, so the owner sends the final frame exactly once', () => {
    let frames = 0;
    const throttle = new FrameThrottle(() => frames++, 50);
    throttle.touch();
    throttle.touch();
    throttle.stop();
    vi.advanceTimersByTime(100);
    expect(frames).toBe(1);
  });
});
