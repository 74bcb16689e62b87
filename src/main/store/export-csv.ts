import { CSV_COLUMNS } from '../../shared/history';
import type { RawResult } from './result-rows';
import type { ExportFormatter } from './export-format';

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
  let lastMs = -1;
  let lastIso = '';
  return {
    start: () => CSV_COLUMNS.join(',') + CRLF,
    row(r: RawResult): string {
      // Rows of one batch share their millisecond often; formatting a date is the costly part.
      if (r[9] !== lastMs) {
        lastMs = r[9];
        lastIso = new Date(lastMs).toISOString();
      }
      return (
        csvText(r[0]) +
        ',' +
        csvText(r[1]) +
        ',' +
        r[2] +
        ',' +
        csvText(r[3]) +
        ',' +
        csvText(r[4]) +
        ',' +
        csvText(r[5]) +
        ',' +
        csvNumber(r[6] === null ? null : r[6] / 1000) +
        ',' +
        csvText(r[7]) +
        ',' +
        csvText(r[8]) +
        ',' +
        scan +
        ',' +
        lastIso +
        CRLF
      );
    },
    end: () => '',
  };
}
