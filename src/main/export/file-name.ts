import type { ScanId } from '../../shared/domain';
import type { ExportFormat, ResultFilter } from '../../shared/history';
import type { DiffExportKind } from '../../shared/history-actions';

const MAX_SLUG = 40;

/**
 * A person-typed name as a piece of a file name: letters, marks and digits of any script, runs
 * of anything else as one '-'. No separator, dot, quote or control character survives, so the
 * result cannot climb out of a folder or break a header. NFKC folds fullwidth and ligature forms.
 */
export function slug(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // By code point, so a character outside the BMP is never cut in half.
  return Array.from(words).slice(0, MAX_SLUG).join('').replace(/-+$/, '');
}

/** Which part of the scan: nothing for all of it, "open" for open ports, "view" for any other filter. */
function partOf(filter: ResultFilter): string {
  const keys = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (keys.length === 0) return '';
  const state = filter.state;
  const openOnly =
    keys.length === 1 && (state === 'open' || (Array.isArray(state) && state.join() === 'open'));
  return openOnly ? '-open' : '-view';
}

/** `porthole-scan-12-weekly-dmz-open.csv`: the scan's number, its name, the part, the format. */
export function scanExportFileName(
  scan: { id: ScanId; name: string | null },
  format: ExportFormat,
  filter: ResultFilter,
): string {
  const name = scan.name === null ? '' : slug(scan.name);
  return `porthole-scan-${scan.id}${name ? `-${name}` : ''}${partOf(filter)}.${format}`;
}

/** `porthole-diff-12-to-15-added.csv`. */
export function diffExportFileName(from: ScanId, to: ScanId, kind?: DiffExportKind): string {
  return `porthole-diff-${from}-to-${to}${kind ? `-${kind}` : ''}.csv`;
}
