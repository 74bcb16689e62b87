import { CSV_COLUMNS } from '../../shared/history';
import { statesText, tailText, type ExportFormatter, type ExportRow } from './export-format';

const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** = + - @ TAB CR LF: a spreadsheet would read the cell as a formula (OWASP CSV injection). */
const startsLikeFormula = (text: string): boolean => {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 10;
};

/** A text cell per RFC 4180, defused against formula injection. Null and '' are both empty. */
export function csvText(value: string | null): string {
  if (value === null || value === '') return '';
  const text = startsLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** Numbers stay numbers: no prefix, no quotes. */
const csvNumber = (value: number | null): string => (value === null ? '' : String(value));

/** CSV, RFC 4180: CRLF line ends, UTF-8, the fixed header of CSV_COLUMNS. */
export function csvFormatter(scanId: number): ExportFormatter {
  const scan = String(scanId);
  const states = statesText(
    (protocol, state, reason) =>
      ',' + csvText(protocol) + ',' + csvText(state) + ',' + csvText(reason) + ',',
  );
  const tail = tailText(
    (service, banner, iso) =>
      ',' + csvText(service) + ',' + csvText(banner) + ',' + scan + ',' + iso + CRLF,
  );
  // The host's two cells, written once per host.
  let host = '';
  return {
    start: () => CSV_COLUMNS.join(',') + CRLF,
    host(address, hostname) {
      host = csvText(address) + ',' + csvText(hostname) + ',';
    },
    row: (r: ExportRow): string =>
      host +
      r[0] +
      states(r[1], r[2], r[3]) +
      csvNumber(r[4] === null ? null : r[4] / 1000) +
      tail(r[5], r[6], r[7]),
    end: () => '',
  };
}
