import { PORT_STATES, type PortState } from '../domain';
import type { ResultFilterInput } from '../history';

type PortEntry = number | { from: number; to: number };

/** A field that takes one value or a list, as a list. */
export const listOf = <T>(value: T | readonly T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...(value as readonly T[])] : [value as T];

/** One value as itself, several as a list, none as absent: the shape a person would write. */
const oneOrList = <T>(values: T[]): T | T[] | undefined =>
  values.length === 0 ? undefined : values.length === 1 ? values[0] : values;

/** The filter's ports as sorted, disjoint, non-touching inclusive ranges. */
export function portRanges(port: ResultFilterInput['port']): [number, number][] {
  const ranges = listOf<PortEntry>(port)
    .map((p): [number, number] => (typeof p === 'number' ? [p, p] : [p.from, p.to]))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [first, last] of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

/** The words of free text: every one must appear somewhere in a result. */
export const textWords = (text: string | undefined): string[] =>
  (text ?? '').split(/\s+/).filter((w) => w !== '');

/**
 * The canonical form of a filter, what the query text reads back as: states once each in their
 * usual order; ports merged into ascending ranges (a range of one is the port); hosts and services
 * trimmed, once each, blanks dropped (services compared without case); free text as single-spaced words; empty
 * banner and text left out; one entry as itself, several as a list.
 */
export function normalizeResultFilter(filter: ResultFilterInput): ResultFilterInput {
  const out: ResultFilterInput = {};
  const states = new Set<PortState>(listOf(filter.state));
  const state = oneOrList(PORT_STATES.filter((s) => states.has(s)));
  if (state !== undefined) out.state = state;
  const host = oneOrList(
    distinct(
      listOf(filter.host)
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  );
  if (host !== undefined) out.host = host;
  const port = oneOrList(
    portRanges(filter.port).map(([from, to]): PortEntry => (from === to ? from : { from, to })),
  );
  if (port !== undefined) out.port = port;
  const service = oneOrList(
    distinct(
      listOf(filter.service)
        .map((s) => s.trim())
        .filter(Boolean),
      (s) => s.toLowerCase(),
    ),
  );
  if (service !== undefined) out.service = service;
  if (filter.banner) out.banner = filter.banner;
  const text = textWords(filter.text).join(' ');
  if (text) out.text = text;
  return out;
}

function distinct(values: string[], key: (v: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
