import { z } from 'zod/mini';
import { atMostChars, parseWith, wholeIn } from './validate';

// zod/mini loads no locale, so its own messages would all read "Invalid input"; use zod's English.
z.config(z.locales.en());

/**
 * The one schema for a scan request: the form, the CLI and every transport validate with it.
 * Targets and ports stay as the text the person typed; their parsers (shared/targets, shared/ports)
 * give errors that name the offending token.
 */
export const TIMING_TEMPLATES = [0, 1, 2, 3, 4, 5] as const;

export const ScanRequestSchema = z
  .object({
    targets: z.string().check(z.trim(), z.minLength(1, 'give at least one target')),
    exclude: z.optional(z.string().check(z.trim())),
    ports: z.optional(z.string().check(z.trim(), z.minLength(1, 'give at least one port'))),
    topPorts: z.optional(wholeIn(1, 65535)),
    /** nmap-style timing template T0..T5; explicit knobs below override it. */
    timing: z._default(wholeIn(0, 5), 3),
    concurrency: z.optional(wholeIn(1, 65535)),
    timeoutMs: z.optional(wholeIn(1, 600_000)),
    retries: z.optional(wholeIn(0, 10)),
    /** Probes per second; absent means unlimited. */
    rate: z.optional(
      z
        .number()
        .check(z.positive('must be more than 0'), z.lte(1_000_000, 'must be at most 1,000,000')),
    ),
    banners: z._default(z.boolean(), false),
    order: z._default(z.enum(['sequential', 'random']), 'sequential'),
    /** Resolve every A/AAAA record of a hostname, or only one per family. */
    allAddresses: z._default(z.boolean(), true),
    name: z.optional(z.string().check(z.trim(), atMostChars(200))),
  })
  .check(
    z.refine((r) => !(r.ports !== undefined && r.topPorts !== undefined), {
      message: 'give either a port list or a top-ports count, not both',
      path: ['ports'],
    }),
  );

/** What a caller sends (defaults may be left out). */
export type ScanRequestInput = z.input<typeof ScanRequestSchema>;
/** A validated request, defaults filled in. */
export type ScanRequest = z.output<typeof ScanRequestSchema>;

/** Validates a request from any entry point; errors name the field (`ports: …`). */
export const parseScanRequest = (input: unknown): ScanRequest =>
  parseWith(ScanRequestSchema, input);
