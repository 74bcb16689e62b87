import { PORT_STATES, type ScanId } from '../../../../shared/domain';
import type { HostSummary } from '../../../../shared/explorer';
import type { ResultFilterInput } from '../../../../shared/history';
import { portholeApi } from '../../api';
import { formatCount, formatRtt, plural } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { useQuery } from '../../ui/useQuery';
import { useLiveTick } from './useLiveTick';

interface Props {
  scanId: ScanId;
  host: { host: string; hostname: string | null };
  filter: ResultFilterInput;
  onClose(): void;
}

/** One host: its counts, round trips, and each shown port with its full banner. */
export function HostPanel({ scanId, host, filter, onClose }: Props) {
  const tick = useLiveTick(scanId);
  const { data: summary, error } = useQuery<HostSummary | null>(
    `${scanId}|${host.host}|${host.hostname ?? ''}|${JSON.stringify(filter)}`,
    async () => {
      const page = await portholeApi().call('getHosts', {
        scanId,
        // This host only (by its name too, when it was reached by one), with the view's other filters.
        filter: { ...filter, host: host.host },
        page: { offset: 0, limit: 10 },
      });
      return page.hosts.find((h) => h.hostname === host.hostname) ?? page.hosts[0] ?? null;
    },
    tick,
  );

  return (
    <aside className="host-panel" aria-labelledby="host-panel-title">
      <header>
        <h3 id="host-panel-title" className="mono">
          {host.host}
        </h3>
        <button
          type="button"
          className="icon-button"
          aria-label="Close host details"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {host.hostname && <p className="muted">{safeText(host.hostname, 200)}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {summary === undefined && !error && <p className="muted">Loading…</p>}
      {summary === null && <p className="muted">No port of this host matches the query.</p>}
      {summary && (
        <>
          <dl className="host-facts">
            {PORT_STATES.map((state) => (
              <div key={state}>
                <dt className={`state-text ${state}`}>{state}</dt>
                <dd>{formatCount(summary.counts[state])}</dd>
              </div>
            ))}
            <div>
              <dt>fastest RTT</dt>
              <dd>{formatRtt(summary.rttUs?.min ?? null)}</dd>
            </div>
            <div>
              <dt>median RTT</dt>
              <dd>{formatRtt(summary.rttUs?.median ?? null)}</dd>
            </div>
          </dl>
          <h4>
            {plural(summary.matching, 'matching port')}
            {summary.matching > summary.ports.length &&
              ` (first ${formatCount(summary.ports.length)})`}
          </h4>
          <ul className="host-panel-ports">
            {summary.ports.map((port) => (
              <li key={port.port}>
                <div className="host-port-line">
                  <span className="mono port-number">{port.port}/tcp</span>
                  <span className={`state-text ${port.state}`}>{port.state}</span>
                  <span>{safeText(port.service, 40)}</span>
                  <span className="muted mono">{formatRtt(port.rttUs)}</span>
                  <span className="muted small">{port.reason}</span>
                </div>
                {port.banner !== null && (
                  <pre className="banner-full">{safeText(port.banner, 4000)}</pre>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
