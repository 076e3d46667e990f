/** One thing wrong with one input value: which field, which value, what is wrong (Vietnamese). */
export interface FieldProblem {
  /** The API field name (e.g. `idNumber`). */
  field: string;
  /** The value as given, for the message (never a full ID number in logs: callers mask it). */
  value: string | null;
  /** What is wrong, in Vietnamese, a sentence a secretary can act on. */
  message: string;
}

/** A result that is either a value or a Vietnamese reason why the input was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refuse = <T = never>(reason: string): Parsed<T> => ({ ok: false, reason });
