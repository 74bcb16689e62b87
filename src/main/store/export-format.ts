import type { RawResult } from './result-rows';

/** Turns result rows into text: what comes first, each row, and what closes the document. */
export interface ExportFormatter {
  start(): string;
  row(result: RawResult): string;
  end(): string;
}
