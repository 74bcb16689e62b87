import type { ScanRequest } from './scan-request';

/** nmap's names for its timing templates, in order: -T insane is -T5. */
export const TIMING_NAMES = [
  'paranoid',
  'sneaky',
  'polite',
  'normal',
  'aggressive',
  'insane',
] as const;

/** The knobs that decide how hard a scan pushes. */
export interface TimingKnobs {
  /** Sockets in flight at most (further capped by the open-file limit). */
  readonly concurrency: number;
  /** How long a connect may go unanswered before it counts as no response. */
  readonly timeoutMs: number;
  /** Extra attempts for a connect that got no response. */
  readonly retries: number;
  /** Probes per second at most; null = unlimited. */
  readonly rate: number | null;
}

/**
 * nmap-like templates T0 (paranoid) .. T5 (insane). T0-T2 are about being gentle, so they pace
 * probes (nmap waits 5 min, 15 s and 0.4 s between probes); T3-T5 differ in parallelism and in how
 * long they wait for an answer (nmap's max-rtt-timeout for T4 is 1.25 s, for T5 0.3 s).
 */
export const TIMING_TEMPLATES: Readonly<Record<number, TimingKnobs>> = {
  0: { concurrency: 1, timeoutMs: 5000, retries: 3, rate: 1 / 300 },
  1: { concurrency: 1, timeoutMs: 5000, retries: 3, rate: 1 / 15 },
  2: { concurrency: 10, timeoutMs: 2000, retries: 2, rate: 2.5 },
  3: { concurrency: 1000, timeoutMs: 1000, retries: 2, rate: null },
  4: { concurrency: 2000, timeoutMs: 750, retries: 1, rate: null },
  5: { concurrency: 5000, timeoutMs: 300, retries: 1, rate: null },
};

/** The template's knobs, with every knob the request sets explicitly taking precedence. */
export function resolveTiming(
  request: Pick<ScanRequest, 'timing' | 'concurrency' | 'timeoutMs' | 'retries' | 'rate'>,
): TimingKnobs {
  const base = TIMING_TEMPLATES[request.timing] ?? TIMING_TEMPLATES[3];
  if (base === undefined) throw new Error('timing template 3 is missing');
  return {
    concurrency: request.concurrency ?? base.concurrency,
    timeoutMs: request.timeoutMs ?? base.timeoutMs,
    retries: request.retries ?? base.retries,
    rate: request.rate ?? base.rate,
  };
}
