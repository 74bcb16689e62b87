import { z } from 'zod/mini';
import { atMostChars, parseWith, thousands, wholeIn } from './validate';

// zod/mini loads no locale, so its own messages would all read "Invalid input"; use zod's English.
z.config(z.locales.en());

export const TIMING_TEMPLATES = [0, 1, 2, 3, 4, 5] as const;

/**
 * Characters in one text field (targets, exclude, ports) of a request from the window, any
 * transport or a saved profile. Enough for thousands of addresses typed or pasted; a megabyte
 * from a hostile page would otherwise be stored with every scan and profile.
 */
export const REQUEST_TEXT_LIMIT = 65_536;

/**
 * The same fields from the command line, where `-iL` and `--excludefile` read files the person
 * chose: nmap users feed lists of many thousand hosts, so the CLI's bound is far larger. It is
 * still a bound: a runaway file is refused rather than read into one SQLite row.
 */
export const LIST_TEXT_LIMIT = 64 * 1024 * 1024;

/**
 * The one definition of a scan request: the form, the CLI and every transport validate with it.
 * Its only parameter is how long a text field may be, which is all that differs between the
 * entry points (see the two limits above); everything else is the same rule everywhere.
 * Targets and ports stay as the text the person typed; their parsers (shared/targets,
 * shared/ports) give errors that name the offending token.
 */
export function scanRequestSchema(maxTextChars: number) {
  // The length is checked before trimming, so a huge field costs no copy before it is refused.
  // Where the window's bound applies, the message says where long lists go instead.
  const text = (hint: string) =>
    z
      .string()
      .check(atMostText(maxTextChars, maxTextChars === REQUEST_TEXT_LIMIT ? hint : ''), z.trim());
  return z
    .object({
      targets: text('; put long lists in a file (porthole scan -iL FILE)').check(
        z.minLength(1, 'give at least one target'),
      ),
      exclude: z.optional(text('; put long lists in a file (porthole scan --excludefile FILE)')),
      ports: z.optional(
        text('; 1-65535 covers every port').check(z.minLength(1, 'give at least one port')),
      ),
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
}

/** A request from the window, a transport or a profile: text fields of at most 64 KiB. */
export const ScanRequestSchema = scanRequestSchema(REQUEST_TEXT_LIMIT);

/** A request from the command line, whose lists come from files (see LIST_TEXT_LIMIT). */
export const CliScanRequestSchema = scanRequestSchema(LIST_TEXT_LIMIT);

/** The fields a request may have; anything else in an object is not part of a request. */
export const SCAN_REQUEST_KEYS = Object.keys(ScanRequestSchema.shape) as (keyof ScanRequest)[];

/** What a caller sends (defaults may be left out). */
export type ScanRequestInput = z.input<typeof ScanRequestSchema>;
/** A validated request, defaults filled in. */
export type ScanRequest = z.output<typeof ScanRequestSchema>;

/**
 * Validates a request where the scan session starts (`ScanSession.start`), which every entry point
 * reaches: errors name the field (`ports: …`). It checks at the larger, command-line bound because
 * the CLI's only check is this one; a transport's request reached it through the contract, whose
 * schema (ScanRequestSchema) already held it to 64 KiB per field.
 */
export const parseScanRequest = (input: unknown): ScanRequest =>
  parseWith(CliScanRequestSchema, input);

function atMostText(max: number, hint: string) {
  return z.maxLength(max, `must be at most ${thousands(max)} characters${hint}`);
}
