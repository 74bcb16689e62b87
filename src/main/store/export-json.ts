import type { RawResult } from './result-rows';
import type { ExportFormatter } from './export-format';

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * One exported result: the CSV's fields in camelCase, times as ISO 8601, RTT in milliseconds.
 * Built by hand (strings still go through JSON.stringify): an object per row plus a generic
 * stringify was the slowest part of a million-row export.
 */
function recordWriter(scanId: number): (r: RawResult) => string {
  const scan = String(scanId);
  let lastMs = -1;
  let lastIso = '';
  return (r) => {
    if (r[9] !== lastMs) {
      lastMs = r[9];
      lastIso = JSON.stringify(new Date(lastMs).toISOString());
    }
    return (
      '{"host":' +
      JSON.stringify(r[0]) +
      ',"hostname":' +
      (r[1] === '' ? 'null' : JSON.stringify(r[1])) +
      ',"port":' +
      r[2] +
      ',"protocol":' +
      JSON.stringify(r[3]) +
      ',"state":' +
      JSON.stringify(r[4]) +
      ',"reason":' +
      JSON.stringify(r[5]) +
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
