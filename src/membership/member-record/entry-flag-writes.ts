import type { EntityManager } from 'typeorm';
import { fromStoredDate, todayInVietnam, type DatePrecision } from '../../common/dates/partial-date.js';
import type { IdNumberIssue } from '../../common/identity/id-number.js';
import { ELIGIBILITY_FLAG_CODES, eligibilityFlags } from '../organization/eligibility-flags.js';
import type { OrganizationDefinition, Profile } from '../organization/organization-definition.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../status/member-status.js';
import { RECORD_DATA_FLAG_CODES, recordDataFlags } from './record-data-flags.js';
import { flagDuplicateListings, RAISED_BY_FORM } from './duplicate-listings.js';
import { shownRecordDate } from './record-dates.js';
import { registerDeaths } from './register-death.js';

interface EligibilityRow {
  id: string;
  birth_date: string | null;
  birth_date_precision: DatePrecision | null;
  sex: 'MALE' | 'FEMALE' | null;
  join_date: string | null;
  join_date_precision: DatePrecision | null;
  status: MemberStatus;
  profile: Profile | null;
  has_id_number: boolean;
  has_phone: boolean;
  id_issues: IdNumberIssue[] | null;
}

/** The flags written at entry: the organization's rules, and the record's own data. */
const CODES = [...ELIGIBILITY_FLAG_CODES, ...RECORD_DATA_FLAG_CODES];
/** What makes a record suspected at entry: those, and the register's death of its own number (raised, never cleared, at entry). */
const REASON_CODES = [...CODES, 'DECEASED'];

/** SQL: the flag `code` of record `rec` is not one she called a false alarm (it is then never raised again). */
export const notDismissed = (rec: string, code: string) =>
  `NOT EXISTS (SELECT 1 FROM flag_resolution d WHERE d.record_id = ${rec} AND d.code = ${code} AND d.resolution = 'FALSE_ALARM')`;

/**
 * SQL: a record's eligibility flags that make it a suspected phantom alone (PHANTOM, not dismissed),
 * as `record_person.ao_reasons` holds them; `rec`, the record id's expression.
 */
export const eligibilityReasons = (rec: string): string =>
  `ARRAY(SELECT x.code FROM record_flag x WHERE x.record_id = ${rec} AND x.code IN (${REASON_CODES.map((c) => `'${c}'`).join(', ')})
     AND x.severity = 'PHANTOM'
     AND ${notDismissed('x.record_id', 'x.code')}
   ORDER BY x.code)::varchar[]`;

/**
 * The flags of records just written (the form, an import's chunk) that their own fields decide — the
 * organization's rules and the record's data (nothing that tells who she is, an impossible ID
 * number) — raised at once in the writing transaction instead of at the next link run: Cảnh báo and
 * the counts show an 80-year-old Đoàn member the moment she is saved, and a corrected birth date or a
 * phone added takes the flag away. The run computes the same flags (`linker/model/phantom.ts`, one
 * rule each) and replaces these. A flag she
 * dismissed (FALSE_ALARM) is not raised again. `fresh`: records created by this write (no flag,
 * no person yet: nothing to clear).
 */
export async function refreshEntryFlags(
  em: EntityManager,
  def: OrganizationDefinition,
  ids: string[],
  today: string,
  fresh = false,
): Promise<void> {
  if (!ids.length) return;
  const rows = await em.query<EligibilityRow[]>(
    `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_date_precision, sex,
            to_char(join_date, 'YYYY-MM-DD') AS join_date, join_date_precision, status, profile,
            id_number_hash IS NOT NULL AS has_id_number, phone IS NOT NULL AS has_phone, id_issues
       FROM member_record WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const raised = rows.flatMap((r) => {
    const birth = r.birth_date ? fromStoredDate(r.birth_date, r.birth_date_precision) : null;
    const joinDate = shownRecordDate({ joinDate: r.join_date, joinDatePrecision: r.join_date_precision }, 'joinDate');
    const eligibility = eligibilityFlags(def, { birth, sex: r.sex, joinDate, status: r.status, profile: r.profile ?? {} }, today);
    // (An ended membership's data is no longer a list's to check.)
    const data = MEMBER_STATUS_INFO[r.status].ends
      ? []
      : recordDataFlags({ hasIdNumber: r.has_id_number, birth, hasPhone: r.has_phone, idMalformed: false, idIssues: r.id_issues ?? [] });
    return [...eligibility, ...data].map((f) => ({ id: r.id, ...f }));
  });
  const all: { id: string; code: string; severity: string; message: string; evidence?: unknown }[] = [
    ...raised,
    ...(await registerDeaths(em, ids)),
  ];
  if (!fresh) await em.query(`DELETE FROM record_flag WHERE record_id = ANY($1::uuid[]) AND code = ANY($2::varchar[])`, [ids, CODES]);
  if (all.length)
    await em.query(
      `INSERT INTO record_flag (record_id, code, severity, message, evidence)
       SELECT u.r, u.c, u.s, u.m, u.e FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::text[], $5::jsonb[]) AS u(r, c, s, m, e)
        WHERE ${notDismissed('u.r', 'u.c')}
       ON CONFLICT (record_id, code) DO UPDATE SET severity = EXCLUDED.severity, message = EXCLUDED.message, evidence = EXCLUDED.evidence`,
      [
        all.map((f) => f.id),
        all.map((f) => f.code),
        all.map((f) => f.severity),
        all.map((f) => f.message),
        all.map((f) => JSON.stringify(f.evidence ?? {})),
      ],
    );
  if (fresh) return;
  // A linked record's person row: its codes, and out-of-the-rules-for-good among the reasons it is suspected.
  await em.query(
    `UPDATE record_person p SET flags = f.codes, ao_reasons = f.reasons, ao = cardinality(f.reasons) > 0
       FROM (SELECT p2.record_id,
                    ARRAY(SELECT x.code FROM record_flag x WHERE x.record_id = p2.record_id ORDER BY x.code)::varchar[] AS codes,
                    ARRAY(SELECT c FROM unnest(p2.ao_reasons) AS c WHERE NOT c = ANY($2::varchar[])
                          UNION SELECT unnest(${eligibilityReasons('p2.record_id')}) ORDER BY 1)::varchar[] AS reasons
               FROM record_person p2 WHERE p2.record_id = ANY($1::uuid[])) f
      WHERE p.record_id = f.record_id`,
    [ids, CODES],
  );
}

/** What the form's save raises at once: the record's eligibility flags, and its second listing of a CCCD when she confirmed one. */
export async function flagSavedRecord(
  em: EntityManager,
  def: OrganizationDefinition,
  id: string,
  saved: { created: boolean; listedTwice: boolean },
) {
  if (saved.listedTwice) await flagDuplicateListings(em, def.code, [id], RAISED_BY_FORM);
  await refreshEntryFlags(em, def, [id], todayInVietnam(), saved.created);
}
