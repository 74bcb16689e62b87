import { memo, useDeferredValue } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import type { RatePoint } from '../../store/live-scan';
import { formatCount, formatDuration, formatRate } from '../../ui/format';
import { useMountTurn } from '../../ui/useMountTurn';

const EMPTY: RatePoint[] = [];

/** Probes per second over the scan; the array is replaced (never mutated) when a point is added. */
export function RateChart({ scanId }: { scanId: ScanId }) {
  const points = useStore((s) => s.live[scanId]?.rateHistory);
  // Redrawn at low priority: React may pause it for a frame rather than hold the page.
  const deferred = useDeferredValue(points ?? EMPTY);
  const done = useStore((s) => s.live[scanId]?.done ?? 0);
  const elapsedMs = useStore((s) => s.live[scanId]?.elapsedMs ?? 0);
  if (!points || points.length < 3) {
    // Too quick to chart, or opened from the history: the average says what matters.
    return (
      <p className="muted chart-empty">
        {done > 0 && elapsedMs > 0
          ? `${formatRate((done * 1000) / elapsedMs)} on average (${formatDuration(elapsedMs)} for ${formatCount(done)} probes).`
          : 'The rate is drawn while the scan runs.'}
      </p>
    );
  }
  return <RateArea points={deferred} />;
}

const RateArea = memo(function RateArea({ points }: { points: RatePoint[] }) {
  if (!useMountTurn()) return <div className="chart-placeholder" style={{ height: 170 }} />;
  return (
    <ResponsiveContainer width="100%" height={170}>
      <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[0, 'dataMax']}
          tickFormatter={(t: number) => formatDuration(t * 1000)}
          stroke="var(--muted)"
          fontSize={11}
        />
        <YAxis
          tickFormatter={(r: number) => formatRate(r)}
          stroke="var(--muted)"
          fontSize={11}
          width={64}
        />
        <Tooltip
          formatter={(r) => [formatRate(Number(r)), 'rate']}
          labelFormatter={(t) => `at ${formatDuration(Number(t) * 1000)}`}
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }}
        />
        <Area
          dataKey="rate"
          stroke="var(--accent)"
          fill="var(--accent)"
          fillOpacity={0.18}
          isAnimationActive={false}
          dot={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
});
