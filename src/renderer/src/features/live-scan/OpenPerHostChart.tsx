import { memo, useDeferredValue, useMemo } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { isActive, type ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { formatCount } from '../../ui/format';
import { safeText } from '../../ui/safe-text';
import { useMountTurn } from '../../ui/useMountTurn';
import { useThrottled } from '../../ui/useThrottled';

const HOSTS_SHOWN = 10;

/** The hosts with the most open ports, most first. */
export function OpenPerHostChart({ scanId }: { scanId: ScanId }) {
  const perHost = useStore((s) => s.live[scanId]?.openPerHost);
  const active = useStore((s) => isActive(s.live[scanId]?.status));
  if (!perHost || Object.keys(perHost).length === 0) {
    return (
      <p className="muted chart-empty">{active ? 'No open ports yet.' : 'No open ports found.'}</p>
    );
  }
  return <OpenBars perHost={perHost} />;
}

const OpenBars = memo(function OpenBars({ perHost }: { perHost: Record<string, number> }) {
  // New open ports arrive in bursts; the bars follow once a second.
  const shown = useDeferredValue(useThrottled(perHost, 1000));
  const ready = useMountTurn();
  const data = useMemo(
    () =>
      Object.entries(shown)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, HOSTS_SHOWN)
        // A hostname comes from DNS: hostile text, shown escaped and short.
        .map(([host, open]) => ({ host: safeText(host, 32), open })),
    [shown],
  );
  if (!ready) return <div className="chart-placeholder" style={{ height: 150 }} />;
  return (
    <ResponsiveContainer width="100%" height={Math.max(150, data.length * 24 + 30)}>
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
        <XAxis type="number" allowDecimals={false} stroke="var(--muted)" fontSize={11} />
        <YAxis type="category" dataKey="host" width={150} stroke="var(--muted)" fontSize={11} />
        <Tooltip
          formatter={(n) => [formatCount(Number(n)), 'open ports']}
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }}
          cursor={{ fill: 'var(--hover)' }}
        />
        <Bar dataKey="open" fill="var(--open)" isAnimationActive={false} maxBarSize={16} />
      </BarChart>
    </ResponsiveContainer>
  );
});
