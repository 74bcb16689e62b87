import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { isActive, type PortResult, type ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { formatCount, formatRtt } from '../../ui/format';
import { safeText } from '../../ui/safe-text';

const ROW = 28;

/** Open ports the moment they are found, newest first. */
export function OpenPortsTable({ scanId }: { scanId: ScanId }) {
  const ports = useStore((s) => s.live[scanId]?.openPorts);
  const openCount = useStore((s) => s.live[scanId]?.counts.open ?? 0);
  const active = useStore((s) => isActive(s.live[scanId]?.status));
  const scroller = useRef<HTMLDivElement>(null);
  const list = ports ?? [];
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual; no React Compiler here
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  if (list.length === 0) {
    return (
      <p className="muted chart-empty">
        {active ? 'Open ports appear here as they are found.' : 'No open ports found.'}
      </p>
    );
  }
  const at = (index: number): PortResult => list[list.length - 1 - index]!;
  return (
    <div
      className="table open-ports"
      role="table"
      aria-label="Open ports"
      aria-rowcount={list.length + 1}
    >
      <div className="table-head" role="row">
        <span role="columnheader">Host</span>
        <span role="columnheader">Port</span>
        <span role="columnheader">Service</span>
        <span role="columnheader">RTT</span>
        <span role="columnheader">Banner</span>
      </div>
      <div ref={scroller} className="table-body" style={{ maxHeight: 320 }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const port = at(item.index);
            return (
              <div
                key={item.key}
                role="row"
                className="table-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
              >
                <span
                  role="cell"
                  className="mono"
                  title={safeText(port.hostname ?? port.host, 300)}
                >
                  {safeText(port.hostname ? `${port.hostname} (${port.host})` : port.host, 60)}
                </span>
                <span role="cell" className="mono">
                  {port.port}
                </span>
                <span role="cell">{safeText(port.service, 40)}</span>
                <span role="cell" className="mono">
                  {formatRtt(port.rttUs)}
                </span>
                <span role="cell" className="mono banner" title={safeText(port.banner, 1000)}>
                  {safeText(port.banner, 120)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {openCount > list.length && (
        <p className="muted small">
          Showing {formatCount(list.length)} of {formatCount(openCount)} open ports; the Results tab
          has them all.
        </p>
      )}
    </div>
  );
}
