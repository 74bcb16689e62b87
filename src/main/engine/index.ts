// The scan engine's public face: plan a request, start it, read result batches.
export { planScan, type LookupFn, type ScanPlan } from './plan';
export { DEFAULT_TOP_PORTS } from '../../shared/ports';
export { startScan, type ScanRun, type StartOptions } from './scan-run';
export { resolveTiming, TIMING_TEMPLATES, type TimingKnobs } from '../../shared/timing';
export { serviceName } from '../../shared/ports';
export { classify, type Outcome } from './errno';
export { socketBudget, readOpenFileLimit } from './fd-limit';
export { toSafeText } from './banner';
export { prewarmProbeWorker } from './worker-entry';
