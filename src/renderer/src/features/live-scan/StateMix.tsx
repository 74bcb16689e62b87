import { memo, useDeferredValue, useMemo } from 'react';
import { Cell, Pie, PieChart, ResponsiveContainer } from 'recharts';
import {
  countTotal,
  PORT_STATES,
  type PortState,
  type ScanId,
  type StateCounts,
} from '../../../../shared/domain';
import { useStore } from '../../store';
import { formatCount } from '../../ui/format';
import { useMountTurn } from '../../ui/useMountTurn';
import { useThrottled } from '../../ui/useThrottled';

const COLORS: Record<PortState, string> = {
  open: 'var(--open)',
  closed: 'var(--closed)',
  filtered: 'var(--filtered)',
  error: 'var(--error)',
};

/** "0.01%", "37%", "99.99%": never 0% for a few, never 100% unless all. */
function share(count: number, total: number): string {
  if (total === 0) return '';
  const percent = (count / total) * 100;
  if (count === total || count === 0) return `${percent.toFixed(0)}%`;
  if (percent < 1) return `${Math.max(0.01, percent).toFixed(2)}%`;
  if (percent > 99) return `${Math.min(99.99, percent).toFixed(2)}%`;
  return `${percent.toFixed(0)}%`;
}

/** How the probed ports split between open, closed, filtered and error. */
export function StateMix({ scanId }: { scanId: ScanId }) {
  const counts = useStore((s) => s.live[scanId]?.counts);
  if (!counts) return null;
  return <StateMixChart counts={counts} />;
}

const StateMixChart = memo(function StateMixChart({ counts }: { counts: StateCounts }) {
  const total = countTotal(counts);
  // The numbers follow every frame; the donut, once a second.
  const drawn = useDeferredValue(useThrottled(counts, 1000));
  const ready = useMountTurn();
  const data = useMemo(
    () => PORT_STATES.map((state) => ({ state, count: drawn[state] })).filter((d) => d.count > 0),
    [drawn],
  );
  return (
    <div className="state-mix">
      <div className="state-mix-chart">
        {total === 0 || !ready ? (
          <div className="donut-empty" />
        ) : (
          <ResponsiveContainer width="100%" height={120}>
            <PieChart>
              <Pie
                data={data}
                dataKey="count"
                nameKey="state"
                innerRadius={36}
                outerRadius={56}
                stroke="none"
                minAngle={3}
                isAnimationActive={false}
              >
                {data.map((d) => (
                  <Cell key={d.state} fill={COLORS[d.state]} />
                ))}
              </Pie>
            </PieChart>
          </ResponsiveContainer>
        )}
      </div>
      <ul className="state-legend" aria-label="Ports by state">
        {PORT_STATES.map((state) => (
          <li
            key={state}
            data-testid={`count-${state}`}
            aria-label={`${state}: ${formatCount(counts[state])}${total > 0 ? ` (${share(counts[state], total)})` : ''}`}
          >
            <span className={`swatch ${state}`} aria-hidden="true" />
            <span className="state-name">{state}</span>
            <span className="state-count">{formatCount(counts[state])}</span>
            <span className="muted state-share">{share(counts[state], total)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});
