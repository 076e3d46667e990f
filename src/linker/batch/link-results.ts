import type { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import type { AuditService } from '../../audit/audit.service.js';
import { writeMachineCsv } from '../../common/files/csv.js';
import { LinkDecision } from '../link.entities.js';
import { personOf } from '../model/clustering.js';
import { explain } from '../model/evidence.js';
import type { Contribution } from '../model/model.js';
import { VERDICTS } from '../model/pair-decision.js';

/** Reading what the last run stored: a record's pairs explained, and the audit file. */

export interface AuditRow {
  org: string;
  code: string;
  personId: string;
  ao: 0 | 1;
  flags: string[];
}

/**
 * The audit file's rows: one per ACTIVE member record, with its person (a record the linker has
 * not seen yet is its own person), whether it is a suspected phantom, and its flags.
 */
export async function auditRows(db: DataSource): Promise<AuditRow[]> {
  const rows = await db.query<
    { id: string; org: string; code: string; person_id: string | null; flags: string[] | null; ao: boolean | null }[]
  >(
    `SELECT r.id, r.organization_code AS org, r.external_id AS code, p.person_id, p.flags, p.ao
       FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
      WHERE r.status = 'ACTIVE' AND r.erased_at IS NULL
      ORDER BY r.organization_code, r.external_id`,
  );
  return rows.map((r) => ({
    org: r.org,
    code: r.code,
    personId: personOf(r.id, r.person_id),
    ao: r.ao ? 1 : 0,
    flags: r.flags ?? [],
  }));
}

/** The audit file (`org,ma_ho_so,person_id,ao,flags`, UTF-8, for programs): the number of rows written (the export is logged). */
export async function writeAudit(db: DataSource, audit: AuditService, out: string, caller: Principal): Promise<number> {
  const rows = await auditRows(db);
  await writeMachineCsv(
    out,
    ['org', 'ma_ho_so', 'person_id', 'ao', 'flags'],
    rows.map((r) => [r.org, r.code, r.personId, String(r.ao), r.flags.join(';')]),
  );
  await audit.record(caller, { action: AuditAction.EXPORT, subjectType: 'AUDIT_FILE', detail: { rows: rows.length } });
  return rows.length;
}

export interface PairExplanation {
  other: string;
  decision: LinkDecision;
  probability: number;
  explanation: string;
}

/** The pairs kept for a record (linked, to review, refused), each with its explanation in Vietnamese. */
export async function explanations(db: DataSource, recordId: string): Promise<PairExplanation[]> {
  const rows = await db.query<
    { other: string; decision: LinkDecision; probability: number; weight: number; contributions: Contribution[] }[]
  >(
    `SELECT CASE WHEN record_a = $1 THEN record_b ELSE record_a END AS other, decision, probability, weight, contributions
       FROM record_link WHERE record_a = $1 OR record_b = $1 ORDER BY weight DESC`,
    [recordId],
  );
  return rows.map((r) => ({
    other: r.other,
    decision: r.decision,
    probability: r.probability,
    explanation:
      r.decision === LinkDecision.BRIDGE && !r.contributions.length
        ? `Cả hai hồ sơ khớp cùng một người trong CSDL dân cư (và chỉ người đó): ${VERDICTS[r.decision]}.`
        : explain(r, VERDICTS[r.decision]),
  }));
}
