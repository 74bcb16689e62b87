import type { ScanId } from '../../../shared/domain';
import type { ProgressFrame } from '../../../shared/progress';
import { portholeApi } from '../api';
import { applySettled } from '../features/port-map/registry';
import type { ScanPortMap } from '../features/port-map/port-map-model';
import { useStore } from '.';

/** A hidden tab gets no animation frames; progress still lands this often. */
const HIDDEN_FLUSH_MS = 250;

/**
 * Carries main's events into the window. Frames that arrive between two animation frames are
 * applied together: port-map cells first (outside React), then one store update for all of them,
 * so a burst of frames from several scans costs one render. Returns the function that stops it.
 */
export function startFramePump(): () => void {
  let buffer: ProgressFrame[] = [];
  let scheduled = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    scheduled = false;
    const frames = buffer;
    buffer = [];
    const touched = new Set<ScanPortMap>();
    for (const frame of frames) {
      if (frame.scanId === null || frame.settled.length === 0) continue;
      const map = applySettled(frame.scanId as ScanId, frame.settled);
      if (map) touched.add(map);
    }
    for (const map of touched) map.notify();
    useStore.getState().applyFrames(frames);
  };

  const offProgress = portholeApi().on('progress', (frame) => {
    buffer.push(frame);
    if (scheduled) return;
    scheduled = true;
    raf = requestAnimationFrame(flush);
    timer = setTimeout(flush, HIDDEN_FLUSH_MS);
  });
  const offFinished = portholeApi().on('finished', (finished) => {
    // The last frame of a scan goes in before its end.
    if (scheduled) flush();
    useStore.getState().applyFinished(finished);
  });
  return () => {
    offProgress();
    offFinished();
    cancelAnimationFrame(raf);
    clearTimeout(timer);
  };
}
