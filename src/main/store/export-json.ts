import type { RawResult } from './result-rows';
import type { ExportFormatter } from './export-format';

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * JSON text of a column whose value repeats from row to row (rows come host by host: the host,
 * protocol, state and reason rarely change), quoted once per change instead of once per row.
 */
function repeatedText(): (value: string) => string {
  let last: string | null = null;
  let json = '';
  return (value) => {
    if (value !== last) {
      last = value;
      json = JSON.stringify(value);
    }
    return json;
  };
}

/**
 * One exported result: the CSV's fields in camelCase, times as ISO 8601, RTT in milliseconds.
 * Built by hand (strings still go through JSON.stringify): an object per row plus a generic
 * stringify was the slowest part of a million-row export.
 */
function recordWriter(scanId: number): (r: RawResult) => string {
  const scan = String(scanId);
  const host = repeatedText();
  const hostname = repeatedText();
  const protocol = repeatedText();
  const state = repeatedText();
  const reason = repeatedText();
  let lastMs = -1;
  let lastIso = '';
  return (r) => {
    if (r[9] !== lastMs) {
      lastMs = r[9];
      lastIso = JSON.stringify(new Date(lastMs).toISOString());
    }
    return (
      '{"host":' +
      host(r[0]) +
      ',"hostname":' +
      (r[1] === '' ? 'null' : hostname(r[1])) +
      ',"port":' +
      r[2] +
      ',"protocol":' +
      protocol(r[3]) +
      ',"state":' +
      state(r[4]) +
      ',"reason":' +
      reason(r[5]) +
      ',"rttMs":' +
      (r[6] === null ? 'null' : String(r[6] / 1000)) +
      ',"service":' +
      text(r[7]) +
      ',"banner":' +
      text(r[8]) +
      ',"scanId":' +
      scan +
      ',"scannedAt":' +
      lastIso +
      '}'
    );
  };
}

/** One JSON array, written element by element. */
export function jsonFormatter(scanId: number): ExportFormatter {
  const record = recordWriter(scanId);
  let first = true;
  return {
    start: () => '[',
    row(r) {
      const line = (first ? '\n' : ',\n') + record(r);
      first = false;
      return line;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}

/** One JSON object per line. */
export function ndjsonFormatter(scanId: number): ExportFormatter {
  const record = recordWriter(scanId);
  return { start: () => '', row: (r) => record(r) + '\n', end: () => '' };
}
