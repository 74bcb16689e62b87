/** A plain text table: columns padded to their widest cell, no trailing spaces. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Hostile text (banners, names) made safe for a terminal: no control characters, one short line. */
export function terminalText(text: string, max = 60): string {
  const flat = text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

export const formatTime = (epochMs: number | null): string =>
  epochMs === null ? '-' : new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19);
