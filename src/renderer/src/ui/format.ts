// Numbers and times in the user's locale: the window speaks the person's language, the CLI stays fixed.
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** 65535 -> "65,535" (or "65.535", "65 535", as the locale writes it). */
export const formatCount = (n: number): string => integer.format(n);

/** Probes per second, compact above ten thousand: "850/s", "12.4k/s". */
export function formatRate(perSecond: number): string {
  if (perSecond >= 10_000) return `${oneDecimal.format(perSecond / 1000)}k/s`;
  return `${integer.format(perSecond)}/s`;
}

/** A round trip in microseconds as milliseconds: "0.12 ms", "48 ms". */
export function formatRtt(us: number | null): string {
  if (us === null) return '–';
  const ms = us / 1000;
  return `${ms < 10 ? twoDecimals.format(ms) : integer.format(ms)} ms`;
}

/** A duration the way people say it: "0.4 s", "12 s", "3 min 05 s", "2 h 10 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms > 0 && ms < 100) return 'under a second';
  const seconds = ms / 1000;
  if (seconds < 10) return `${oneDecimal.format(seconds)} s`;
  if (seconds < 60) return `${integer.format(Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(Math.round(seconds % 60))} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${pad(minutes % 60)} min`;
  return `${integer.format(Math.floor(hours / 24))} d ${hours % 24} h`;
}

const pad = (n: number): string => String(Math.min(59, n)).padStart(2, '0');

export const formatDateTime = (epochMs: number): string => dateTime.format(epochMs);
export const formatTime = (epochMs: number): string => timeOnly.format(epochMs);

/** "1 port", "2 ports". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`;
