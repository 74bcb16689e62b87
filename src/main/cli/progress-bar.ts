import type { ProgressFrame } from '../../shared/progress';

const WIDTH = 24;

/** One line, redrawn in place on a terminal's stderr. */
export function renderProgressLine(frame: ProgressFrame): string {
  const fraction = frame.total > 0 ? Math.min(1, frame.done / frame.total) : 1;
  const filled = Math.round(fraction * WIDTH);
  const bar = '#'.repeat(filled) + '.'.repeat(WIDTH - filled);
  const eta = frame.etaSeconds === null ? '' : ` ETA ${formatSeconds(frame.etaSeconds)}`;
  const paused = frame.status === 'paused' ? ' (paused)' : '';
  return (
    `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
    `${frame.done}/${frame.total} ${Math.round(frame.rate)}/s${eta} ` +
    `open ${frame.counts.open}${paused}`
  );
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.ceil(seconds - m * 60)).padStart(2, '0')}s`;
}

/** Draws frames on a TTY at the pace they come (the session already throttles them). */
export class ProgressBar {
  private drawn = false;
  constructor(private readonly stream: NodeJS.WritableStream) {}

  draw(frame: ProgressFrame): void {
    this.stream.write(`\r\x1b[2K${renderProgressLine(frame)}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
