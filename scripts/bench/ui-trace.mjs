// Summaries of a Chromium performance trace (browser.startTracing, DevTools' timeline categories)
// for ui.mjs: every task of the page's main thread longer than a long task, with its wall time,
// the CPU time the thread really got in it, and what it spent that on (script, style and layout,
// paint, garbage collection). Wall time far above CPU time means the thread waited for a core.
// With V8's sampler in the trace, each long task's JavaScript is also attributed to components.
import { IDLE, indexProfile } from './ui-profile.mjs';

/** The categories DevTools' Performance panel records, without its sampling profiler. */
export const TRACE_CATEGORIES = [
  '-*',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'v8.execute',
  'blink.user_timing',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
];

const KIND = [
  [/^(FunctionCall|EvaluateScript|v8\.callFunction|V8\.Execute|RunMicrotasks|v8\.run)$/, 'script'],
  [/^(UpdateLayoutTree|RecalculateStyles|Layout|ScheduleStyleRecalculation)$/, 'style+layout'],
  [/^(Paint|PrePaint|Layerize|UpdateLayer|CompositeLayers|Commit|PaintImage)$/, 'paint'],
  [/GC|Scavenge|MarkCompact|MinorMS|V8\.GC/, 'gc'],
  [/^(ParseHTML|ParseAuthorStyleSheet|v8\.compile|V8\.Compile.*|v8\.parseOnBackground)$/, 'parse'],
];
const kindOf = (name) => KIND.find(([re]) => re.test(name))?.[1] ?? null;

/** What started a task: the first timeline event inside it (a frame, a message, a timer, …). */
function trigger(children) {
  if (children.some((e) => e.name === 'FireAnimationFrame')) return 'frame (rAF callbacks)';
  const first = children.find((e) =>
    /^(EventDispatch|TimerFire|FunctionCall|BeginMainThreadFrame|ParseHTML|EvaluateScript)$/.test(
      e.name,
    ),
  );
  if (!first) return children[0]?.name ?? '(nothing traced)';
  if (first.name === 'EventDispatch') return `event ${first.args?.data?.type ?? '?'}`;
  if (first.name === 'TimerFire') return 'timer';
  if (first.name === 'FunctionCall') return 'callback';
  return first.name;
}

/** The V8 samples of one thread in a trace: [{ ts, dt, node }] in trace time (µs), and its nodes. */
function threadSamples(events, pid, tid) {
  const profile = events.find(
    (e) => e.name === 'Profile' && e.pid === pid && e.tid === tid && e.args?.data?.startTime,
  );
  if (!profile) return null;
  const nodes = [];
  const samples = [];
  let ts = profile.args.data.startTime;
  for (const chunk of events) {
    if (chunk.name !== 'ProfileChunk' || chunk.id !== profile.id || chunk.pid !== pid) continue;
    const data = chunk.args.data;
    nodes.push(...(data.cpuProfile?.nodes ?? []));
    const ids = data.cpuProfile?.samples ?? [];
    for (let i = 0; i < ids.length; i += 1) {
      ts += data.timeDeltas[i];
      samples.push({ ts, node: ids[i] });
    }
  }
  samples.sort((a, b) => a.ts - b.ts);
  for (let i = 0; i < samples.length; i += 1) {
    samples[i].dt = i + 1 < samples.length ? samples[i + 1].ts - samples[i].ts : 0;
  }
  return { nodes, samples };
}

/**
 * The page's main thread (of the renderer that dispatched the Start click, or that started the
 * navigation when `from` is 'navigation') from then on for `spanMs`: tasks over `longMs`, and totals; with samples in the trace, what JavaScript
 * each long task ran, by `groups` (see indexProfile). Returns printable lines.
 */
export function summariseTrace(
  trace,
  { spanMs, longMs = 50, mapFor, groups = [], from: start = 'click' },
) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mark =
    start === 'click'
      ? events.find(
          (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click' && e.ph === 'X',
        )
      : events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  if (!mark) return [`(no ${start} found in the trace)`];
  const { pid, tid } = mark;
  const from = mark.ts;
  const to = from + spanMs * 1000;
  const thread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts + (e.dur ?? 0) >= from)
    .filter((e) => e.ts <= to)
    .sort((a, b) => a.ts - b.ts);
  // Outermost tasks only (RunTask nests inside ThreadControllerImpl::RunTask, same span).
  const all = thread.filter(
    (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask',
  );
  const tasks = all.filter(
    (t, i) =>
      !all.some(
        (o, j) =>
          o !== t &&
          o.ts <= t.ts &&
          o.ts + o.dur >= t.ts + t.dur &&
          (o.dur > t.dur || o.ts < t.ts || j < i),
      ),
  );
  const sampled = threadSamples(events, pid, tid);
  const index = sampled ? indexProfile(sampled.nodes, { mapFor, groups }) : null;
  const jsOf = (task) => {
    if (!sampled) return null;
    const by = new Map();
    for (const s of sampled.samples) {
      if (s.ts < task.ts || s.ts > task.ts + task.dur) continue;
      const node = index.byId.get(s.node);
      if (!node || node.callFrame.functionName === IDLE) continue;
      const g = index.groupOf(node);
      by.set(g, (by.get(g) ?? 0) + s.dt / 1000);
    }
    return by;
  };
  const jsTotals = new Map();
  let wall = 0;
  let cpu = 0;
  const totals = new Map();
  const lines = [];
  const long = [];
  for (const task of tasks) {
    const end = task.ts + task.dur;
    const inside = thread.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end,
    );
    // Time by kind, counting only the outermost event of each kind (no double counting).
    const byKind = new Map();
    const covered = [];
    for (const e of inside) {
      const kind = kindOf(e.name);
      if (!kind) continue;
      if (covered.some((c) => e.ts >= c.ts && e.ts + e.dur <= c.ts + c.dur)) continue;
      covered.push(e);
      byKind.set(kind, (byKind.get(kind) ?? 0) + e.dur / 1000);
    }
    wall += task.dur / 1000;
    cpu += (task.tdur ?? task.dur) / 1000;
    for (const [k, v] of byKind) totals.set(k, (totals.get(k) ?? 0) + v);
    const js = jsOf(task);
    for (const [k, v] of js ?? []) jsTotals.set(k, (jsTotals.get(k) ?? 0) + v);
    if (task.dur / 1000 > longMs) {
      long.push({ task, byKind, js, trigger: trigger(inside) });
    }
  }
  const ms = (x) => `${x.toFixed(0)} ms`;
  lines.push(
    `main thread from the ${start} for ${ms(spanMs)}: tasks ${ms(wall)} wall, ${ms(cpu)} on a core; ` +
      [...totals].map(([k, v]) => `${k} ${ms(v)}`).join(', '),
  );
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(', ');
  if (sampled) lines.push(`sampled JavaScript and native work in all tasks: ${top(jsTotals, 10)}`);
  for (const { task, byKind, js, trigger: what } of long) {
    lines.push(
      `  task at +${ms((task.ts - from) / 1000)}: ${ms(task.dur / 1000)} wall, ` +
        `${ms((task.tdur ?? task.dur) / 1000)} CPU, ${what}: ${top(byKind, 5)}`,
    );
    if (js?.size) lines.push(`      samples: ${top(js, 6)}`);
  }
  return lines;
}
