/** A literal for a LIKE pattern: `%`, `_` and `\` match only themselves. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
