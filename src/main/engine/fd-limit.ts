import { readFileSync, readdirSync } from 'node:fs';

/** The soft RLIMIT_NOFILE of this process, or null where /proc is not there (then assume 1024). */
export function readOpenFileLimit(limitsText?: string): number | null {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return null;
    }
  }
  const m = /^Max open files\s+(\S+)/m.exec(text);
  if (!m || m[1] === undefined) return null;
  return m[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(m[1]);
}

/** Descriptors already open (Electron holds many); null when it cannot be counted. */
export function countOpenFiles(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}

/**
 * The most sockets a scan may hold at once: the soft limit minus what is open now, minus headroom
 * (an eighth of the limit, at least 32) for the database, logs, banner sockets and worker threads.
 * Never below 1, so a scan always progresses.
 */
export function socketBudget(limit = readOpenFileLimit(), inUse = countOpenFiles()): number {
  const soft = limit ?? 1024;
  const open = inUse ?? 64;
  const headroom = Math.max(32, Math.floor(soft / 8));
  return Math.max(1, soft - open - headroom);
}
