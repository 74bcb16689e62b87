/**
 * What a scanned host sends back is hostile. React already renders it as text, never HTML; this
 * also makes control characters and invisible direction overrides visible, and bounds the length,
 * so a banner can neither reorder nor hide what is on screen.
 */
// C0 and C1 controls (but tab), DEL, bidi embeddings/overrides/isolates, zero-width characters.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** Escaped, and cut to `max` characters with an ellipsis when longer. */
export function safeText(text: string | null, max = 200): string {
  if (text === null) return '';
  const escaped = escapeControls(text);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}
