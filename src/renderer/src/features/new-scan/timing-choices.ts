import { resolveTiming } from '../../../../shared/timing';
import { formatCount } from '../../ui/format';
import type { FormTiming } from './scan-form';

/** Plain words for nmap's templates; the T-number stays visible for those who know it. */
export const TIMING_LABELS: Record<FormTiming, string> = {
  0: 'Paranoid',
  1: 'Sneaky',
  2: 'Gentle',
  3: 'Normal',
  4: 'Fast',
  5: 'Fastest',
};

const TIMING_PURPOSE: Record<FormTiming, string> = {
  0: 'one probe every 5 minutes',
  1: 'one probe every 15 seconds',
  2: 'spares slow links and fragile devices',
  3: 'the right choice for most networks',
  4: 'for fast, reliable networks',
  5: 'for loopback and LANs that answer at once',
};

/** "10 at a time · 2 s timeout · 2.5 probes/s": what the template does, from the engine's knobs. */
export function timingDetail(timing: FormTiming): string {
  const knobs = resolveTiming({ timing });
  const parts = [
    `${formatCount(knobs.concurrency)} at a time`,
    `${knobs.timeoutMs >= 1000 ? `${knobs.timeoutMs / 1000} s` : `${knobs.timeoutMs} ms`} timeout`,
  ];
  if (knobs.rate !== null) parts.push(`${knobs.rate} probes/s`);
  return `${TIMING_PURPOSE[timing]} (${parts.join(' · ')})`;
}
