import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { inScope, readScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../../membership/member-status.js';
import { newPersonId } from '../model/clustering.js';
import { LinkDecision, ReviewDecision } from '../link.entities.js';
import { explain, type Contribution } from '../model/model.js';
import { resolveScope } from '../../membership/unit/record-scope-filter.js';

/** One record of a person, as far as the caller may see it: always the organization and commune. */
export interface PersonRecordView {
  organization: string;
  communeCode: string | null;
  status: MemberStatus;
  statusLabel: string;
  /** Null when the record is outside the caller's rights ("listed in organization X, commune Y"). */
  recordId: string | null;
  externalId: string | null;
  fullName: string | null;
  unitCode: string | null;
}

export interface OverlapView {
  scope: string;
  /** Số lượt: ACTIVE memberships. */
  memberships: number;
  /** Số người: distinct persons behind them. */
  persons: number;
  /** Persons by the number of organizations they are ACTIVE in. */
  byOrganizationCount: { organizations: number; persons: number }[];
  /** Persons ACTIVE in both organizations (a ≤ b; a = b counts the organization's persons). */
  matrix: { a: string; b: string; persons: number }[];
}

export interface ReviewPairView {
  recordA: string;
  recordB: string;
  probability: number;
  explanation: string;
  organizationA: string;
  organizationB: string;
  communeA: string | null;
  communeB: string | null;
}

const REVIEW_VERDICT = 'cần cán bộ xem xét';

/**
 * What the linker's results look like to people: a person with its records, how far the
 * organizations overlap, the pairs waiting for review, and the decisions taken on them.
 */
@Injectable()
export class PersonViewsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A person's records across organizations; records outside the caller's rights show only where they are listed. */
  async person(id: string, caller: Principal): Promise<{ id: string; records: PersonRecordView[] }> {
    assertUuid('id', id);
    const rows = await this.db.query<
      {
        id: string;
        organization_code: string;
        external_id: string;
        full_name: string;
        status: MemberStatus;
        commune_code: string | null;
        unit_code: string | null;
        unit_path: string | null;
      }[]
    >(
      `SELECT r.id, r.organization_code, r.external_id, r.full_name, r.status, r.commune_code, u.code AS unit_code, u.path AS unit_path
         FROM record_person p JOIN member_record r ON r.id = p.record_id LEFT JOIN unit u ON u.id = r.unit_id
        WHERE p.person_id = $1 AND r.erased_at IS NULL ORDER BY r.organization_code, r.external_id`,
      [id],
    );
    if (!rows.length) throw new DomainError('NOT_FOUND', `Không tìm thấy người '${id}' (chạy lại liên kết nếu hồ sơ mới được nhập).`);
    const scope = readScope(caller);
    const visible = rows.filter((r) => inScope(scope, { organizationCode: r.organization_code, unitPath: r.unit_path }));
    await this.audit.record(caller, {
      action: AuditAction.RECORD_READ,
      subjectType: 'PERSON',
      subjectId: id,
      organization: null,
      detail: { records: visible.map((r) => r.id) },
    });
    return {
      id,
      records: rows.map((r) => {
        const mine = visible.includes(r);
        return {
          organization: r.organization_code,
          communeCode: r.commune_code,
          status: r.status,
          statusLabel: MEMBER_STATUS_INFO[r.status].label,
          recordId: mine ? r.id : null,
          externalId: mine ? r.external_id : null,
          fullName: mine ? r.full_name : null,
          unitCode: mine ? r.unit_code : null,
        };
      }),
    };
  }

  /**
   * Số lượt and số người for a scope — `province` (everything), `commune:<code>`, `org:<code>` or
   * `unit:<org>/<code>` (the unit and its subtree) — over ACTIVE records. A record the linker has
   * not seen yet is its own person.
   */
  async overlap(scope = 'province'): Promise<OverlapView> {
    const filter = await resolveScope(this.db, scope);
    const { sql, params } = filter.condition(1);
    const where = [`r.status = 'ACTIVE'`, `r.erased_at IS NULL`, sql];
    // Counted in the database: a province's million records never travel. A record the linker has not
    // seen yet counts as its own person (its own id stands for it).
    const personOrgs = `SELECT DISTINCT coalesce(p.person_id::text, r.id::text) AS who, r.organization_code AS org
                          FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE ${where.join(' AND ')}`;
    const [totals] = await this.db.query<{ memberships: number; persons: number }[]>(
      `SELECT count(*)::int AS memberships, count(DISTINCT coalesce(p.person_id::text, r.id::text))::int AS persons
         FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE ${where.join(' AND ')}`,
      params,
    );
    const byOrganizationCount = await this.db.query<{ organizations: number; persons: number }[]>(
      `SELECT n AS organizations, count(*)::int AS persons FROM (SELECT who, count(*)::int AS n FROM (${personOrgs}) po GROUP BY who) x
        GROUP BY n ORDER BY n`,
      params,
    );
    const matrix = await this.db.query<{ a: string; b: string; persons: number }[]>(
      `WITH po AS (${personOrgs})
       SELECT x.org AS a, y.org AS b, count(*)::int AS persons FROM po x JOIN po y ON y.who = x.who AND x.org <= y.org
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    return { scope: filter.key, memberships: totals.memberships, persons: totals.persons, byOrganizationCount, matrix };
  }

  /** Pairs waiting for a person's decision, strongest first (filters: organization, commune, probability band). */
  async reviewQueue(
    f: {
      organization?: string | null;
      commune?: string | null;
      minProbability?: number | null;
      maxProbability?: number | null;
      first?: number | null;
    },
    caller: Principal,
  ): Promise<ReviewPairView[]> {
    const params: unknown[] = [LinkDecision.REVIEW];
    const where = [`l.decision = $1`, `v.record_a IS NULL`];
    if (f.organization) {
      const i = params.push(f.organization.toUpperCase());
      where.push(`(a.organization_code = $${i} OR b.organization_code = $${i})`);
    }
    if (f.commune) {
      const i = params.push(f.commune);
      where.push(`(a.commune_code = $${i} OR b.commune_code = $${i})`);
    }
    if (f.minProbability != null) where.push(`l.probability >= $${params.push(f.minProbability)}`);
    if (f.maxProbability != null) where.push(`l.probability <= $${params.push(f.maxProbability)}`);
    const rows = await this.db.query<
      {
        record_a: string;
        record_b: string;
        probability: number;
        weight: number;
        contributions: Contribution[];
        org_a: string;
        org_b: string;
        commune_a: string | null;
        commune_b: string | null;
      }[]
    >(
      `SELECT l.record_a, l.record_b, l.probability, l.weight, l.contributions, a.organization_code AS org_a, b.organization_code AS org_b,
              a.commune_code AS commune_a, b.commune_code AS commune_b
         FROM record_link l JOIN member_record a ON a.id = l.record_a JOIN member_record b ON b.id = l.record_b
         LEFT JOIN link_review v ON v.record_a = l.record_a AND v.record_b = l.record_b
        WHERE ${where.join(' AND ')} ORDER BY l.weight DESC, l.record_a, l.record_b LIMIT $${params.push(Math.min(500, Math.max(1, f.first ?? 50)))}`,
      params,
    );
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'REVIEW_QUEUE',
      organization: f.organization?.toUpperCase() ?? null,
      detail: {
        pairs: rows.length,
        commune: f.commune ?? null,
        minProbability: f.minProbability ?? null,
        maxProbability: f.maxProbability ?? null,
      },
    });
    return rows.map((r) => ({
      recordA: r.record_a,
      recordB: r.record_b,
      probability: r.probability,
      explanation: explain(r, REVIEW_VERDICT),
      organizationA: r.org_a,
      organizationB: r.org_b,
      communeA: r.commune_a,
      communeB: r.commune_b,
    }));
  }

  /** A person's decision on a pair, kept for every later run (and logged). */
  async decide(recordA: string, recordB: string, decision: ReviewDecision, reason: string, caller: Principal): Promise<void> {
    assertUuid('recordA', recordA);
    assertUuid('recordB', recordB);
    if (recordA === recordB) throw new DomainError('BAD_USER_INPUT', 'Cần hai hồ sơ khác nhau.');
    requireReason(reason);
    const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
    const found = await this.db.query<{ id: string }[]>(`SELECT id FROM member_record WHERE id = ANY($1)`, [[a, b]]);
    if (found.length !== 2) throw new DomainError('NOT_FOUND', 'Không tìm thấy một trong hai hồ sơ.');
    await this.db.transaction(async (em) => {
      await this.keepDecision(em, a, b, decision, reason, caller);
      await this.audit.record(
        caller,
        {
          action: decision === ReviewDecision.CONFIRM ? AuditAction.MERGE : AuditAction.SPLIT,
          subjectType: 'RECORD_PAIR',
          subjectId: a,
          organization: null,
          reason: reason.trim(),
          detail: { recordA: a, recordB: b, decision },
        },
        em,
      );
    });
  }

  /**
   * Two persons are one: B's records join A (A keeps its id), and each is confirmed against A's
   * first record so that every later run keeps them together.
   */
  async mergePersons(personA: string, personB: string, reason: string, caller: Principal): Promise<string> {
    assertUuid('personA', personA);
    assertUuid('personB', personB);
    if (personA === personB) throw new DomainError('BAD_USER_INPUT', 'Cần hai người khác nhau.');
    requireReason(reason);
    const a = await this.recordsOf(personA);
    const b = await this.recordsOf(personB);
    await this.db.transaction(async (em) => {
      for (const r of b) await this.keepDecision(em, a[0], r, ReviewDecision.CONFIRM, reason, caller);
      await em.query(`UPDATE record_person SET person_id = $1 WHERE person_id = $2`, [personA, personB]);
      await this.audit.record(
        caller,
        {
          action: AuditAction.MERGE,
          subjectType: 'PERSON',
          subjectId: personA,
          organization: null,
          reason: reason.trim(),
          detail: { merged: personB, records: b },
        },
        em,
      );
    });
    return personA;
  }

  /**
   * Some of a person's records are another person: they leave with a new id, the others keep the
   * person's id, and each pair across the two is rejected so that no later run joins them again.
   */
  async splitPerson(personId: string, recordIds: string[], reason: string, caller: Principal): Promise<string> {
    assertUuid('personId', personId);
    recordIds.forEach((r) => assertUuid('recordIds', r));
    requireReason(reason);
    const all = await this.recordsOf(personId);
    const leaving = [...new Set(recordIds)].sort();
    if (!leaving.length || leaving.some((r) => !all.includes(r)) || leaving.length === all.length)
      throw new DomainError('BAD_USER_INPUT', 'Cần chọn một phần (không phải tất cả) hồ sơ của người này để tách ra.');
    const staying = all.filter((r) => !leaving.includes(r));
    // The new id: derived from the first record leaving, unless some person already has it (indexed lookups).
    let attempt = 0;
    let newId: string;
    do newId = newPersonId(leaving[0], attempt++);
    while ((await this.db.query<unknown[]>(`SELECT 1 FROM record_person WHERE person_id = $1 LIMIT 1`, [newId])).length);
    await this.db.transaction(async (em) => {
      for (const x of leaving) for (const y of staying) await this.keepDecision(em, x, y, ReviewDecision.REJECT, reason, caller);
      await em.query(`UPDATE record_person SET person_id = $1 WHERE record_id = ANY($2)`, [newId, leaving]);
      await this.audit.record(
        caller,
        {
          action: AuditAction.SPLIT,
          subjectType: 'PERSON',
          subjectId: personId,
          organization: null,
          reason: reason.trim(),
          detail: { newPerson: newId, records: leaving },
        },
        em,
      );
    });
    return newId;
  }

  private async recordsOf(personId: string): Promise<string[]> {
    const rows = await this.db.query<{ record_id: string }[]>(
      `SELECT record_id FROM record_person WHERE person_id = $1 ORDER BY record_id`,
      [personId],
    );
    if (!rows.length) throw new DomainError('NOT_FOUND', `Không tìm thấy người '${personId}'.`);
    return rows.map((r) => r.record_id);
  }

  private async keepDecision(
    em: EntityManager,
    x: string,
    y: string,
    decision: ReviewDecision,
    reason: string,
    caller: Principal,
  ): Promise<void> {
    const [a, b] = x < y ? [x, y] : [y, x];
    await em.query(
      `INSERT INTO link_review (record_a, record_b, decision, reason, decided_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (record_a, record_b) DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason, decided_by = EXCLUDED.decided_by, decided_at = now()`,
      [a, b, decision, reason.trim(), caller.name],
    );
  }
}

function requireReason(reason: string): void {
  if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'Lý do: cần ghi lý do của quyết định.');
}
