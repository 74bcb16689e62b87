import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { isFinal, type ScanId } from '../../../../shared/domain';
import { serviceName } from '../../../../shared/ports';
import { useStore } from '../../store';
import { hostLabel } from '../../store/live-scan';
import { formatCount } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { readPalette, type Palette } from './draw';
import { gridFor } from './grid';
import { HostMapCanvas } from './HostMapCanvas';
import { CODE_STATE, type ScanPortMap } from './port-map-model';
import { portMapOf } from './registry';
import { useStoredPortMap } from './useStoredPortMap';

const LABEL_HEIGHT = 24;
const ROW_GAP = 14;
const MAX_PANEL_HEIGHT = 460;

interface Tip {
  text: string;
  state: string;
  x: number;
  y: number;
}

/** Every host's scanned ports as a grid of cells, coloured by state as they settle. */
export function PortMapPanel({ scanId }: { scanId: ScanId }) {
  const map = portMapOf(scanId);
  const final = useStore((s) => isFinal(s.live[scanId]?.status));
  useStoredPortMap(scanId, map, final);
  if (!map) return <p className="muted">Loading the port map…</p>;
  return <PortMapList map={map} />;
}

function PortMapList({ map }: { map: ScanPortMap }) {
  useSyncExternalStore((listener) => map.subscribe(listener), map.getVersion);
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [palette, setPalette] = useState<Palette | null>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const theme = useStore((s) => s.theme);
  useEffect(() => {
    // The colours come from the theme's variables: read them again when the theme changes.
    if (container.current) setPalette(readPalette(container.current));
  }, [theme]);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const grid = useMemo(() => gridFor(map.ports.length, width - 4), [map.ports.length, width]);
  const rowHeight = LABEL_HEIGHT + grid.height + ROW_GAP;
  const hosts = map.hosts;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual; no React Compiler here
  const virtualizer = useVirtualizer({
    count: hosts.length,
    getScrollElement: () => container.current,
    estimateSize: () => rowHeight,
    overscan: 2,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  const showTip = (hostIndex: number) => (cell: number, x: number, y: number) => {
    const host = hosts[hostIndex];
    if (cell < 0 || !host) return setTip(null);
    const port = map.ports[cell]!;
    const state = CODE_STATE[host.cells[cell]!] ?? 'not probed yet';
    const service = serviceName(port);
    setTip({ text: `${port}/tcp${service ? ` ${service}` : ''}`, state, x, y });
  };

  return (
    <div className="port-map">
      <div
        ref={container}
        className="port-map-scroll"
        style={{ maxHeight: MAX_PANEL_HEIGHT }}
        data-testid="port-map"
      >
        {hosts.length === 0 && <p className="muted">Cells appear here as ports are probed.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {palette &&
            width > 0 &&
            virtualizer.getVirtualItems().map((item) => {
              const host = hosts[item.index]!;
              // A hostname comes from a resolver answer: hostile, escaped and bounded like a banner.
              const label = safeText(hostLabel(host.host, host.hostname), 120);
              return (
                <div
                  key={item.key}
                  className="host-map"
                  style={{ position: 'absolute', top: item.start, left: 0, right: 0 }}
                >
                  <div className="host-map-label">
                    <span className="mono">{label}</span>
                    <span className="muted">
                      {formatCount(host.open)} open · {formatCount(host.settled)} of{' '}
                      {formatCount(map.ports.length)} probed
                    </span>
                  </div>
                  <HostMapCanvas
                    map={map}
                    host={host}
                    grid={grid}
                    palette={palette}
                    label={`Port map of ${label}`}
                    onHover={showTip(item.index)}
                  />
                </div>
              );
            })}
        </div>
      </div>
      {map.full && (
        <p className="muted small">
          The map shows the first {formatCount(map.hosts.length)} hosts; every host is in the
          results.
        </p>
      )}
      {tip && (
        <div className="map-tip" role="tooltip" style={{ left: tip.x + 12, top: tip.y + 12 }}>
          <span className="mono">{tip.text}</span>{' '}
          <span className={`state-text ${tip.state}`}>{tip.state}</span>
        </div>
      )}
    </div>
  );
}
