import { PORT_STATES } from '../domain';
import type { ResultFilterInput } from '../history';
import { listOf, normalizeResultFilter, textWords } from './normalize';
import { quote } from './terms';

/**
 * The canonical query text of a filter: states as words, then `port:`, `service:`, `host:`,
 * `banner:` and the free text, quoted where the text would otherwise read differently. The
 * window's filter controls edit the query by changing the filter and writing it again:
 * parseResultQuery(formatResultQuery(f)) is normalizeResultFilter(f).
 */
export function formatResultQuery(filter: ResultFilterInput): string {
  const f = normalizeResultFilter(filter);
  const terms: string[] = [...listOf(f.state)];
  if (f.port !== undefined) {
    const ports = listOf(f.port).map((p) => (typeof p === 'number' ? `${p}` : `${p.from}-${p.to}`));
    terms.push(`port:${ports.join(',')}`);
  }
  if (f.service !== undefined) terms.push(`service:${listOf(f.service).map(item).join(',')}`);
  if (f.host !== undefined) terms.push(`host:${listOf(f.host).map(item).join(',')}`);
  if (f.banner !== undefined)
    terms.push(`banner:${/[\s"]/.test(f.banner) ? quote(f.banner) : f.banner}`);
  for (const word of textWords(f.text)) terms.push(readsAsText(word) ? word : quote(word));
  return terms.join(' ');
}

/** A list item goes bare unless a space, quote or comma in it would split or change it. */
const item = (text: string): string => (text === '' || /[\s",]/.test(text) ? quote(text) : text);

/** A free-text word that a bare query would read as a state, a filter or a quote is quoted. */
const readsAsText = (word: string): boolean =>
  !word.includes('"') &&
  !/^[a-z]+:/i.test(word) &&
  !PORT_STATES.some((s) => s === word.toLowerCase());
