import { inScope, type RecordScope } from '../access/record-scope.js';

/**
 * How the person-level views (a person's records, the duplicate check) show a record of any
 * organization: always where it is listed (organization, commune, status); the record itself
 * only within the caller's rights.
 */
export interface ListedRecordRow {
  id: string;
  organization_code: string;
  external_id: string;
  full_name: string;
  unit_code: string | null;
  unit_name?: string | null;
  unit_path: string | null;
  /** The record's flag codes (record_person.flags); null before a run linked it. */
  flags?: string[] | null;
}

/** The record's own fields: null outside the caller's rights (the record is then only "listed in organization X, commune Y"). */
export interface OwnFields {
  recordId: string | null;
  externalId: string | null;
  fullName: string | null;
  unitCode: string | null;
  unitName: string | null;
  flags: string[] | null;
}

/** Whether the record is within the caller's rights (read scope). */
export function isCallers(scope: RecordScope, r: ListedRecordRow): boolean {
  return inScope(scope, { organizationCode: r.organization_code, unitPath: r.unit_path });
}

/** The record's own fields as the caller may see them. */
export function ownFields(r: ListedRecordRow, mine: boolean): OwnFields {
  return {
    recordId: mine ? r.id : null,
    externalId: mine ? r.external_id : null,
    fullName: mine ? r.full_name : null,
    unitCode: mine ? r.unit_code : null,
    unitName: mine ? (r.unit_name ?? null) : null,
    flags: mine ? (r.flags ?? []) : null,
  };
}
