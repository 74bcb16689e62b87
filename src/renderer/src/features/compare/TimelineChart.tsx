import { memo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { isFinal, type ScanId } from '../../../../shared/domain';
import type { Timeline } from '../../../../shared/history-actions';
import { portholeApi } from '../../api';
import { useStore } from '../../store';
import { statusOf } from '../../store/scans-slice';
import { useQuery } from '../../ui/useQuery';
import { formatCount, formatDateTime } from '../../ui/format';
import { useMountTurn } from '../../ui/useMountTurn';

/** Open ports over every scan of the same targets: each point a scan, this one highlighted. */
export function TimelineChart({ scanId }: { scanId: ScanId }) {
  const status = useStore((s) => statusOf(s, scanId));
  const navigate = useStore((s) => s.navigate);
  const final = isFinal(status);
  // Read again when the scan ends: its own point then has its final count.
  const { data: timeline } = useQuery<Timeline>(
    String(scanId),
    () => portholeApi().call('getTimeline', { scanId }),
    final,
  );
  if (!timeline || timeline.points.length < 2) return null;
  return (
    <section className="card wide" aria-labelledby="timeline-title">
      <h3 id="timeline-title">
        {timeline.points.length < timeline.total
          ? `Open ports over ${formatCount(timeline.points.length)} of the ${formatCount(timeline.total)} scans of these targets`
          : `Open ports over ${formatCount(timeline.total)} scans of these targets`}
      </h3>
      <TimelineLines
        timeline={timeline}
        current={scanId}
        onOpen={(id) => navigate({ view: 'scan', scanId: id, tab: 'overview' })}
      />
    </section>
  );
}

interface LinesProps {
  timeline: Timeline;
  current: ScanId;
  onOpen(id: ScanId): void;
}

const TimelineLines = memo(function TimelineLines({ timeline, current, onOpen }: LinesProps) {
  const ready = useMountTurn();
  const data = timeline.points.map((p) => ({ ...p, label: `#${p.scanId}` }));
  if (!ready) return <div className="chart-placeholder" style={{ height: 160 }} />;
  return (
    <ResponsiveContainer width="100%" height={160}>
      <LineChart
        data={data}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        onClick={(state) => {
          const index = Number(state?.activeTooltipIndex ?? -1);
          const point = data[index];
          if (point) onOpen(point.scanId);
        }}
      >
        <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" stroke="var(--muted)" fontSize={11} />
        <YAxis allowDecimals={false} stroke="var(--muted)" fontSize={11} width={44} />
        <Tooltip
          formatter={(n) => [formatCount(Number(n)), 'open ports']}
          labelFormatter={(_label, payload) => {
            const point = payload?.[0]?.payload as (typeof data)[number] | undefined;
            return point
              ? `Scan #${point.scanId}, ${formatDateTime(point.startedAt)}${point.partial ? ` (${point.status})` : ''}`
              : '';
          }}
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }}
        />
        <Line
          dataKey="open"
          stroke="var(--open)"
          isAnimationActive={false}
          dot={(props: { cx?: number; cy?: number; index?: number }) => {
            const point = data[props.index ?? -1];
            const here = point?.scanId === current;
            return (
              <circle
                key={point?.scanId ?? props.index}
                cx={props.cx}
                cy={props.cy}
                r={here ? 6 : 4}
                fill={here ? 'var(--accent)' : point?.partial ? 'var(--panel)' : 'var(--open)'}
                stroke={here ? 'var(--accent)' : 'var(--open)'}
                strokeWidth={2}
              />
            );
          }}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});
