/** A piece of SQL and its parameters, in order. Only fixed fragments; the person's text is a parameter. */
export interface Sql {
  text: string;
  params: unknown[];
}

/** Terms joined with AND; null when there are none. */
export function allOf(parts: readonly (Sql | null)[]): Sql | null {
  const present = parts.filter((p): p is Sql => p !== null);
  if (present.length === 0) return null;
  return {
    text: present.map((p) => p.text).join(' AND '),
    params: present.flatMap((p) => p.params),
  };
}

/** Terms joined with OR, in parentheses. */
export function anyOf(parts: readonly Sql[]): Sql {
  if (parts.length === 1) return parts[0]!;
  return {
    text: `(${parts.map((p) => p.text).join(' OR ')})`,
    params: parts.flatMap((p) => p.params),
  };
}
