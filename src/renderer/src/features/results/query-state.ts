import { InputError } from '../../../../shared/errors';
import type { ResultFilterInput } from '../../../../shared/history';
import { parseResultQuery } from '../../../../shared/result-query';

export interface ParsedQuery {
  filter: ResultFilterInput | null;
  /** The parser's message, naming the token at fault. */
  error: string | null;
}

export function readQuery(text: string): ParsedQuery {
  try {
    return { filter: parseResultQuery(text), error: null };
  } catch (error) {
    return { filter: null, error: error instanceof InputError ? error.detail : String(error) };
  }
}
