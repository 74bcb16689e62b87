import { z } from 'zod/mini';
import { InputError } from './errors';

/** Parses with a shared schema; the first problem becomes an InputError naming its field. */
export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const issue = first ? innermostIssue(first) : undefined;
  const field = issue?.path.map(String).join('.') || 'input';
  throw new InputError(field, issue?.message ?? 'invalid input');
}

export type SchemaIssue = z.core.$ZodIssue;

/**
 * A field that takes one value or a list fails as a union ("Invalid input"); the branch that
 * matched the input's kind says what is really wrong ("give at most 50 hosts").
 */
export function innermostIssue(issue: SchemaIssue): SchemaIssue {
  if (issue.code !== 'invalid_union') return issue;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const cause = innermostIssue({ ...inner, path: [...issue.path, ...inner.path] });
      if (cause.code !== 'invalid_type' && cause.code !== 'invalid_union') return cause;
    }
  }
  return issue;
}

/** A whole number in [min, max], with messages a person can act on (not zod's "Too small: …"). */
export const wholeIn = (min: number, max: number) =>
  z
    .number()
    .check(
      z.int('must be a whole number'),
      z.gte(min, `must be at least ${min}`),
      z.lte(max, `must be at most ${thousands(max)}`),
    );

/** At most `max` characters, said so. */
export const atMostChars = (max: number) => z.maxLength(max, `must be at most ${max} characters`);

/** 65535 -> "65,535", without Intl: loading ICU's locale data costs every start ~20 ms. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
