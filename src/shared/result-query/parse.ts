import { PORT_STATES, type PortState } from '../domain';
import { InputError } from '../errors';
import { ResultFilterSchema, type ResultFilterInput } from '../history';
import { parsePortToken } from '../ports';
import { parseIPv6 } from '../targets';
import { innermostIssue } from '../validate';
import { parseHostSpec } from './host-spec';
import { normalizeResultFilter, textWords } from './normalize';
import { splitItems, splitTerms, type Piece, type Term } from './terms';

export const QUERY_KEYS = ['state', 'port', 'host', 'service', 'banner'] as const;
type QueryKey = (typeof QUERY_KEYS)[number];

const EXAMPLES: Record<QueryKey, string> = {
  state: 'state:open,filtered',
  port: 'port:80,443,8000-8100',
  host: 'host:10.0.0.* or host:10.0.0.0/24',
  service: 'service:http*',
  banner: 'banner:nginx or banner:"Apache httpd"',
};

interface Found {
  state: PortState[];
  port: (number | { from: number; to: number })[];
  host: string[];
  service: string[];
  banner?: string;
  words: string[];
}

/**
 * Reads the results explorer's query, in Zenmap's spirit:
 * `open port:80,443 service:http* host:10.0.0.0/24 banner:"Apache httpd" login`.
 * Bare state words pick states; `key:value` terms filter (keys without case; a value is a comma
 * list, items may be quoted); other words are free text that must all appear. A repeated key adds
 * to the list (two `port:` terms: either); `banner:` is given once. Every mistake is an
 * InputError('query', …) naming the token and saying what would be right.
 */
export function parseResultQuery(query: string): ResultFilterInput {
  const found: Found = { state: [], port: [], host: [], service: [], words: [] };
  for (const term of splitTerms(query)) {
    const keyed = keyedTerm(term);
    if (keyed) {
      readValue(found, keyed.key, keyed.value, term.source);
      continue;
    }
    const state = bareState(term);
    if (state) found.state.push(state);
    else found.words.push(...textWords(term.pieces.map((p) => p.text).join('')));
  }
  const filter = normalizeResultFilter({
    state: found.state,
    port: found.port,
    host: found.host,
    service: found.service,
    banner: found.banner,
    text: found.words.join(' '),
  });
  return checked(filter);
}

const KEY_PREFIX = /^([a-z]+):/i;

/** `key:value`, or null for text. An IPv6 address (`abcd::1`) is text, not a key. */
function keyedTerm(term: Term): { key: QueryKey; value: Piece[] } | null {
  const first = term.pieces[0];
  if (!first || first.quoted) return null;
  const match = KEY_PREFIX.exec(first.text);
  if (!match) return null;
  if (term.pieces.length === 1 && parseIPv6(first.text) !== null) return null;
  const name = match[1]!;
  const key = QUERY_KEYS.find((k) => k === name.toLowerCase());
  if (!key) {
    throw new InputError(
      'query',
      `unknown filter "${name}:" (use state, port, host, service or banner)`,
    );
  }
  const rest = first.text.slice(match[0].length);
  const value = rest
    ? [{ text: rest, quoted: false }, ...term.pieces.slice(1)]
    : term.pieces.slice(1);
  return { key, value };
}

function bareState(term: Term): PortState | null {
  const only = term.pieces.length === 1 ? term.pieces[0]! : null;
  if (!only || only.quoted) return null;
  return PORT_STATES.find((s) => s === only.text.toLowerCase()) ?? null;
}

function readValue(found: Found, key: QueryKey, value: Piece[], source: string): void {
  const fail = (why: string): never => {
    throw new InputError('query', `${key}: ${why}`);
  };
  if (key === 'banner') {
    const text = value.map((p) => p.text).join('');
    if (text === '') fail(`give the text to look for, like ${EXAMPLES.banner}`);
    if (found.banner !== undefined) {
      fail(
        `give it once ("${source}" is a second one); quote text with spaces, like banner:"Apache httpd"`,
      );
    }
    found.banner = text;
    return;
  }
  const items = splitItems(value);
  if (items.length === 0) fail(`give a value, like ${EXAMPLES[key]}`);
  for (const item of items) {
    const text = item.text.trim();
    if (key === 'state') {
      const state = PORT_STATES.find((s) => s === text.toLowerCase());
      if (!state) fail(`"${item.text}" is not a state (use open, closed, filtered or error)`);
      else found.state.push(state);
    } else if (key === 'port') {
      const [from, to] = withDetail(key, () => parsePortToken(text));
      found.port.push(from === to ? from : { from, to });
    } else if (key === 'host') {
      if (text === '') fail(`give a host, like ${EXAMPLES.host}`);
      withDetail(key, () => parseHostSpec(text));
      found.host.push(text);
    } else {
      if (text === '') fail(`give a name, like ${EXAMPLES.service}`);
      found.service.push(text);
    }
  }
}

/** Runs a shared parser and words its InputError for the query. */
function withDetail<T>(key: QueryKey, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new InputError('query', `${key}: ${error.detail}`);
    throw error;
  }
}

/** The contract's limits (at most 50 hosts, 500 characters of text, …), as query errors. */
function checked(filter: ResultFilterInput): ResultFilterInput {
  const result = ResultFilterSchema.safeParse(filter);
  if (result.success) return filter;
  const issue = result.error.issues[0];
  const { path, message } = issue ? innermostIssue(issue) : { path: [], message: 'not valid' };
  throw new InputError('query', `${String(path[0] ?? 'query')}: ${message}`);
}
