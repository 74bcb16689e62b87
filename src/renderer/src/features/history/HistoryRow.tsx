import { useState } from 'react';
import { countTotal, isActive } from '../../../../shared/domain';
import type { ScanSummary } from '../../../../shared/history';
import { useStore } from '../../store';
import { messageOf } from '../../store/app-slice';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatCount, formatDateTime, formatDuration, plural } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { StatusBadge } from '../../ui/StatusBadge';

export const HISTORY_ROW_HEIGHT = 64;

interface Props {
  scan: ScanSummary;
  top: number;
  selected: boolean;
  onToggleSelected(): void;
}

/** One scan of the history: what, when, how it ended, and what can be done with it. */
export function HistoryRow({ scan, top, selected, onToggleSelected }: Props) {
  const navigate = useStore((s) => s.navigate);
  const renameScan = useStore((s) => s.renameScan);
  const deleteScan = useStore((s) => s.deleteScan);
  const scanAgain = useStore((s) => s.scanAgain);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = isActive(scan.status);
  const title = scan.name ?? scan.targets;
  const results = countTotal(scan.counts);
  const metaText = `#${scan.id} · ${formatDateTime(scan.startedAt)} · ${
    scan.endedAt === null ? 'still running' : formatDuration(scan.endedAt - scan.startedAt)
  } · ports ${safeText(scan.ports, 200)}`;
  const attempt = (action: () => Promise<void>) => {
    setError(null);
    action().catch((e: unknown) => setError(messageOf(e)));
  };

  return (
    <div
      role="listitem"
      aria-label={`Scan #${scan.id}, ${safeText(title, 80)}, ${scan.status}`}
      className={selected ? 'history-row selected' : 'history-row'}
      style={{ transform: `translateY(${top}px)`, height: HISTORY_ROW_HEIGHT }}
      data-scan-id={scan.id}
    >
      <input
        type="checkbox"
        checked={selected}
        onChange={onToggleSelected}
        aria-label={`Select scan ${scan.id} to compare`}
      />
      <StatusBadge status={scan.status} />
      <div className="history-main">
        {renaming === null ? (
          <button
            type="button"
            className="link history-title"
            title={safeText(title, 500)}
            onClick={() => navigate({ view: 'scan', scanId: scan.id, tab: 'overview' })}
          >
            {safeText(title, 90)}
          </button>
        ) : (
          <form
            className="rename-form"
            onSubmit={(e) => {
              e.preventDefault();
              attempt(async () => {
                await renameScan(scan.id, renaming.trim() === '' ? null : renaming);
                setRenaming(null);
              });
            }}
          >
            <label className="sr-only" htmlFor={`rename-${scan.id}`}>
              Name of scan {scan.id}
            </label>
            <input
              id={`rename-${scan.id}`}
              autoFocus
              maxLength={200}
              placeholder="No name: the history shows the targets"
              value={renaming}
              onChange={(e) => setRenaming(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
            />
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        <span className="history-meta muted" title={metaText}>
          #{scan.id} · {formatDateTime(scan.startedAt)} ·{' '}
          {scan.endedAt === null ? 'still running' : formatDuration(scan.endedAt - scan.startedAt)}{' '}
          · ports {safeText(scan.ports, 40)}
          {scan.name && (
            <>
              {' '}
              · <span className="mono">{safeText(scan.targets, 60)}</span>
            </>
          )}
        </span>
        {error && (
          <span className="form-error small" role="alert">
            {error}
          </span>
        )}
      </div>
      <span className="history-counts" title={`${plural(results, 'result')} stored`}>
        <span className="state-text open">{formatCount(scan.counts.open)} open</span>
        <span className="muted">
          {formatCount(scan.counts.closed)} closed · {formatCount(scan.counts.filtered)} filtered
          {scan.counts.error > 0 && ` · ${formatCount(scan.counts.error)} error`}
        </span>
      </span>
      <span className="history-actions">
        <button
          type="button"
          onClick={() => setRenaming(scan.name ?? '')}
          aria-label={`Rename scan ${scan.id}`}
        >
          Rename
        </button>
        <button
          type="button"
          onClick={() => attempt(() => scanAgain(scan.id))}
          aria-label={`Scan again with scan ${scan.id}'s settings`}
        >
          Scan again
        </button>
        <button
          type="button"
          className="danger"
          disabled={active}
          title={active ? 'Cancel the scan before deleting it' : undefined}
          onClick={() => setDeleting(true)}
          aria-label={`Delete scan ${scan.id}`}
        >
          Delete
        </button>
      </span>
      {deleting && (
        <ConfirmDialog
          title={`Delete scan #${scan.id}?`}
          confirmLabel="Delete scan"
          danger
          onCancel={() => setDeleting(false)}
          onConfirm={() => {
            setDeleting(false);
            attempt(() => deleteScan(scan.id));
          }}
        >
          <p>
            “{safeText(title, 120)}” and its {plural(results, 'result')} leave the history for good.
            Exports made from it stay where they are.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
