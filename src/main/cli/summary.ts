import type { PortResult } from '../../shared/domain';
import type { SessionOutcome } from '../session/scan-session';
import type { HistoryDb } from '../store/database';
import { terminalText } from './table';

/** The nmap-like report on stdout: a table of open ports per host, then one line of totals. */
export function formatSummary(openPorts: readonly PortResult[], outcome: SessionOutcome): string {
  const lines: string[] = [];
  const byHost = new Map<string, PortResult[]>();
  for (const result of openPorts) {
    const list = byHost.get(result.host) ?? [];
    list.push(result);
    byHost.set(result.host, list);
  }
  for (const [host, results] of byHost) {
    const name = results[0]?.hostname;
    const label = name && name !== host ? `${terminalText(name, 80)} (${host})` : host;
    lines.push(`Porthole scan report for ${label}`);
    lines.push('PORT      STATE  SERVICE');
    for (const r of results.sort((a, b) => a.port - b.port)) {
      const banner = r.banner ? `  ${terminalText(r.banner)}` : '';
      lines.push(
        `${`${r.port}/${r.protocol}`.padEnd(10)}${r.state.padEnd(7)}${r.service ?? ''}${banner}`,
      );
    }
    lines.push('');
  }
  const c = outcome.counts;
  if (byHost.size === 0) lines.push('No open ports found.');
  lines.push(
    `${outcome.status}: ${c.open} open, ${c.closed} closed, ${c.filtered} filtered` +
      `${c.error ? `, ${c.error} error (local resource failure, not a network answer)` : ''}` +
      ` in ${(outcome.durationMs / 1000).toFixed(2)} s` +
      (outcome.scanId !== null ? ` (scan #${outcome.scanId})` : ''),
  );
  return lines.join('\n') + '\n';
}

/**
 * The open ports the summary lists. A scan that did not complete reports what was committed, as
 * its counts do, so the table agrees with what `porthole show` will say (a failed writer may have
 * lost the last ports found). If the history cannot be read either, what was found is all there is.
 */
export function openPortsToReport(
  found: readonly PortResult[],
  outcome: SessionOutcome,
  db: HistoryDb | null,
): readonly PortResult[] {
  if (db === null || outcome.scanId === null || outcome.status === 'completed') return found;
  try {
    const stored: PortResult[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = db.getResults(outcome.scanId, { state: 'open' }, undefined, {
        offset,
        limit: 1000,
      });
      stored.push(...page.rows);
      if (page.rows.length === 0 || offset + page.rows.length >= page.total) return stored;
    }
  } catch {
    return found;
  }
}
