/** Where each cell of a host's port map sits: a grid filled row by row in port order. */
export interface Grid {
  /** Cell pitch in CSS pixels (cell plus gap). */
  pitch: number;
  gap: number;
  cols: number;
  rows: number;
  width: number;
  height: number;
}

/** The height a host's map aims for; small scans get bigger cells, not taller maps. */
const TARGET_HEIGHT = 150;
const MIN_PITCH = 2;
const MAX_PITCH = 18;

export function gridFor(cells: number, width: number): Grid {
  const usable = Math.max(60, Math.floor(width));
  const ideal = Math.floor(Math.sqrt((usable * TARGET_HEIGHT) / Math.max(1, cells)));
  const pitch = Math.min(MAX_PITCH, Math.max(MIN_PITCH, ideal));
  const cols = Math.max(1, Math.min(cells, Math.floor(usable / pitch)));
  const rows = Math.max(1, Math.ceil(cells / cols));
  return { pitch, gap: pitch >= 6 ? 1 : 0, cols, rows, width: cols * pitch, height: rows * pitch };
}

/** The cell under a point of the canvas (CSS pixels), or -1. */
export function cellAt(grid: Grid, cells: number, x: number, y: number): number {
  const col = Math.floor(x / grid.pitch);
  const row = Math.floor(y / grid.pitch);
  if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) return -1;
  const cell = row * grid.cols + col;
  return cell < cells ? cell : -1;
}
