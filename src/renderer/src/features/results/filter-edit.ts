import { PORT_STATES, type PortState } from '../../../../shared/domain';
import type { ResultFilterInput } from '../../../../shared/history';
import { parsePortToken, tokenizePorts } from '../../../../shared/ports';

/** The filter controls edit the filter; the query text is then rewritten from it. */

export const statesOf = (filter: ResultFilterInput): PortState[] =>
  filter.state === undefined
    ? [...PORT_STATES]
    : Array.isArray(filter.state)
      ? filter.state
      : [filter.state];

/** Turns one state on or off; all four on (or none) means no state filter at all. */
export function toggleState(filter: ResultFilterInput, state: PortState): ResultFilterInput {
  const current = new Set(statesOf(filter));
  if (current.has(state)) current.delete(state);
  else current.add(state);
  const states = PORT_STATES.filter((s) => current.has(s));
  const rest = { ...filter };
  delete rest.state;
  if (states.length === 0 || states.length === PORT_STATES.length) return rest;
  return { ...rest, state: states.length === 1 ? states[0]! : states };
}

const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const hostsText = (filter: ResultFilterInput): string => listOf(filter.host).join(', ');
export const servicesText = (filter: ResultFilterInput): string =>
  listOf(filter.service).join(', ');
export const portsText = (filter: ResultFilterInput): string =>
  listOf(filter.port)
    .map((p) =>
      typeof p === 'number' ? String(p) : p.from === p.to ? String(p.from) : `${p.from}-${p.to}`,
    )
    .join(', ');

const splitList = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

/** A field's text back into the filter; the port field uses the one port parser. Throws InputError. */
export function withField(
  filter: ResultFilterInput,
  field: 'host' | 'port' | 'service',
  text: string,
): ResultFilterInput {
  const next: ResultFilterInput = { ...filter };
  delete next[field];
  if (text.trim() === '') return next;
  switch (field) {
    case 'host':
    case 'service': {
      const list = splitList(text);
      next[field] = list.length === 1 ? list[0]! : list;
      break;
    }
    case 'port': {
      const ranges = tokenizePorts(text).map((token) => {
        const [from, to] = parsePortToken(token);
        return from === to ? from : { from, to };
      });
      next.port = ranges.length === 1 ? ranges[0]! : ranges;
      break;
    }
  }
  return next;
}
