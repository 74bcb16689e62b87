import { useEffect, useRef, useState } from 'react';
import type { ScanId } from '../../../../shared/domain';
import type { ExportFormat, ResultFilterInput } from '../../../../shared/history';
import { portholeApi } from '../../api';
import { useStore } from '../../store';
import { messageOf } from '../../store/app-slice';
import { deliverExport } from './deliver';

type Scope = 'all' | 'open' | 'view';
type Choice = ExportFormat | 'excel';

const FORMATS: { choice: Choice; label: string }[] = [
  { choice: 'csv', label: 'CSV' },
  { choice: 'excel', label: 'CSV for Excel' },
  { choice: 'json', label: 'JSON' },
  { choice: 'ndjson', label: 'NDJSON' },
];

/** Export a scan: whole, its open ports, or the explorer's current view; main streams it. */
export function ExportMenu({ scanId, view }: { scanId: ScanId; view: ResultFilterInput }) {
  const open = useStore((s) => s.exportOpenFor === scanId);
  const setOpenFor = useStore((s) => s.setExportOpenFor);
  const setOpen = (next: boolean) => setOpenFor(next ? scanId : null);
  const [scope, setScope] = useState<Scope>('view');
  const [choice, setChoice] = useState<Choice>('csv');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [open]);

  async function run() {
    setBusy(true);
    setMessage(null);
    try {
      const filter = scope === 'all' ? {} : scope === 'open' ? { state: 'open' as const } : view;
      const outcome = await portholeApi().call('exportScan', {
        scanId,
        format: choice === 'excel' ? 'csv' : choice,
        filter,
        excel: choice === 'excel',
      });
      const said = deliverExport(outcome, (refusal) =>
        setMessage({ text: `The download was refused: ${refusal}`, error: true }),
      );
      if (said) setMessage({ text: said, error: false });
      setOpen(false);
    } catch (error) {
      setMessage({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-menu">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="export-panel"
        onClick={() => setOpen(!open)}
      >
        Export…
      </button>
      {message && (
        <span
          className={message.error ? 'form-error small' : 'muted small'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </span>
      )}
      {open && (
        <div
          ref={panel}
          id="export-panel"
          className="export-panel"
          role="dialog"
          aria-label="Export results"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <fieldset>
            <legend>What</legend>
            {(
              [
                ['view', 'This view (the query’s results)'],
                ['open', 'Open ports'],
                ['all', 'The whole scan'],
              ] as const
            ).map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="export-scope"
                  checked={scope === value}
                  onChange={() => setScope(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Format</legend>
            {FORMATS.map(({ choice: value, label }) => (
              <label key={value}>
                <input
                  type="radio"
                  name="export-format"
                  checked={choice === value}
                  onChange={() => setChoice(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <div className="dialog-actions">
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
              {busy ? 'Exporting…' : 'Export'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
