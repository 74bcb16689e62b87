/** LIKE patterns from a person's text: `%`, `_` and `\` taken literally (used with ESCAPE '\'). */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Matches values that contain the text. */
export const containsLike = (text: string): string => `%${escapeLike(text)}%`;

/** Matches values like a `*` pattern: `*` is any run of characters, everything else itself. */
export const starLike = (pattern: string): string => escapeLike(pattern).replace(/\*/g, '%');
