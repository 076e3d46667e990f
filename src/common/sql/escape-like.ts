/** A literal for a LIKE pattern: `%`, `_` and `\` match only themselves. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern for a unit subtree: every path that starts with `s`, taken literally. */
export const likePrefix = (s: string): string => `${escapeLike(s)}%`;
