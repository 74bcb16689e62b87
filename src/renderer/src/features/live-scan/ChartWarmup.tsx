import { useEffect, useState } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  Cell,
  Pie,
  PieChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const POINTS = [
  { t: 0, rate: 1 },
  { t: 1, rate: 2 },
  { t: 2, rate: 3 },
];

/**
 * Draws each kind of chart once, out of sight, while the window is idle after it opened. The first
 * chart of a kind costs most (its code is compiled then); paid here, it is not paid in the middle
 * of a scan, where it would freeze the page for a tenth of a second.
 */
export function ChartWarmup() {
  // One kind per frame (each is a task of its own), then nothing.
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (step > 3) return;
    const frame = requestAnimationFrame(() => setStep((s) => s + 1));
    return () => cancelAnimationFrame(frame);
  }, [step]);
  if (step > 3) return null;
  return (
    <div aria-hidden="true" style={{ position: 'fixed', left: -10_000, top: 0, width: 300 }}>
      {step === 1 && <WarmArea />}
      {step === 2 && <WarmPie />}
      {step === 3 && <WarmBars />}
    </div>
  );
}

function WarmArea() {
  return (
    <AreaChart width={300} height={120} data={POINTS}>
      <XAxis dataKey="t" type="number" />
      <YAxis />
      <Tooltip />
      <Area dataKey="rate" isAnimationActive={false} dot={false} />
    </AreaChart>
  );
}

function WarmPie() {
  return (
    <PieChart width={120} height={120}>
      <Pie data={POINTS} dataKey="rate" innerRadius={30} outerRadius={50} isAnimationActive={false}>
        {POINTS.map((p) => (
          <Cell key={p.t} />
        ))}
      </Pie>
    </PieChart>
  );
}

function WarmBars() {
  return (
    <BarChart width={300} height={120} data={POINTS} layout="vertical">
      <XAxis type="number" />
      <YAxis type="category" dataKey="t" />
      <Bar dataKey="rate" isAnimationActive={false} />
    </BarChart>
  );
}
