import type { z } from 'zod/mini';
import { InputError } from './errors';

/** Parses with a shared schema; the first problem becomes an InputError naming its field. */
export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'input';
  throw new InputError(field, issue?.message ?? 'invalid input');
}
