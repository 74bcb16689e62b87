import { isActive, type ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { formatCount, formatDuration, formatRate } from '../../ui/format';

/** Done of total, rate, elapsed and time left: the numbers a running scan is judged by. */
export function ProgressPanel({ scanId }: { scanId: ScanId }) {
  const done = useStore((s) => s.live[scanId]?.done ?? 0);
  const total = useStore((s) => s.live[scanId]?.total ?? null);
  const rate = useStore((s) => s.live[scanId]?.rate ?? 0);
  const elapsedMs = useStore((s) => s.live[scanId]?.elapsedMs ?? 0);
  const eta = useStore((s) => s.live[scanId]?.etaSeconds ?? null);
  const status = useStore((s) => s.live[scanId]?.status ?? 'running');
  const active = isActive(status);
  const fraction = total ? Math.min(1, done / total) : status === 'completed' ? 1 : 0;
  const percent = Math.floor(fraction * 1000) / 10;
  return (
    <section className="progress-panel" aria-label="Progress">
      <div
        className={`progress-bar ${status}`}
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={total ?? done}
        aria-valuenow={done}
        aria-valuetext={total ? `${formatCount(done)} of ${formatCount(total)} probes` : undefined}
      >
        <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <dl className="progress-figures">
        <div>
          <dt>Probed</dt>
          <dd data-testid="progress-done">
            {formatCount(done)}
            {total !== null && <span className="muted"> of {formatCount(total)}</span>}
            {total !== null && <span className="muted"> · {percent}%</span>}
          </dd>
        </div>
        {active && (
          <div>
            <dt>Rate</dt>
            <dd>{status === 'paused' ? 'paused' : formatRate(rate)}</dd>
          </div>
        )}
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(elapsedMs)}</dd>
        </div>
        {active && (
          <div>
            <dt>Time left</dt>
            <dd>{eta === null ? '–' : formatDuration(eta * 1000)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
