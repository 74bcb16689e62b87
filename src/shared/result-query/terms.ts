import { InputError } from '../errors';

/** A stretch of a term: as typed, or from inside quotes (where spaces, commas and colons are text). */
export interface Piece {
  text: string;
  quoted: boolean;
}

/** One whitespace-separated term of a query, with its source text for messages. */
export interface Term {
  source: string;
  pieces: Piece[];
}

/**
 * Splits a query into terms. `"…"` quotes anywhere in a term; inside quotes `\"` is a quote and
 * `\\` a backslash (any other backslash is itself). An unclosed quote is an InputError naming it.
 */
export function splitTerms(query: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < query.length) {
    while (i < query.length && isSpace(query[i]!)) i += 1;
    if (i >= query.length) break;
    const start = i;
    const pieces: Piece[] = [];
    let bare = '';
    while (i < query.length && !isSpace(query[i]!)) {
      if (query[i] !== '"') {
        bare += query[i];
        i += 1;
        continue;
      }
      if (bare) pieces.push({ text: bare, quoted: false });
      bare = '';
      const [text, end] = readQuoted(query, i);
      if (end < 0) {
        throw new InputError('query', `unclosed quote in ${query.slice(start)} (close it with ")`);
      }
      pieces.push({ text, quoted: true });
      i = end;
    }
    if (bare) pieces.push({ text: bare, quoted: false });
    terms.push({ source: query.slice(start, i), pieces });
  }
  return terms;
}

/** Reads a quoted stretch starting at the quote at `open`: its text and the index after it (-1: unclosed). */
function readQuoted(query: string, open: number): [string, number] {
  let text = '';
  let i = open + 1;
  while (i < query.length) {
    const c = query[i]!;
    if (c === '"') return [text, i + 1];
    if (c === '\\' && (query[i + 1] === '"' || query[i + 1] === '\\')) {
      text += query[i + 1];
      i += 2;
    } else {
      text += c;
      i += 1;
    }
  }
  return [text, -1];
}

const isSpace = (c: string): boolean => /\s/.test(c);

/** Quotes text for a query when it must be: `"` and `\` escaped inside. */
export const quote = (text: string): string => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * Splits a term's value on commas outside quotes: `"a,b",c` is two items, `a,b` too. Empty items
 * (a trailing comma while typing) are dropped; a quoted empty item is kept, for its message.
 */
export function splitItems(pieces: Piece[]): Piece[] {
  const items: Piece[] = [];
  let text = '';
  let quoted = false;
  const end = () => {
    if (text !== '' || quoted) items.push({ text, quoted });
    text = '';
    quoted = false;
  };
  for (const piece of pieces) {
    if (piece.quoted) {
      text += piece.text;
      quoted = true;
      continue;
    }
    piece.text.split(',').forEach((part, k) => {
      if (k > 0) end();
      text += part;
    });
  }
  end();
  return items;
}
