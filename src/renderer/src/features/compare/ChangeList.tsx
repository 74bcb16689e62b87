import { changeKind } from '../../../../shared/diff-kind';
import type { PortChange, PortSnapshot } from '../../../../shared/history';
import { hostLabel } from '../../store/live-scan';
import { safeText } from '../../ui/safe-text';
import type { HostChanges } from './diff-groups';

const MARK = { added: '+', removed: '−', changed: '~' } as const;
const WORD = { added: 'opened', removed: 'no longer open', changed: 'changed' } as const;

/** A comparison's changes, host by host; every value from a host is shown as escaped text. */
export function ChangeList({ groups, limit }: { groups: HostChanges[]; limit?: number }) {
  return (
    <div className="change-list">
      {limitGroups(groups, limit).map((group) => (
        <section
          key={`${group.host} ${group.hostname ?? ''}`}
          className="change-host"
          aria-label={`Changes on ${group.host}`}
        >
          <h4>
            <span className="mono">{safeText(hostLabel(group.host, group.hostname), 120)}</span>
            {group.appeared && <span className="change-tag added">host appeared</span>}
            {group.gone && <span className="change-tag removed">host gone</span>}
          </h4>
          <ul>
            {group.changes.map((change) => (
              <ChangeRow key={`${change.port}/${change.protocol}`} change={change} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The first `limit` lines (a host heading counts as one when it has no port changes). */
function limitGroups(groups: HostChanges[], limit: number | undefined): HostChanges[] {
  if (limit === undefined) return groups;
  const out: HostChanges[] = [];
  let left = limit;
  for (const group of groups) {
    if (left <= 0) break;
    const changes = group.changes.slice(0, left);
    left -= Math.max(1, changes.length);
    out.push({ ...group, changes });
  }
  return out;
}

function ChangeRow({ change }: { change: PortChange }) {
  const kind = changeKind(change);
  return (
    <li className={`change-row ${kind}`}>
      <span className="change-mark" aria-hidden="true">
        {MARK[kind]}
      </span>
      <span className="mono port-number">
        {change.port}/{change.protocol}
      </span>
      <span className="sr-only">{WORD[kind]}:</span>
      <span className="change-detail">
        <Snapshot snapshot={change.before} /> <span className="muted">→</span>{' '}
        <Snapshot snapshot={change.after} />
      </span>
    </li>
  );
}

function Snapshot({ snapshot }: { snapshot: PortSnapshot | null }) {
  if (!snapshot) return <span className="muted">not scanned</span>;
  return (
    <span className="snapshot">
      <span className={`state-text ${snapshot.state}`}>{snapshot.state}</span>
      {snapshot.service && <span> {safeText(snapshot.service, 40)}</span>}
      {snapshot.banner && (
        <span className="mono banner" title={safeText(snapshot.banner, 1000)}>
          {' '}
          “{safeText(snapshot.banner, 60)}”
        </span>
      )}
    </span>
  );
}
