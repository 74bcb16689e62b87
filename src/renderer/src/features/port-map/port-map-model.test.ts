import { describe, expect, it } from 'vitest';
import { paintCells, type Palette } from './draw';
import { cellAt, gridFor } from './grid';
import { MAX_CELLS, ScanPortMap, STATE_CODE } from './port-map-model';

describe('ScanPortMap', () => {
  it('places settled runs on the cells of the scanned ports, whatever order they come in', () => {
    const map = new ScanPortMap(Uint16Array.from([22, 80, 443, 8080]));
    map.apply({ host: '10.0.0.1', hostname: null, runs: { closed: [22, 22, 443, 8080] } });
    map.apply({ host: '10.0.0.1', hostname: null, runs: { open: [80, 80] } });
    // A stored page that overlaps the live frames changes nothing.
    map.apply({ host: '10.0.0.1', hostname: null, runs: { closed: [22, 22], open: [80, 80] } });
    const [host] = map.hosts;
    expect([...host!.cells]).toEqual([2, 1, 2, 2]);
    expect(host!.settled).toBe(4);
    expect(host!.open).toBe(1);
  });

  it('keeps at most MAX_CELLS bytes, and says the map is full', () => {
    const ports = Uint16Array.from({ length: 65535 }, (_, i) => i + 1);
    const map = new ScanPortMap(ports);
    expect(map.maxHosts).toBe(Math.floor(MAX_CELLS / 65535));
    for (let i = 0; i <= map.maxHosts; i += 1) {
      map.apply({ host: `10.0.${i >> 8}.${i & 255}`, hostname: null, runs: { closed: [1, 1] } });
    }
    expect(map.hosts).toHaveLength(map.maxHosts);
    expect(map.full).toBe(true);
  });
});

describe('the map grid', () => {
  it('fits 65,536 cells of at least 2 px into the width, and small scans get bigger cells', () => {
    const all = gridFor(65535, 900);
    expect(all.pitch).toBe(2);
    expect(all.cols * all.rows).toBeGreaterThanOrEqual(65535);
    expect(all.width).toBeLessThanOrEqual(900);
    expect(gridFor(100, 900).pitch).toBe(18);
  });

  it('finds the cell under a point', () => {
    const grid = gridFor(100, 900);
    expect(cellAt(grid, 100, 1, 1)).toBe(0);
    expect(cellAt(grid, 100, grid.pitch * 3 + 1, 1)).toBe(3);
    expect(cellAt(grid, 100, 1, grid.pitch + 1)).toBe(grid.cols);
    expect(cellAt(grid, 100, -1, 1)).toBe(-1);
    expect(cellAt(grid, 100, 1, grid.height + 5)).toBe(-1);
  });

  it('paints only what changed since the last paint', () => {
    const grid = gridFor(4, 100);
    const image = new ImageData(grid.width, grid.height);
    const palette: Palette = Uint32Array.from([1, 2, 3, 4, 5]);
    const cells = new Uint8Array(4);
    const drawn = new Uint8Array(4);
    expect(paintCells(image, grid, 1, cells, drawn, palette)).toBe(true);
    expect(paintCells(image, grid, 1, cells, drawn, palette)).toBe(false);
    cells[3] = STATE_CODE.open;
    expect(paintCells(image, grid, 1, cells, drawn, palette)).toBe(true);
    const pixels = new Uint32Array(image.data.buffer);
    expect(pixels[3 * grid.pitch]).toBe(palette[STATE_CODE.open]);
    expect(pixels[0]).toBe(palette[0]);
  });
});
