import type { PortResult } from '../../shared/domain';
import type { SessionOutcome } from '../session/scan-session';
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
