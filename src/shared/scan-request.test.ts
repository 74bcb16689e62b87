import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import {
  CliScanRequestSchema,
  LIST_TEXT_LIMIT,
  parseScanRequest,
  REQUEST_TEXT_LIMIT,
  SCAN_REQUEST_KEYS,
  ScanRequestSchema,
} from './scan-request';
import { parseWith } from './validate';

const refusal = (run: () => unknown): InputError => {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
};

describe('the scan request schema', () => {
  it('holds each text field of a request from the window to 64 KiB, saying what to do', () => {
    const justFits = '1'.repeat(REQUEST_TEXT_LIMIT);
    for (const field of ['targets', 'exclude', 'ports'] as const) {
      expect(
        parseWith(ScanRequestSchema, { targets: '127.0.0.1', [field]: justFits }),
      ).toBeTruthy();
      const error = refusal(() =>
        parseWith(ScanRequestSchema, { targets: '127.0.0.1', [field]: `${justFits}1` }),
      );
      expect(error.field).toBe(field);
      expect(error.detail).toMatch(/^must be at most 65,536 characters; /);
    }
    expect(
      refusal(() => parseWith(ScanRequestSchema, { targets: 'x'.repeat(1_000_000) })).message,
    ).toBe(
      'targets: must be at most 65,536 characters; put long lists in a file (porthole scan -iL FILE)',
    );
  });

  it('counts the characters as sent, before trimming', () => {
    const padded = ` 127.0.0.1${' '.repeat(REQUEST_TEXT_LIMIT)}`;
    expect(refusal(() => parseWith(ScanRequestSchema, { targets: padded })).field).toBe('targets');
  });

  it('lets the command line validate a list from a file far past 64 KiB, up to its own bound', () => {
    // 100,000 hosts, one a line: about 1.2 MB, as an nmap user's -iL list may be.
    const list = Array.from(
      { length: 100_000 },
      (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
    );
    const request = parseScanRequest({ targets: list.join('\n'), ports: '22' });
    expect(request.targets.length).toBeGreaterThan(REQUEST_TEXT_LIMIT);
    const error = refusal(() =>
      parseWith(CliScanRequestSchema, { targets: 'x'.repeat(LIST_TEXT_LIMIT + 1) }),
    );
    expect(error.message).toBe('targets: must be at most 67,108,864 characters');
  });

  it('is one definition: both bounds have the same fields, defaults and rules', () => {
    expect(Object.keys(CliScanRequestSchema.shape)).toEqual(SCAN_REQUEST_KEYS);
    const input = { targets: ' 127.0.0.1 ', ports: '80' };
    expect(parseWith(CliScanRequestSchema, input)).toEqual(parseWith(ScanRequestSchema, input));
    for (const schema of [ScanRequestSchema, CliScanRequestSchema]) {
      expect(
        refusal(() => parseWith(schema, { targets: 'x', ports: '1', topPorts: 5 })).field,
      ).toBe('ports');
    }
  });
});
