/**
 * `attachment; filename="…"; filename*=UTF-8''…` for a suggested file name (RFC 6266, RFC 8187).
 * The name is made safe here whatever it holds, not only trusted to be a slug already: anything
 * but letters, marks, digits, '.', '-' and '_' becomes '_' (no quote, separator, control or line
 * break can reach the header), and a leading dot too (no hidden file). The quoted form is ASCII
 * for old clients; the starred form keeps the letters of any script, percent-encoded.
 */
export function contentDisposition(fileName: string): string {
  const safe = (fileName.replace(/[^\p{L}\p{M}\p{N}._-]/gu, '_') || 'export').replace(/^\./, '_');
  const ascii = safe.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(safe)}`;
}

/** Percent-encodes all but RFC 8187's attr-char (encodeURIComponent leaves ' ( ) * as they are). */
const encodeRfc8187 = (text: string): string =>
  encodeURIComponent(text).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
