import { formatVnPartialDate, fromStoredDate, type DatePrecision } from '../../common/dates/partial-date.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { readScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../../membership/status/member-status.js';
import { resolveReportingArea, type ReportingArea } from '../../membership/unit/reporting-area.js';
import { FiguresMemo } from '../figures-memo.js';
import { areaGroups, overlapOfGroups } from './area-overlap.js';
import { personDecisions, type PersonDecisionView } from './person-decisions.js';
import { personPendingPairs, type PendingPairView } from './person-pending.js';
import { isCallers, ownFields, type ListedRecordRow, type OwnFields } from '../seen-by-caller.js';

/** One record of a person, as far as the caller may see it: always the organization and commune. */
export interface PersonRecordView extends OwnFields {
  organization: string;
  communeCode: string | null;
  status: MemberStatus;
  statusLabel: string;
  /** As given, as she reads it (`1969`, `04/1969`, `21/04/1969`); null outside the caller's rights. */
  birthDate: string | null;
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

/**
 * What the linker's results look like to people (reads only): a person with its records, how far
 * the organizations overlap, and the pairs waiting for review. The decisions taken on them are
 * ReviewDecisionsService's.
 */
@Injectable()
export class PersonViewsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly figures: FiguresMemo,
  ) {}

  /**
   * A person's records across organizations; records outside the caller's rights show only where
   * they are listed, and a person with no record within them is not found (as an unknown id).
   */
  async person(id: string, caller: Principal): Promise<{ id: string; records: PersonRecordView[] }> {
    assertUuid('id', id);
    type Row = ListedRecordRow & {
      status: MemberStatus;
      commune_code: string | null;
      birth_date: string | null;
      birth_date_precision: DatePrecision | null;
    };
    const rows = await this.db.query<Row[]>(
      `SELECT r.id, r.organization_code, r.external_id, r.full_name, r.status, r.commune_code, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path, p.flags,
              to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.birth_date_precision
         FROM record_person p JOIN member_record r ON r.id = p.record_id LEFT JOIN unit u ON u.id = r.unit_id
        WHERE p.person_id = $1 AND r.erased_at IS NULL ORDER BY r.organization_code, r.external_id`,
      [id],
    );
    const scope = readScope(caller);
    const visible = rows.filter((r) => isCallers(scope, r));
    // A person none of whose records the caller may read is not hers to look at: not even where it is listed.
    if (!visible.length) throw new DomainError('NOT_FOUND', `Không tìm thấy người '${id}' (chạy lại liên kết nếu hồ sơ mới được nhập).`);
    await this.audit.record(caller, {
      action: AuditAction.RECORD_READ,
      subjectType: 'PERSON',
      subjectId: id,
      organization: null,
      detail: { records: visible.map((r) => r.id) },
    });
    return {
      id,
      records: rows.map((r) => ({
        organization: r.organization_code,
        communeCode: r.commune_code,
        status: r.status,
        statusLabel: MEMBER_STATUS_INFO[r.status].label,
        // Beside the name, what tells two namesakes apart when she splits or merges.
        birthDate: visible.includes(r) && r.birth_date ? formatVnPartialDate(fromStoredDate(r.birth_date, r.birth_date_precision)) : null,
        ...ownFields(r, visible.includes(r)),
      })),
    };
  }

  /** The pairs of the person's records still waiting for review (the person was read, with its rights, by `person`). */
  pendingPairs(personId: string, caller: Principal): Promise<PendingPairView[]> {
    return personPendingPairs(this.db, personId, caller);
  }

  /** The review decisions on the person's records (the person was read, with its rights, by `person`). */
  decisions(personId: string, caller: Principal): Promise<PersonDecisionView[]> {
    return personDecisions(this.db, personId, caller);
  }

  /** The person of a record the caller may read (the record's own read checked its rights), or null before it is linked. */
  async personOfRecord(recordId: string, caller: Principal): Promise<{ id: string; records: PersonRecordView[] } | null> {
    const [row] = await this.db.query<{ person_id: string }[]>(`SELECT person_id FROM record_person WHERE record_id = $1`, [recordId]);
    return row ? this.person(row.person_id, caller) : null;
  }

  /**
   * Số lượt and số người for a scope — `province` (everything), `commune:<code>`, `org:<code>` or
   * `unit:<org>/<code>` (the unit and its subtree) — over ACTIVE records. A record the linker has
   * not seen yet is its own person.
   */
  async overlap(scope = 'province'): Promise<OverlapView> {
    const filter = await resolveReportingArea(this.db, scope);
    return (await this.figures.get(`overlap:${filter.key}`, () => this.countOverlap(filter))).value;
  }

  /** The overlap counted (shared through the figures memo) from the person-level tables (area-overlap.ts). */
  private async countOverlap(filter: ReportingArea): Promise<OverlapView> {
    return { scope: filter.key, ...overlapOfGroups(await areaGroups(this.db, filter)) };
  }
}
