import type { ImportWarning, MemberRecord } from './member-record.entity.js';

/**
 * The record's columns an import warning's field is stored in, where they are not named alike (a date's own precision is).
 * A CCCD's warning says what its digits contradict (the year, the sex): correcting either settles it too.
 */
const STORED_IN: Record<string, string[]> = {
  idNumber: ['idNumberHash', 'birthDate', 'birthDatePrecision', 'sex'],
  bySexMale: ['sex'],
  bySexFemale: ['sex'],
  communeName: ['communeCode'],
  address: ['communeCode', 'village'],
};

const differs = (a: unknown, b: unknown) =>
  Buffer.isBuffer(a) && Buffer.isBuffer(b) ? !a.equals(b) : JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);

/** Whether the edit changes what the warning's field is stored in (`profile.position`: that key of the profile). */
function changes(field: string, before: MemberRecord, edit: Partial<MemberRecord>): boolean {
  if (field.startsWith('profile.')) {
    const key = field.slice('profile.'.length);
    return edit.profile !== undefined && differs(before.profile?.[key], edit.profile?.[key]);
  }
  const columns = STORED_IN[field] ?? [field, `${field}Precision`];
  return columns.some((c) => c in edit && differs(before[c as keyof MemberRecord], edit[c as keyof MemberRecord]));
}

/**
 * An edit's import warnings left: one about a field the secretary has just corrected (the phone that
 * lost its 0, a birth date the record refused) is settled and leaves the record's page; the others
 * stay. A warning written before warnings named their field stays until the next import of the row.
 * Returns nothing when none is settled.
 */
export function settledWarnings(
  before: MemberRecord,
  edit: Partial<MemberRecord> | null | undefined,
): Partial<Pick<MemberRecord, 'importWarnings'>> {
  const warnings = before.importWarnings ?? [];
  if (!edit || !warnings.length) return {};
  const left = warnings.filter((w: ImportWarning) => !w.field || !changes(w.field, before, edit));
  return left.length === warnings.length ? {} : { importWarnings: left };
}
