import { isFinal, type ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { statusOf } from '../../store/scans-slice';
import { formatCount } from '../../ui/format';
import { ChangeList } from './ChangeList';
import { diffCounts, groupDiff, kindCount } from './diff-groups';

const SHOWN = 12;

/** At the top of a scan: what changed since the previous scan of the same targets. */
export function WhatChanged({ scanId }: { scanId: ScanId }) {
  const status = useStore((s) => statusOf(s, scanId));
  const navigate = useStore((s) => s.navigate);
  // Loaded with the scan (scans-slice openScan), again when it ends.
  const previous = useStore((s) => s.diffs[scanId]);
  const final = isFinal(status);
  if (!final || !previous) return null;
  const { diff, error } = previous;
  if (error) {
    return (
      <p className="form-error" role="alert">
        What changed cannot be read: {error}
      </p>
    );
  }
  if (!diff) return null;
  const counts = diffCounts(diff);
  const none = kindCount(counts, 'all') === 0;
  const groups = groupDiff(diff);
  return (
    <section className="card wide what-changed" aria-labelledby="what-changed-title">
      <header className="what-changed-header">
        <h3 id="what-changed-title">What changed since scan #{diff.from}</h3>
        <span className="spacer" />
        <button
          type="button"
          className="link"
          onClick={() => navigate({ view: 'scan', scanId: diff.from, tab: 'overview' })}
        >
          Open #{diff.from}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => navigate({ view: 'compare', from: diff.from, to: diff.to })}
        >
          Compare side by side
        </button>
      </header>
      {none ? (
        <p className="muted">
          Nothing changed: the same ports are open, with the same services and banners.
        </p>
      ) : (
        <>
          <ul className="change-summary" aria-label="Changes in numbers">
            <li className={counts.added ? 'added' : 'none'}>+{formatCount(counts.added)} opened</li>
            <li className={counts.removed ? 'removed' : 'none'}>
              −{formatCount(counts.removed)} no longer open
            </li>
            <li className={counts.changed ? 'changed' : 'none'}>
              ~{formatCount(counts.changed)} changed
            </li>
            {counts.hostsAdded > 0 && (
              <li className="added">{formatCount(counts.hostsAdded)} hosts appeared</li>
            )}
            {counts.hostsGone > 0 && (
              <li className="removed">{formatCount(counts.hostsGone)} hosts gone</li>
            )}
          </ul>
          <ChangeList groups={groups} limit={SHOWN} />
          {diff.changes.length > SHOWN && (
            <button
              type="button"
              className="link small"
              onClick={() => navigate({ view: 'compare', from: diff.from, to: diff.to })}
            >
              All {formatCount(diff.changes.length)} changes…
            </button>
          )}
        </>
      )}
      {diff.partial.length > 0 && (
        <p className="muted small">
          {diff.partial.map((id) => `#${id}`).join(' and ')} did not complete: ports and hosts it
          never reached are not counted as changes.
        </p>
      )}
      {diff.truncated && <p className="muted small">Only the first changes are listed.</p>}
    </section>
  );
}
