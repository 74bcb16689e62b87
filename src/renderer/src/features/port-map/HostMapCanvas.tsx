import { useEffect, useRef, type MouseEvent } from 'react';
import { paintCells, stampMarked, type Palette } from './draw';
import { cellAt, type Grid } from './grid';
import type { HostCells, ScanPortMap } from './port-map-model';

interface Props {
  map: ScanPortMap;
  host: HostCells;
  grid: Grid;
  palette: Palette;
  label: string;
  onHover(cell: number, x: number, y: number): void;
}

/**
 * One host's ports as a canvas of cells. It repaints in the animation frame after the map
 * changes, and only the cells that changed since it last painted.
 */
export function HostMapCanvas({ map, host, grid, palette, label, onHover }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const scale = window.devicePixelRatio || 1;
    element.width = Math.max(1, Math.round(grid.width * scale));
    element.height = Math.max(1, Math.round(grid.height * scale));
    const image = context.createImageData(element.width, element.height);
    const drawn = new Uint8Array(host.cells.length);
    let frame = 0;
    const paint = () => {
      frame = 0;
      if (paintCells(image, grid, scale, host.cells, drawn, palette)) {
        stampMarked(image, grid, scale, host.cells, host.marked, palette);
        context.putImageData(image, 0, 0);
      }
    };
    paint();
    const unsubscribe = map.subscribe(() => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [map, host, grid, palette]);

  const hover = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const cell = cellAt(
      grid,
      host.cells.length,
      event.clientX - rect.left,
      event.clientY - rect.top,
    );
    onHover(cell, event.clientX, event.clientY);
  };

  return (
    <canvas
      ref={canvas}
      className="host-map-canvas"
      style={{ width: grid.width, height: grid.height }}
      role="img"
      aria-label={label}
      onMouseMove={hover}
      onMouseLeave={() => onHover(-1, 0, 0)}
    />
  );
}
