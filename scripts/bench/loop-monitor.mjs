// Preloaded with `node --import` into the CLI by the benchmark: records the main thread's
// event-loop delay from the moment the scan starts (the CLI's `porthole:scan-start` mark, so
// module loading at start-up is not counted) to exit, and writes it in milliseconds to
// $PORTHOLE_LOOP_REPORT.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 1 });
const observer = new PerformanceObserver((list) => {
  if (list.getEntriesByName('porthole:scan-start').length > 0) {
    histogram.enable();
    observer.disconnect();
  }
});
observer.observe({ entryTypes: ['mark'] });
process.on('exit', () => {
  histogram.disable();
  const ms = (ns) => Number((ns / 1e6).toFixed(2));
  writeFileSync(
    process.env.PORTHOLE_LOOP_REPORT,
    JSON.stringify({
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    }),
  );
});
