import type { PortState } from '../../shared/domain';
import type { ResultFilter } from '../../shared/history';
import { likePattern } from './scans';

/** A WHERE fragment over `r` (results) and `h` (hosts), with its parameters in order. */
export interface SqlFilter {
  sql: string;
  params: unknown[];
}

export const filterStates = (filter: ResultFilter): PortState[] | null =>
  filter.state === undefined ? null : Array.isArray(filter.state) ? filter.state : [filter.state];

/**
 * Builds the WHERE terms for a result filter from fixed SQL fragments; the person's text only ever
 * travels as a bound parameter. The scan id is the first parameter.
 */
export function resultWhere(filter: ResultFilter): SqlFilter {
  const terms = ['r.scan_id = ?'];
  const params: unknown[] = [];
  const states = filterStates(filter);
  if (states) {
    terms.push(`r.state IN (${states.map(() => '?').join(', ')})`);
    params.push(...states);
    // Repeats the partial index's own condition so the planner may use results_by_state.
    if (!states.includes('closed')) terms.push(`r.state <> 'closed'`);
  }
  const list = <T>(value: T | T[] | undefined): T[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  const hosts = list(filter.host);
  if (hosts.length) {
    terms.push(`(${hosts.map(() => '(h.address = ? OR h.hostname = ?)').join(' OR ')})`);
    for (const host of hosts) params.push(host, host);
  }
  const ports = list(filter.port);
  if (ports.length) {
    terms.push(`(${ports.map(() => 'r.port BETWEEN ? AND ?').join(' OR ')})`);
    for (const p of ports) {
      if (typeof p === 'number') params.push(p, p);
      else params.push(p.from, p.to);
    }
  }
  const services = list(filter.service);
  if (services.length) {
    terms.push(`(${services.map(() => 'r.service = ? COLLATE NOCASE').join(' OR ')})`);
    params.push(...services);
  }
  if (filter.text) {
    const like = likePattern(filter.text);
    terms.push(
      `(r.banner LIKE ? ESCAPE '\\' OR r.service LIKE ? ESCAPE '\\'
        OR h.hostname LIKE ? ESCAPE '\\' OR h.address LIKE ? ESCAPE '\\')`,
    );
    params.push(like, like, like, like);
  }
  return { sql: terms.join(' AND '), params };
}

/** True when the filter narrows nothing but the state (its total can come from the scan's counts). */
export const onlyStateFilter = (filter: ResultFilter): boolean =>
  filter.host === undefined &&
  filter.port === undefined &&
  filter.service === undefined &&
  !filter.text;
