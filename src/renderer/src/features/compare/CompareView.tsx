import { useState } from 'react';
import type { ScanId } from '../../../../shared/domain';
import type { ScanDetail } from '../../../../shared/history';
import { DIFF_EXPORT_KINDS, type DiffExportKind } from '../../../../shared/history-actions';
import { portholeApi } from '../../api';
import { useStore } from '../../store';
import { messageOf } from '../../store/app-slice';
import { formatCount, formatDateTime } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { StatusBadge } from '../../ui/StatusBadge';
import { useQuery } from '../../ui/useQuery';
import { deliverExport } from '../export/deliver';
import { ChangeList } from './ChangeList';
import { diffCounts, groupDiff, kindCount } from './diff-groups';

const KIND_LABELS: Record<DiffExportKind | 'all', string> = {
  all: 'Everything',
  added: 'Opened',
  removed: 'No longer open',
  changed: 'Changed',
};

/** Two scans side by side: what was added, removed and changed, host by host. */
export function CompareView({ from, to }: { from: ScanId; to: ScanId }) {
  const navigate = useStore((s) => s.navigate);
  const [kind, setKind] = useState<DiffExportKind | 'all'>('all');
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const { data: diff, error } = useQuery(`${from}:${to}`, () =>
    portholeApi().call('diffScans', { from, to }),
  );
  const loaded = diff !== undefined || error !== null;
  const counts = diff ? diffCounts(diff) : null;
  const groups = diff ? groupDiff(diff, kind) : [];

  async function exportCsv() {
    setSaid(null);
    try {
      const outcome = await portholeApi().call('exportDiff', {
        from,
        to,
        ...(kind === 'all' ? {} : { kind }),
      });
      const text = deliverExport(outcome, (refusal) =>
        setSaid({ text: `The download was refused: ${refusal}`, error: true }),
      );
      if (text) setSaid({ text, error: false });
    } catch (e) {
      setSaid({ text: messageOf(e), error: true });
    }
  }

  return (
    <section className="compare-view" aria-labelledby="compare-title">
      <header className="view-header">
        <h2 id="compare-title" className="view-title">
          Compare #{from} and #{to}
        </h2>
        <span className="spacer" />
        <button type="button" onClick={() => navigate({ view: 'compare', from: to, to: from })}>
          Swap
        </button>
        <button type="button" onClick={() => void exportCsv()} disabled={!diff}>
          Export CSV
        </button>
      </header>
      {said && (
        <p className={said.error ? 'form-error' : 'muted'} role={said.error ? 'alert' : 'status'}>
          {said.text}
        </p>
      )}
      <div className="compare-sides">
        <ScanSide id={from} label="Earlier" />
        <ScanSide id={to} label="Later" />
      </div>
      {!loaded && <p className="muted">Comparing…</p>}
      {error && (
        <p className="form-error" role="alert">
          The scans cannot be compared: {error}
        </p>
      )}
      {diff && counts && (
        <>
          <div className="state-chips" role="radiogroup" aria-label="Changes shown">
            {(['all', ...DIFF_EXPORT_KINDS] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={kind === k}
                className={`chip ${k}`}
                onClick={() => setKind(k)}
              >
                {KIND_LABELS[k]}
                <span className="chip-count">
                  {formatCount(kindCount(counts, k))}
                  {/* Counted over the changes listed: past the cut there are more. */}
                  {diff.truncated && '+'}
                </span>
              </button>
            ))}
          </div>
          {groups.length === 0 ? (
            <p className="muted empty-list">
              {kind === 'all' ? 'The two scans found the same.' : 'No change of this kind.'}
            </p>
          ) : (
            <div className="card">
              <ChangeList groups={groups} />
            </div>
          )}
          {diff.partial.length > 0 && (
            <p className="muted small">
              {diff.partial.map((id) => `#${id}`).join(' and ')} did not complete: what it never
              reached is not counted as a change.
            </p>
          )}
          {diff.truncated && (
            <p className="muted small">
              Only the first changes are listed; the export has them all.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function ScanSide({ id, label }: { id: ScanId; label: string }) {
  const navigate = useStore((s) => s.navigate);
  const { data: detail, error } = useQuery<ScanDetail | null>(String(id), () =>
    portholeApi().call('getScan', { scanId: id }),
  );
  return (
    <div className="card compare-side">
      <p className="muted small">{label}</p>
      {detail === undefined && !error && <p className="muted">Loading…</p>}
      {detail === null && <p className="form-error">Scan #{id} is not in the history.</p>}
      {error && (
        <p className="form-error">
          Scan #{id} cannot be read: {error}
        </p>
      )}
      {detail && (
        <>
          <button
            type="button"
            className="link compare-side-title"
            onClick={() => navigate({ view: 'scan', scanId: id, tab: 'overview' })}
          >
            #{id} {safeText(detail.name ?? detail.targets, 80)}
          </button>
          <p className="muted small">
            {formatDateTime(detail.startedAt)} · ports {safeText(detail.ports, 40)}
          </p>
          <p>
            <StatusBadge status={detail.status} />{' '}
            <span className="state-text open">{formatCount(detail.counts.open)} open</span>{' '}
            <span className="muted">· {formatCount(detail.hostCount)} hosts</span>
          </p>
        </>
      )}
    </div>
  );
}
