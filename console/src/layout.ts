/** Shared layout rules of the console's screens (a phone of 390 px as well as a 1366-px laptop). */

/** A name as a link in a table: it wraps on a phone instead of pushing the table wider than the screen. */
export const WRAPPING_LINK = { padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' } as const;
