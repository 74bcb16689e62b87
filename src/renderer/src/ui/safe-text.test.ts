import { describe, expect, it } from 'vitest';
import { escapeControls, safeText } from './safe-text';

describe('safeText', () => {
  it('shows control characters and direction overrides as escapes', () => {
    expect(escapeControls('SSH-2.0\r\n\u001b[31mred\u0000')).toBe('SSH-2.0\\r\\n\\x1b[31mred\\x00');
    expect(escapeControls('abc\u202egnp.exe')).toBe('abc\\u202egnp.exe');
    expect(escapeControls('tab\tstays')).toBe('tab\tstays');
  });

  it('cuts long text with an ellipsis and leaves short text alone', () => {
    expect(safeText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(safeText('nginx', 10)).toBe('nginx');
    expect(safeText(null)).toBe('');
  });
});
