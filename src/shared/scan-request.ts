import { z } from 'zod';
import { parseWith } from './validate';

/**
 * The one schema for a scan request: the form, the CLI and every transport validate with it.
 * Targets and ports stay as the text the person typed; their parsers (shared/targets, shared/ports)
 * give errors that name the offending token.
 */
export const TIMING_TEMPLATES = [0, 1, 2, 3, 4, 5] as const;

export const ScanRequestSchema = z
  .object({
    targets: z.string().trim().min(1, 'targets: give at least one target'),
    exclude: z.string().trim().optional(),
    ports: z.string().trim().min(1, 'ports: give at least one port').optional(),
    topPorts: z.number().int().min(1).max(65535).optional(),
    /** nmap-style timing template T0..T5; explicit knobs below override it. */
    timing: z.number().int().min(0).max(5).default(3),
    concurrency: z.number().int().min(1).max(65535).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    /** Probes per second; absent means unlimited. */
    rate: z.number().positive().max(1_000_000).optional(),
    banners: z.boolean().default(false),
    order: z.enum(['sequential', 'random']).default('sequential'),
    /** Resolve every A/AAAA record of a hostname, or only one per family. */
    allAddresses: z.boolean().default(true),
    name: z.string().trim().max(200).optional(),
  })
  .refine((r) => !(r.ports !== undefined && r.topPorts !== undefined), {
    message: 'give either ports or topPorts, not both',
    path: ['ports'],
  });

/** What a caller sends (defaults may be left out). */
export type ScanRequestInput = z.input<typeof ScanRequestSchema>;
/** A validated request, defaults filled in. */
export type ScanRequest = z.output<typeof ScanRequestSchema>;

/** Validates a request from any entry point; errors name the field (`ports: …`). */
export const parseScanRequest = (input: unknown): ScanRequest =>
  parseWith(ScanRequestSchema, input);
