import { useEffect } from 'react';
import type { ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import type { ScanTab } from '../../store/nav-slice';
import { formatDateTime, plural } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { useMountTurn } from '../../ui/useMountTurn';
import { StatusBadge } from '../../ui/StatusBadge';
import { OpenPerHostChart } from '../live-scan/OpenPerHostChart';
import { OpenPortsTable } from '../live-scan/OpenPortsTable';
import { ProgressPanel } from '../live-scan/ProgressPanel';
import { RateChart } from '../live-scan/RateChart';
import { ScanControls } from '../live-scan/ScanControls';
import { StateMix } from '../live-scan/StateMix';
import { PortMapPanel } from '../port-map/PortMapPanel';
import { ResultsExplorer } from '../results/ResultsExplorer';
import { ScanActions } from './ScanActions';
import { ScanNotice } from './ScanNotice';
import { TimelineChart } from '../compare/TimelineChart';
import { WhatChanged } from '../compare/WhatChanged';

const TABS: { tab: ScanTab; label: string }[] = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'results', label: 'Results' },
];

/** One scan: its header and progress, then its overview (live charts, port map) or its results. */
export function ScanView({ scanId, tab }: { scanId: ScanId; tab: ScanTab }) {
  const openScan = useStore((s) => s.openScan);
  const detail = useStore((s) => s.details[scanId]);
  const status = useStore((s) => s.live[scanId]?.status ?? detail?.status);
  const loadError = useStore((s) => s.loadErrors[scanId]);
  const navigate = useStore((s) => s.navigate);
  useEffect(() => {
    void openScan(scanId);
  }, [openScan, scanId]);

  if (loadError && !detail) {
    return (
      <div className="empty-state" role="alert">
        <h2>Scan {scanId} cannot be shown</h2>
        <p>{loadError}</p>
      </div>
    );
  }
  const title = detail ? (detail.name ?? detail.targets) : `Scan ${scanId}`;
  return (
    <article className="scan-view" aria-labelledby="scan-title">
      <header className="scan-header">
        <div className="scan-title-block">
          <h2 id="scan-title" className="view-title" title={title}>
            {safeText(title, 120)}
          </h2>
          {detail && (
            <p className="muted scan-meta">
              #{scanId} · ports {safeText(detail.ports, 60)} · started{' '}
              {formatDateTime(detail.startedAt)}
              {detail.hostCount > 0 && ` · ${plural(detail.hostCount, 'host')}`}
              {detail.name && (
                <>
                  {' '}
                  · <span className="mono">{safeText(detail.targets, 80)}</span>
                </>
              )}
            </p>
          )}
        </div>
        {status && <StatusBadge status={status} />}
        <ScanControls scanId={scanId} />
        <ScanActions scanId={scanId} />
      </header>
      <ScanNotice scanId={scanId} />
      <ProgressPanel scanId={scanId} />
      <div className="tabs" role="tablist" aria-label="Scan views">
        {TABS.map(({ tab: t, label }) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            className={tab === t ? 'tab selected' : 'tab'}
            onClick={() => navigate({ view: 'scan', scanId, tab: t })}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'overview' ? <Overview scanId={scanId} /> : <ResultsExplorer scanId={scanId} />}
      </div>
    </article>
  );
}

function Overview({ scanId }: { scanId: ScanId }) {
  // The header and progress paint first; the cards follow at low priority, so the click that
  // opened the scan is answered at once.
  if (!useMountTurn()) return <div className="overview" />;
  return (
    <div className="overview">
      <WhatChanged scanId={scanId} />
      <TimelineChart scanId={scanId} />
      <section className="card rate" aria-labelledby="rate-title">
        <h3 id="rate-title">Probes per second</h3>
        <RateChart scanId={scanId} />
      </section>
      <section className="card" aria-labelledby="mix-title">
        <h3 id="mix-title">Port states</h3>
        <StateMix scanId={scanId} />
      </section>
      <section className="card" aria-labelledby="per-host-title">
        <h3 id="per-host-title">Open ports per host</h3>
        <OpenPerHostChart scanId={scanId} />
      </section>
      <section className="card wide" aria-labelledby="map-title">
        <h3 id="map-title">Port map</h3>
        <PortMapLegend />
        <PortMapPanel scanId={scanId} />
      </section>
      <section className="card wide" aria-labelledby="open-title">
        <h3 id="open-title">Open ports</h3>
        <OpenPortsTable scanId={scanId} />
      </section>
    </div>
  );
}

function PortMapLegend() {
  return (
    <ul className="map-legend" aria-label="Port map colours">
      {['open', 'closed', 'filtered', 'error', 'pending'].map((state) => (
        <li key={state}>
          <span className={`swatch ${state}`} aria-hidden="true" />
          {state === 'pending' ? 'not probed yet' : state}
        </li>
      ))}
    </ul>
  );
}
