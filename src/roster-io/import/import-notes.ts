// What an import keeps of a row besides the record's fields (issue 16): the warnings of optional
// cells and of the organization's eligibility rules, on the record; the facts of a `Ghi chú` cell,
// as suggestions for the secretary. Neither changes the record's data or status.
import type { EntityManager } from 'typeorm';
import { toStoredDate } from '../../common/dates/partial-date.js';
import { maskIdNumber } from '../../common/identity/id-number.js';
import type { ImportWarning } from '../../membership/member-record/member-record.entity.js';
import type { EligibilityIssue } from '../../membership/organization/organization-definition.js';
import type { NoteFact } from '../reading/note-facts.js';
import { columnFor } from './prepare-row.js';
import type { RosterRow } from './roster-row.js';

/** Runs of 8 digits or more (separators allowed) in a message: an ID number or a phone. */
const LONG_NUMBER = /\d(?:[\s.-]?\d){7,}/g;

/** A warning's text as it may be shown to whoever sees the record: ID numbers and phones masked. */
export function maskWarning(message: string): string {
  return message.replace(LONG_NUMBER, (m) => (DATE_SHAPE.test(m) ? m : maskIdNumber(m.replace(/\D/g, ''))));
}

/** A date written with dots or dashes (`26.11.1975`, `1975.11.26`, `1975-11-26`): no number to hide. */
const DATE_SHAPE = /^(?:\d{1,2}([.-])\d{1,2}\1\d{4}|\d{4}([.-])\d{1,2}\2\d{1,2})$/;

/** The column an eligibility issue is about, by the field it reads. */
function eligibilityField(issue: EligibilityIssue): string | null {
  if (issue.code === 'INELIGIBLE_SEX') return 'sex';
  if (issue.code === 'INELIGIBLE_SERVICE') return null;
  return issue.atAdmission ? 'joinDate' : 'birthDate';
}

/**
 * The warnings a row leaves on its record: its optional cells' problems (the cell was left empty)
 * and what the organization's eligibility rules say of the member as written (a man in the Hội Phụ
 * nữ, an 80-year-old in the Đoàn) — told at import, not only after a link run.
 */
export function rowWarnings(row: RosterRow, eligibility: EligibilityIssue[], at: string, sexFromCard = false): ImportWarning[] {
  return [
    ...row.warnings.map((w) => ({
      column: w.column,
      message: maskWarning(w.message),
      at,
      ...(w.field ? { field: w.field } : {}),
      ...(w.advice ? { advice: true } : {}),
    })),
    ...eligibility.map((e) => {
      // Her row said no sex: the record took the one her CCCD's digits say (record-writer.ts), said so.
      if (sexFromCard && e.code === 'INELIGIBLE_SEX')
        return { column: columnFor('idNumber', row), message: `${e.message} (${SEX_FROM_CARD})`, at, field: 'sex' };
      const field = eligibilityField(e);
      return { column: field ? columnFor(field, row) : null, message: maskWarning(e.message), at, ...(field ? { field } : {}) };
    }),
  ];
}

const SEX_FROM_CARD = 'dòng không ghi giới tính, giới tính lấy theo chữ số thứ 4 của số CCCD: hãy đối chiếu với thẻ';

/** A row's `Ghi chú` facts, waiting for its record to be written. */
export interface PendingNotes {
  externalId: string;
  facts: NoteFact[];
}

/**
 * The facts of the batch's rows as OPEN suggestions on their records. The same note imported again
 * is the same suggestion: one the secretary accepted or dismissed stays so. A row whose record was
 * not written (rejected, or an erased person) finds no record and leaves nothing.
 */
export async function writeSuggestions(em: EntityManager, org: string, jobId: string, notes: PendingNotes[]): Promise<void> {
  const rows = notes.flatMap((n) =>
    n.facts.map((f) => ({
      external_id: n.externalId,
      kind: f.kind,
      evidence: f.evidence,
      happened_on: f.when ? toStoredDate(f.when) : null,
      precision: f.when?.precision ?? null,
      detail: f.detail ?? null,
    })),
  );
  if (!rows.length) return;
  await em.query(
    `INSERT INTO record_suggestion (record_id, kind, evidence, happened_on, happened_precision, detail, import_job_id)
     SELECT r.id, s.kind, s.evidence, s.happened_on::date, s.precision, s.detail, $2
       FROM jsonb_to_recordset($3::jsonb) AS s(external_id text, kind text, evidence text, happened_on text, precision text, detail text)
       JOIN member_record r ON r.organization_code = $1 AND r.external_id = s.external_id AND r.erased_at IS NULL
     ON CONFLICT (record_id, kind, evidence) DO NOTHING`,
    [org, jobId, JSON.stringify(rows)],
  );
}
