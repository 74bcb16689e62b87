import { statesText, tailText, type ExportFormatter, type ExportRow } from './export-format';

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * One exported result: the CSV's fields in camelCase, times as ISO 8601, RTT in milliseconds.
 * Built by hand (strings still go through JSON.stringify): an object per row plus a generic
 * stringify was the slowest part of a million-row export.
 */
function recordWriter(scanId: number): Pick<ExportFormatter, 'host'> & {
  record(r: ExportRow): string;
} {
  const scan = String(scanId);
  const states = statesText(
    (protocol, state, reason) =>
      ',"protocol":' +
      JSON.stringify(protocol) +
      ',"state":' +
      JSON.stringify(state) +
      ',"reason":' +
      JSON.stringify(reason) +
      ',"rttMs":',
  );
  const tail = tailText(
    (service, banner, iso) =>
      ',"service":' +
      text(service) +
      ',"banner":' +
      text(banner) +
      ',"scanId":' +
      scan +
      ',"scannedAt":"' +
      // An ISO 8601 time needs no escaping.
      iso +
      '"}',
  );
  // The record's opening up to the port, written once per host.
  let head = '';
  return {
    host(address, hostname) {
      head = `{"host":${JSON.stringify(address)},"hostname":${hostname === '' ? 'null' : JSON.stringify(hostname)},"port":`;
    },
    record: (r) =>
      head +
      r[0] +
      states(r[1], r[2], r[3]) +
      (r[4] === null ? 'null' : String(r[4] / 1000)) +
      tail(r[5], r[6], r[7]),
  };
}

/** One JSON array, written element by element. */
export function jsonFormatter(scanId: number): ExportFormatter {
  const { host, record } = recordWriter(scanId);
  let first = true;
  return {
    start: () => '[',
    host,
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
  const { host, record } = recordWriter(scanId);
  return { start: () => '', host, row: (r) => record(r) + '\n', end: () => '' };
}
