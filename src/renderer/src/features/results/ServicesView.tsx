import type { ScanId } from '../../../../shared/domain';
import type { ServiceList } from '../../../../shared/explorer';
import type { ResultFilterInput } from '../../../../shared/history';
import { formatResultQuery } from '../../../../shared/result-query';
import { portholeApi } from '../../api';
import { useStore } from '../../store';
import { formatCount } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { useQuery } from '../../ui/useQuery';
import { withField } from './filter-edit';
import { useLiveTick } from './useLiveTick';

const SAMPLE_SHOWN = 8;

/** "router.lan:80", "10.0.0.5:22", "[::1]:443": a port where it was found. */
function where(p: { host: string; hostname: string | null; port: number }): string {
  const host =
    p.hostname !== null ? safeText(p.hostname, 40) : p.host.includes(':') ? `[${p.host}]` : p.host;
  return `${host}:${p.port}`;
}

/** "Who runs HTTP?": matching ports grouped by service, most ports first. */
export function ServicesView({ scanId, filter }: { scanId: ScanId; filter: ResultFilterInput }) {
  const setExplorer = useStore((s) => s.setExplorer);
  const tick = useLiveTick(scanId);
  const { data: list, error } = useQuery<ServiceList>(
    `${scanId}|${JSON.stringify(filter)}`,
    () => portholeApi().call('getServices', { scanId, filter }),
    tick,
  );

  if (error)
    return (
      <p className="form-error" role="alert">
        The services cannot be read: {error}
      </p>
    );
  if (!list) return <p className="muted empty-list">Loading…</p>;
  if (list.services.length === 0) return <p className="muted empty-list">No port matches.</p>;
  return (
    <div className="services-view" data-testid="services-view">
      <div className="table" role="table" aria-label="Services">
        <div className="table-head services-grid" role="row">
          <span role="columnheader">Service</span>
          <span role="columnheader">Ports</span>
          <span role="columnheader">Hosts</span>
          <span role="columnheader">Where</span>
        </div>
        <div className="table-body services-body">
          {list.services.map((service) => (
            <div key={service.service ?? ''} className="table-row static services-grid" role="row">
              <span role="cell">
                {service.service === null ? (
                  <span className="muted">no name</span>
                ) : (
                  <button
                    type="button"
                    className="link"
                    title="Show these ports"
                    onClick={() =>
                      setExplorer(scanId, {
                        view: 'ports',
                        query: formatResultQuery(withField(filter, 'service', service.service!)),
                      })
                    }
                  >
                    {safeText(service.service, 40)}
                  </button>
                )}
              </span>
              <span role="cell" className="mono">
                {formatCount(service.ports)}
              </span>
              <span role="cell" className="mono">
                {formatCount(service.hosts)}
              </span>
              <span role="cell" className="where">
                {service.sample.slice(0, SAMPLE_SHOWN).map((p) => (
                  <button
                    key={`${p.host}:${p.hostname ?? ''}:${p.port}`}
                    type="button"
                    className="link mono"
                    onClick={() =>
                      setExplorer(scanId, { host: { host: p.host, hostname: p.hostname } })
                    }
                  >
                    {where(p)}
                  </button>
                ))}
                {service.ports > SAMPLE_SHOWN && (
                  <span className="muted">
                    {' '}
                    and {formatCount(service.ports - SAMPLE_SHOWN)} more
                  </span>
                )}
              </span>
            </div>
          ))}
        </div>
      </div>
      {list.truncated && (
        <p className="muted small">
          Only the services with the most ports are listed; narrow the query.
        </p>
      )}
    </div>
  );
}
