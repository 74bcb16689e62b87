import { PORT_STATES, type PortState } from '../../shared/domain';
import type { ResultFilter } from '../../shared/history';
import { listOf, portRanges, textWords } from '../../shared/result-query';
import { hostTerms } from './host-terms';
import { containsLike, starLike } from './like';
import { allOf, anyOf, type Sql } from './sql';

/** A filter as SQL over `hosts h` joined to `results r`. */
export interface ResultFilterSql {
  /** Terms over `h` alone (the host field): they pick hosts before any result is read. */
  hosts: Sql | null;
  /** The states asked for, when they narrow anything (null: every state). */
  states: PortState[] | null;
  /**
   * Several port ranges, as JSON: the table `pr` (see withRanges) joined between hosts and
   * results, so each range is one primary-key seek per host (an OR of BETWEENs walked every row
   * of every host). One range is a plain term in `results`.
   */
  portRanges: string | null;
  /** Only non-closed states asked: every row needed is in the partial index results_by_state. */
  stateIndex: boolean;
  /** Terms over `r` (and `h`, for free text), the states included. */
  results: Sql | null;
  /** Something besides host and state narrows the rows (ports, service, banner, text). */
  rowTerms: boolean;
}

const ESC = `ESCAPE '\\'`;

export function filterSql(filter: ResultFilter): ResultFilterSql {
  const terms: Sql[] = [];
  const states = distinctStates(filter);
  if (states) {
    terms.push({ text: `r.state IN (${states.map(() => '?').join(', ')})`, params: states });
    // Repeats the partial index's own condition so the planner may use results_by_state.
    if (!states.includes('closed')) terms.push({ text: `r.state <> 'closed'`, params: [] });
  }
  const ranges = portRanges(filter.port);
  if (ranges.length === 1) {
    const [[first, last]] = ranges as [[number, number]];
    terms.push(
      first === last
        ? { text: 'r.port = ?', params: [first] }
        : { text: 'r.port BETWEEN ? AND ?', params: [first, last] },
    );
  }
  const services = listOf(filter.service);
  if (services.length) {
    terms.push(
      anyOf(
        services.map((s) =>
          s.includes('*')
            ? { text: `r.service LIKE ? ${ESC}`, params: [starLike(s)] }
            : { text: 'r.service = ? COLLATE NOCASE', params: [s] },
        ),
      ),
    );
  }
  if (filter.banner) {
    terms.push({ text: `r.banner LIKE ? ${ESC}`, params: [containsLike(filter.banner)] });
  }
  for (const word of distinctWords(filter.text)) {
    const like = containsLike(word);
    terms.push({
      text: `(r.banner LIKE ? ${ESC} OR r.service LIKE ? ${ESC} OR h.hostname LIKE ? ${ESC} OR h.address LIKE ? ${ESC})`,
      params: [like, like, like, like],
    });
  }
  return {
    hosts: hostTerms(listOf(filter.host)),
    states,
    portRanges: ranges.length > 1 ? JSON.stringify(ranges) : null,
    stateIndex: states !== null && !states.includes('closed'),
    results: allOf(terms),
    rowTerms: ranges.length > 0 || services.length > 0 || !!filter.banner || !!filter.text?.trim(),
  };
}

/** The states asked for, once each; null when none or all four (no narrowing). */
function distinctStates(filter: ResultFilter): PortState[] | null {
  const asked = new Set(listOf(filter.state));
  const states = PORT_STATES.filter((s) => asked.has(s));
  return states.length === 0 || states.length === PORT_STATES.length ? null : states;
}

/** LIKE ignores ASCII case, so words differing only in case are one term. */
function distinctWords(text: string | undefined): string[] {
  const seen = new Set<string>();
  return textWords(text).filter((w) => {
    const key = w.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Prefixes the statement with the port ranges as a table `pr(lo, hi)`, when the filter has
 * several: materialized once, not parsed again for every host it is joined with.
 */
export function withRanges(f: ResultFilterSql, statement: Sql): Sql {
  if (f.portRanges === null) return statement;
  return {
    text: `WITH pr(lo, hi) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(?))
      ${statement.text}`,
    params: [f.portRanges, ...statement.params],
  };
}

const RANGE_ON = 'AND r.port BETWEEN pr.lo AND pr.hi';

/**
 * `hosts h … results r` for a filter: the port ranges (see withRanges) joined between them when
 * there are several, results_by_state forced when it holds every row asked for (with two states
 * or more the planner otherwise walks each host's whole primary-key range). `join` is CROSS JOIN
 * to keep hosts the outer loop (address order without a sort), JOIN to let the planner choose.
 */
export function resultsFrom(f: ResultFilterSql, join: 'CROSS JOIN' | 'JOIN'): string {
  const index = f.stateIndex ? ' INDEXED BY results_by_state' : '';
  const on = 'ON r.scan_id = h.scan_id AND r.host_id = h.id';
  if (f.portRanges === null) return `hosts h ${join} results r${index} ${on}`;
  return `hosts h ${join} pr ${join} results r${index} ${on} ${RANGE_ON}`;
}

/**
 * `EXISTS (…)`: the host `h` has a result matching the filter; null when every host with results
 * has one. Needs withRanges around its statement.
 */
export function hostHasMatch(f: ResultFilterSql): Sql | null {
  if (f.results === null && f.portRanges === null) return null;
  const index = f.stateIndex ? ' INDEXED BY results_by_state' : '';
  const ranges = f.portRanges === null ? '' : 'pr CROSS JOIN ';
  const where = allOf([
    {
      text: `r.scan_id = h.scan_id AND r.host_id = h.id${f.portRanges === null ? '' : ` ${RANGE_ON}`}`,
      params: [],
    },
    f.results,
  ])!;
  return {
    text: `EXISTS (SELECT 1 FROM ${ranges}results r${index} WHERE ${where.text})`,
    params: where.params,
  };
}
