import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { AuditAction, type AuditDetail } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import { ReviewDecision } from '../link.entities.js';
import { newPersonId } from '../model/clustering.js';
import { regroup, type RegroupEffect } from './regroup.js';

/**
 * People's decisions on the linker's results: a pair confirmed or rejected, two persons merged, a
 * person split. Each is kept as pair decisions in `link_review`, which every later run respects,
 * takes effect at once (`regroup`: persons and their flags, in the same transaction), and is
 * logged with its reason.
 */
@Injectable()
export class ReviewDecisionsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A person's decision on a pair, kept for every later run, in effect at once (and logged); returns what it changed. */
  async decide(recordA: string, recordB: string, decision: ReviewDecision, reason: string, caller: Principal): Promise<RegroupEffect> {
    assertUuid('recordA', recordA);
    assertUuid('recordB', recordB);
    if (recordA === recordB) throw new DomainError('BAD_USER_INPUT', 'Cần hai hồ sơ khác nhau.');
    requireReason(reason);
    const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
    const found = await this.db.query<{ id: string }[]>(`SELECT id FROM member_record WHERE id = ANY($1)`, [[a, b]]);
    if (found.length !== 2) throw new DomainError('NOT_FOUND', 'Không tìm thấy một trong hai hồ sơ.');
    return this.db.transaction(async (em) => {
      await this.keepDecision(em, a, b, decision, reason, caller);
      const effect = await regroup(em, [a, b]);
      const action = decision === ReviewDecision.CONFIRM ? AuditAction.REVIEW_SAME_PERSON : AuditAction.REVIEW_TWO_PEOPLE;
      await this.log(em, caller, action, { type: 'RECORD_PAIR', id: a }, reason, { recordA: a, recordB: b, decision, ...effect });
      return effect;
    });
  }

  /** "Chưa chắc, để sau": nothing decided (the pair stays in the queue for whoever knows more), her doubt kept in the audit log. */
  async defer(recordA: string, recordB: string, reason: string, caller: Principal): Promise<void> {
    requireReason(reason);
    const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
    const pair = await this.db.query<{ n: number }[]>(`SELECT 1 AS n FROM record_link WHERE record_a = $1 AND record_b = $2`, [a, b]);
    if (!pair.length) throw new DomainError('NOT_FOUND', 'Không có cặp hồ sơ này trong danh sách rà soát.');
    await this.log(this.db.manager, caller, AuditAction.REVIEW_DEFERRED, { type: 'RECORD_PAIR', id: a }, reason, {
      recordA: a,
      recordB: b,
    });
  }

  /**
   * Two persons are one: B's records join A (A keeps its id), and every pair across the two is
   * confirmed (an earlier rejection across them withdrawn) so that every later run keeps them together.
   */
  async mergePersons(personA: string, personB: string, reason: string, caller: Principal): Promise<string> {
    assertUuid('personA', personA);
    assertUuid('personB', personB);
    if (personA === personB) throw new DomainError('BAD_USER_INPUT', 'Cần hai người khác nhau.');
    requireReason(reason);
    const a = await this.recordsOf(personA);
    const b = await this.recordsOf(personB);
    await this.db.transaction(async (em) => {
      // Merging says every record of B is A's person: an earlier "two people" across them gives way.
      await em.query(
        `DELETE FROM link_review WHERE decision = $3 AND ((record_a = ANY($1) AND record_b = ANY($2)) OR (record_a = ANY($2) AND record_b = ANY($1)))`,
        [a, b, ReviewDecision.REJECT],
      );
      // Every pair across is confirmed: each record of B is A's person, whatever number each carries.
      for (const x of a) for (const y of b) await this.keepDecision(em, x, y, ReviewDecision.CONFIRM, reason, caller);
      await em.query(`UPDATE record_person SET person_id = $1 WHERE person_id = $2`, [personA, personB]);
      await regroup(em, [a[0]]);
      await this.log(em, caller, AuditAction.MERGE, { type: 'PERSON', id: personA }, reason, { merged: personB, records: b });
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
    const newId = await this.unusedPersonId(leaving[0]);
    await this.db.transaction(async (em) => {
      for (const x of leaving) for (const y of staying) await this.keepDecision(em, x, y, ReviewDecision.REJECT, reason, caller);
      await em.query(`UPDATE record_person SET person_id = $1 WHERE record_id = ANY($2)`, [newId, leaving]);
      await regroup(em, [leaving[0], staying[0]]);
      await this.log(em, caller, AuditAction.SPLIT, { type: 'PERSON', id: personId }, reason, { newPerson: newId, records: leaving });
    });
    return newId;
  }

  /** The new id of a person split off: derived from its first record, unless some person already has it (indexed lookups). */
  private async unusedPersonId(firstRecord: string): Promise<string> {
    let attempt = 0;
    let id: string;
    do id = newPersonId(firstRecord, attempt++);
    while ((await this.db.query<unknown[]>(`SELECT 1 FROM record_person WHERE person_id = $1 LIMIT 1`, [id])).length);
    return id;
  }

  private async recordsOf(personId: string): Promise<string[]> {
    const rows = await this.db.query<{ record_id: string }[]>(
      `SELECT record_id FROM record_person WHERE person_id = $1 ORDER BY record_id`,
      [personId],
    );
    if (!rows.length) throw new DomainError('NOT_FOUND', `Không tìm thấy người '${personId}'.`);
    return rows.map((r) => r.record_id);
  }

  /** The decision on a pair (in either order), replacing an earlier one. */
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

  /** The decision in the audit log, in the same transaction: what, on which pair or person, why. */
  private async log(
    em: EntityManager,
    caller: Principal,
    action: AuditAction,
    subject: { type: 'RECORD_PAIR' | 'PERSON'; id: string },
    reason: string,
    detail: AuditDetail,
  ): Promise<void> {
    await this.audit.record(
      caller,
      { action, subjectType: subject.type, subjectId: subject.id, organization: null, reason: reason.trim(), detail },
      em,
    );
  }
}

function requireReason(reason: string): void {
  if (!reason.trim()) throw new DomainError('BAD_USER_INPUT', 'Lý do: cần ghi lý do của quyết định.');
}
