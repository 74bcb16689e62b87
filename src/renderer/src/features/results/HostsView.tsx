import { useMemo } from 'react';
import { countTotal, PORT_STATES, type ScanId } from '../../../../shared/domain';
import type { HostSummary } from '../../../../shared/explorer';
import type { ResultFilterInput } from '../../../../shared/history';
import { portholeApi } from '../../api';
import { useStore } from '../../store';
import { formatCount, formatRtt, plural } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { PagedList } from '../../ui/paged-list';
import { usePagedVirtualList } from '../../ui/usePagedVirtualList';
import { statesOf } from './filter-edit';
import { useLiveTick } from './useLiveTick';

const PAGE = 50;
const PORTS_IN_CARD = 12;

/** Each host with its matching ports, and a line for the rest as nmap prints it. */
export function HostsView({ scanId, filter }: { scanId: ScanId; filter: ResultFilterInput }) {
  const setExplorer = useStore((s) => s.setExplorer);
  const pages = useMemo(
    () =>
      new PagedList<HostSummary>(
        (offset, limit) =>
          portholeApi()
            .call('getHosts', { scanId, filter, page: { offset, limit } })
            .then((page) => ({ items: page.hosts, total: page.total })),
        PAGE,
      ),
    [scanId, filter],
  );
  const { list, scroller, virtualizer } = usePagedVirtualList(pages, useLiveTick(scanId), 120);
  const items = virtualizer.getVirtualItems();

  if (list.error)
    return (
      <p className="form-error" role="alert">
        The hosts cannot be read: {list.error}
      </p>
    );
  if (list.total === 0) return <p className="muted empty-list">No host has a port that matches.</p>;
  return (
    <div className="hosts-view">
      <div ref={scroller} className="hosts-scroll" data-testid="hosts-view">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const host = list.items[item.index]!;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="host-card-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <HostCard
                  host={host}
                  filter={filter}
                  onOpen={() =>
                    setExplorer(scanId, { host: { host: host.host, hostname: host.hostname } })
                  }
                />
              </div>
            );
          })}
        </div>
      </div>
      <p className="table-foot muted" data-testid="hosts-total">
        {list.total === null ? 'Loading…' : plural(list.total, 'host')}
      </p>
    </div>
  );
}

function HostCard({
  host,
  filter,
  onOpen,
}: {
  host: HostSummary;
  filter: ResultFilterInput;
  onOpen(): void;
}) {
  const total = countTotal(host.counts);
  const hidden = total - host.matching;
  const shownStates = statesOf(filter);
  const hiddenByState = PORT_STATES.filter((s) => !shownStates.includes(s) && host.counts[s] > 0);
  const hiddenSum = hiddenByState.reduce((sum, s) => sum + host.counts[s], 0);
  const hiddenLine =
    hidden <= 0
      ? null
      : hiddenSum === hidden && hiddenByState.length === 1
        ? `${plural(hidden, `${hiddenByState[0]} port`)} not shown`
        : `${plural(hidden, 'port')} not shown${
            hiddenByState.length > 0
              ? ` (${hiddenByState.map((s) => `${formatCount(host.counts[s])} ${s}`).join(', ')})`
              : ''
          }`;
  return (
    <article className="host-card" aria-label={`Host ${host.host}`}>
      <header>
        <button type="button" className="link host-name mono" onClick={onOpen}>
          {host.host}
        </button>
        {host.hostname && <span className="muted">{safeText(host.hostname, 80)}</span>}
        <span className="spacer" />
        <span className="muted small">
          {formatCount(host.counts.open)} open
          {host.rttUs && ` · RTT ${formatRtt(host.rttUs.min)}–${formatRtt(host.rttUs.median)}`}
        </span>
      </header>
      {hiddenLine && <p className="muted small not-shown">{hiddenLine}</p>}
      <ul className="host-ports">
        {host.ports.slice(0, PORTS_IN_CARD).map((port) => (
          <li key={port.port}>
            <span className="mono port-number">{port.port}/tcp</span>
            <span className={`state-text ${port.state}`}>{port.state}</span>
            <span>{safeText(port.service, 30)}</span>
            <span className="mono banner" title={safeText(port.banner, 1000)}>
              {safeText(port.banner, 100)}
            </span>
          </li>
        ))}
      </ul>
      {host.matching > PORTS_IN_CARD && (
        <button type="button" className="link small" onClick={onOpen}>
          {plural(host.matching - PORTS_IN_CARD, 'more matching port')}…
        </button>
      )}
    </article>
  );
}
