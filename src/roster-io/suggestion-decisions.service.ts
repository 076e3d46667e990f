import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden, type Principal } from '../access/principal.js';
import { writeScope } from '../access/record-scope.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { assertUuid, DomainError } from '../common/errors/domain-error.js';
import { MemberRecordsService } from '../membership/member-record/member-records.service.js';
import { RecordSuggestion, type SuggestionStatus } from './record-suggestion.entity.js';
import { flagOfSuggestion, type RaisedFlag } from './suggestion-flag.js';

export type SuggestionDecision = Exclude<SuggestionStatus, 'OPEN'>;

const DECIDED: Record<SuggestionDecision, string> = { ACCEPTED: 'chấp nhận', DISMISSED: 'bỏ qua' };

/**
 * The secretary's answer to a `Ghi chú` suggestion. Accepting raises the matching flag on the record
 * with the note as its evidence — a person's flag, which link runs keep (migration 1763700000020);
 * a death or no longer taking part makes her a suspected phantom (Nghi ảo) at once. It ends nothing:
 * a death or a move ends the membership only through `endMembership` (or
 * by confirming the flag). Dismissing keeps the suggestion, DISMISSED, with who and why. Only who
 * may write the record decides; each decision is audited.
 */
@Injectable()
export class SuggestionDecisionsService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
  ) {}

  async decide(id: string, decision: SuggestionDecision, reason: string | null | undefined, caller: Principal): Promise<RecordSuggestion> {
    assertUuid('id', id);
    const scope = writeScope(caller);
    if (scope.kind === 'NONE') throw forbidden(`vai trò ${caller.role} không quyết định gợi ý trên hồ sơ hội viên`);
    const why = reason?.trim() || null;
    if (decision === 'DISMISSED' && !why) throw new DomainError('BAD_USER_INPUT', 'Lý do: cần ghi vì sao bỏ qua gợi ý này.');
    return this.db.transaction(async (em) => {
      const s = await this.openSuggestion(em, id, caller);
      const flag = decision === 'ACCEPTED' ? flagOfSuggestion(s, caller.name) : null;
      // Once the suggestion is ACCEPTED, link runs keep its flag's row as it is (batch/link-store.ts).
      if (flag) await raiseFlag(em, s.recordId, flag);
      await em.getRepository(RecordSuggestion).update(s.id, {
        status: decision,
        decidedAt: new Date(),
        decidedBy: caller.name,
        decisionReason: why,
        flagCode: flag?.code ?? null,
      });
      // The record's flag codes gain the accepted one, and a phantom's (a death, no longer taking part)
      // its reasons to be suspected: Nghi ảo's lists, prints and counts show her at once, not at the next run.
      if (flag)
        await em.query(
          `UPDATE record_person SET flags = ARRAY(SELECT DISTINCT c FROM unnest(flags || ARRAY[$2::varchar]) AS c ORDER BY c),
                  ao_reasons = CASE WHEN $3 THEN ARRAY(SELECT DISTINCT c FROM unnest(ao_reasons || ARRAY[$2::varchar]) AS c ORDER BY c) ELSE ao_reasons END,
                  ao = ao OR $3
            WHERE record_id = $1`,
          [s.recordId, flag.code, flag.severity === 'PHANTOM'],
        );
      await this.audit.record(
        caller,
        {
          action: AuditAction.FLAG_DECISION,
          subjectType: 'MEMBER_RECORD',
          subjectId: s.recordId,
          organization: s.record!.organizationCode,
          reason: why,
          detail: { suggestion: s.id, kind: s.kind, decision, code: flag?.code ?? null },
        },
        em,
      );
      return em.getRepository(RecordSuggestion).findOneByOrFail({ id: s.id });
    });
  }

  /** The suggestion, locked, on a record the caller may write (else NOT_FOUND: its existence is not disclosed), not yet decided. */
  private async openSuggestion(em: EntityManager, id: string, caller: Principal): Promise<RecordSuggestion> {
    const s = await em.getRepository(RecordSuggestion).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    const record = s ? await this.records.findInScope(em, s.recordId, writeScope(caller), true).catch(() => null) : null;
    if (!s || !record) throw new DomainError('NOT_FOUND', `Không tìm thấy gợi ý '${id}' trong phạm vi tài khoản này.`);
    if (record.erasedAt) throw new DomainError('CONFLICT', 'Hồ sơ này đã bị xóa dữ liệu cá nhân theo yêu cầu.');
    if (s.status !== 'OPEN')
      throw new DomainError('CONFLICT', `Gợi ý này đã được ${DECIDED[s.status]} (${s.decidedBy ?? '?'}): không quyết định lại.`);
    s.record = record;
    return s;
  }
}

/**
 * The flag on the record, beside the last run's. Where the run raised the same code (the register
 * said so first) the note joins its message and evidence.
 */
async function raiseFlag(em: EntityManager, recordId: string, flag: RaisedFlag): Promise<void> {
  await em.query(
    `INSERT INTO record_flag (record_id, code, severity, message, evidence) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (record_id, code) DO UPDATE
       SET message = record_flag.message || '; ' || EXCLUDED.message, evidence = record_flag.evidence || EXCLUDED.evidence`,
    [recordId, flag.code, flag.severity, flag.message, JSON.stringify(flag.evidence)],
  );
}
