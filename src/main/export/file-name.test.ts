import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toScanId } from '../../shared/domain';
import { diffExportFileName, scanExportFileName, slug } from './file-name';

const scan = (name: string | null) => ({ id: toScanId(12), name });

describe('export file names', () => {
  it('name the scan, its part and its format', () => {
    expect(scanExportFileName(scan(null), 'csv', {})).toBe('porthole-scan-12.csv');
    expect(scanExportFileName(scan(null), 'csv', { state: 'open' })).toBe(
      'porthole-scan-12-open.csv',
    );
    expect(scanExportFileName(scan(null), 'ndjson', { state: ['open'] })).toBe(
      'porthole-scan-12-open.ndjson',
    );
    expect(scanExportFileName(scan('Weekly: DMZ'), 'json', { port: 80 })).toBe(
      'porthole-scan-12-weekly-dmz-view.json',
    );
    expect(diffExportFileName(toScanId(3), toScanId(9))).toBe('porthole-diff-3-to-9.csv');
    expect(diffExportFileName(toScanId(3), toScanId(9), 'removed')).toBe(
      'porthole-diff-3-to-9-removed.csv',
    );
  });

  it('keep letters of any script and drop everything that could climb out or break a header', () => {
    expect(slug('Büro Zürich / 東京')).toBe('büro-zürich-東京');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('"; filename=x.sh\r\nSet-Cookie: a=b')).toBe('filename-x-sh-set-cookie-a-b');
    expect(slug('\u202Egnp.exe')).toBe('gnp-exe');
    expect(slug('ＦＵＬＬ　ＷＩＤＴＨ')).toBe('full-width');
    expect(slug('...')).toBe('');
    expect(Array.from(slug('😀'.repeat(10) + 'a'.repeat(100))).length).toBeLessThanOrEqual(40);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const file = scanExportFileName(scan(name), 'csv', {});
        expect(file).toMatch(/^porthole-scan-12(-[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}-]*)?\.csv$/u);
        expect(file).not.toMatch(/--|[\\/\0"\r\n]/);
      }),
      { numRuns: 500 },
    );
  });
});
