import type { Grid } from './grid';

/** Colours of the five cell codes (not yet, open, closed, filtered, error) as RGBA words. */
export type Palette = Uint32Array;

/** Reads the state colours from the theme's CSS variables, so the map follows the theme. */
export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const names = ['--map-pending', '--open', '--closed-map', '--filtered', '--error'];
  return Uint32Array.from(names.map((name) => rgbaWord(style.getPropertyValue(name).trim())));
}

/** "#rrggbb" -> a little-endian RGBA word for a Uint32Array view of ImageData. */
function rgbaWord(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = m ? [m[1], m[2], m[3]].map((h) => parseInt(h!, 16)) : [128, 128, 128];
  return ((255 << 24) | (b! << 16) | (g! << 8) | r!) >>> 0;
}

/**
 * Draws into `image` every cell whose code differs from `drawn` (all of them the first time),
 * and records what it drew. One pass over a byte array: 65,536 cells cost well under a
 * millisecond when little changed, a few when everything did.
 */
export function paintCells(
  image: ImageData,
  grid: Grid,
  scale: number,
  cells: Uint8Array,
  drawn: Uint8Array,
  palette: Palette,
): boolean {
  const pixels = new Uint32Array(image.data.buffer);
  const stride = image.width;
  const size = Math.max(1, Math.round((grid.pitch - grid.gap) * scale));
  const pitch = grid.pitch * scale;
  let changed = false;
  for (let i = 0; i < cells.length; i += 1) {
    const code = cells[i]!;
    if (drawn[i] === code + 1) continue;
    drawn[i] = code + 1;
    changed = true;
    const color = palette[code] ?? 0;
    const x0 = Math.round((i % grid.cols) * pitch);
    const y0 = Math.round(Math.floor(i / grid.cols) * pitch);
    for (let y = y0; y < y0 + size && y < image.height; y += 1) {
      const row = y * stride;
      pixels.fill(color, row + x0, Math.min(row + x0 + size, row + stride));
    }
  }
  return changed;
}

/**
 * On a map of tiny cells (a 65,535-port host) an open port would be two pixels: stamp open and
 * error cells one pixel larger on every side, after the cells around them, so they stand out.
 */
export function stampMarked(
  image: ImageData,
  grid: Grid,
  scale: number,
  cells: Uint8Array,
  marked: readonly number[],
  palette: Palette,
): void {
  const pitch = grid.pitch * scale;
  if (pitch > 4 || marked.length === 0) return;
  const pixels = new Uint32Array(image.data.buffer);
  const stride = image.width;
  const size = Math.max(1, Math.round((grid.pitch - grid.gap) * scale));
  const grow = Math.max(1, Math.round(scale));
  for (const i of marked) {
    const color = palette[cells[i]!] ?? 0;
    const x0 = Math.max(0, Math.round((i % grid.cols) * pitch) - grow);
    const y0 = Math.max(0, Math.round(Math.floor(i / grid.cols) * pitch) - grow);
    const x1 = Math.min(stride, x0 + size + 2 * grow);
    const y1 = Math.min(image.height, y0 + size + 2 * grow);
    for (let y = y0; y < y1; y += 1) pixels.fill(color, y * stride + x0, y * stride + x1);
  }
}
