import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertOrganizationInScope, type Principal } from '../../access/principal.js';
import { applyScope, inScope, limits, writeScope, type RecordScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { likePrefix } from '../../common/sql/escape-like.js';
import { MEMBER_STATUS_INFO } from '../status/member-status.js';
import type { Unit } from '../unit/unit.entity.js';
import { dateOrProblem, problem } from './member-input.js';
import { MemberRecord } from './member-record.entity.js';
import { FORM_EVENTS, MemberRecordsService } from './member-records.service.js';
import { membershipEvents } from './membership-events.js';
import { RecordsCreatedHook } from './records-created.hook.js';
import { TransferRequest, TransferState } from './transfer-request.entity.js';

/** How long a declined request stays on the sender's list. */
const DECLINED_SHOWN_DAYS = 90;

/**
 * Chuyển sinh hoạt within an organization. To a unit the caller keeps, the record moves at once;
 * to a unit she does not keep (another commune's, kept by another secretariat), a request waits
 * for that unit's secretariat, who accepts (the record moves) or declines with a reason. A move,
 * either way, is the same record changing unit: one TRANSFERRED history event and one
 * RECORD_TRANSFERRED audit line (README "Transfers between secretariats": why not a new record).
 */
@Injectable()
export class RecordTransfersService {
  /** The records whose `transferRequest` is asked for in this turn, answered together. */
  private batch: { ids: Set<string>; result: Promise<Map<string, TransferRequest>> } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
    private readonly hook: RecordsCreatedHook,
  ) {}

  async transfer(
    input: { id: string; unit: string; date?: string | null; reason?: string | null },
    caller: Principal,
  ): Promise<MemberRecord> {
    return this.db.transaction(async (em) => {
      const record = await this.records.lock(em, input.id, caller);
      const problems: FieldProblem[] = [];
      if (MEMBER_STATUS_INFO[record.status].ends)
        problems.push(
          problem('status', record.status, `hồ sơ đã kết thúc (${MEMBER_STATUS_INFO[record.status].label}): không chuyển sinh hoạt được`),
        );
      const unit = await this.records.unitOrProblem(record.organizationCode, input.unit, problems, em);
      if (unit && unit.id === record.unitId) problems.push(problem('unit', input.unit, 'hồ sơ đã ở đơn vị này'));
      const date = dateOrProblem('date', input.date, problems) ?? todayInVietnam();
      if (problems.length) throw DomainError.invalidInput(problems);
      const waiting = await this.pendingOf(em, record.id);
      if (waiting)
        throw new DomainError(
          'CONFLICT',
          `Hồ sơ '${record.externalId}' đang chờ đơn vị '${waiting.toUnit!.code}' nhận: chờ quyết định đó trước khi chuyển lại.`,
        );
      const note = { date, reason: input.reason?.trim() || null };
      if (inScope(writeScope(caller), { organizationCode: record.organizationCode, unitPath: unit!.path }))
        await this.move(em, record, unit!, note, caller);
      else await this.request(em, record, unit!, note, caller);
      return this.records.reload(em, record.id);
    });
  }

  /** The receiving secretariat accepts: the record moves, dated as the sender asked. */
  async accept(id: string, caller: Principal): Promise<TransferRequest> {
    return this.db.transaction(async (em) => {
      const request = await this.decidable(em, id, caller);
      const record = await this.records.findInScope(em, request.recordId, { kind: 'ALL' }, true);
      if (record.erasedAt || MEMBER_STATUS_INFO[record.status].ends)
        throw new DomainError(
          'CONFLICT',
          `Hồ sơ '${record.externalId}' đã kết thúc sinh hoạt sau khi gửi yêu cầu: hãy từ chối yêu cầu này.`,
        );
      if (record.unitId !== request.fromUnitId)
        throw new DomainError('CONFLICT', `Hồ sơ '${record.externalId}' đã đổi đơn vị sau khi gửi yêu cầu: hãy từ chối yêu cầu này.`);
      await this.move(em, record, request.toUnit!, { date: request.effectiveDate, reason: request.reason }, caller, request.id);
      return this.decide(em, request, TransferState.ACCEPTED, null, caller);
    });
  }

  /** The receiving secretariat declines, saying why: the record stays; the sender sees the reason. */
  async decline(id: string, reason: string, caller: Principal): Promise<TransferRequest> {
    const why = reason.trim();
    if (why.length < 5) throw DomainError.invalidInput([problem('reason', reason, 'cần ghi lý do từ chối (ít nhất 5 ký tự)')]);
    return this.db.transaction(async (em) => {
      const request = await this.decidable(em, id, caller);
      await this.audit.record(
        caller,
        {
          action: AuditAction.TRANSFER_DECLINED,
          subjectType: 'MEMBER_RECORD',
          subjectId: request.recordId,
          organization: request.organizationCode,
          reason: why,
          detail: { request: request.id },
        },
        em,
      );
      return this.decide(em, request, TransferState.DECLINED, why, caller);
    });
  }

  /**
   * The sending side (whoever keeps the record's unit) takes back a request still waiting — sent to
   * the wrong unit, or the member stays after all: the record stays; the request leaves both lists.
   */
  async cancel(id: string, caller: Principal): Promise<TransferRequest> {
    assertUuid('id', id);
    return this.db.transaction(async (em) => {
      const request = await this.withRelations(em).where('q.id = :id', { id }).setLock('pessimistic_write', undefined, ['q']).getOne();
      const sender =
        request && inScope(writeScope(caller), { organizationCode: request.organizationCode, unitPath: request.fromUnit?.path ?? null });
      if (!request || !sender)
        throw new DomainError('NOT_FOUND', `Không tìm thấy yêu cầu chuyển sinh hoạt '${id}' gửi đi từ đơn vị của tài khoản này.`);
      if (request.state !== TransferState.PENDING)
        throw new DomainError('CONFLICT', `Yêu cầu chuyển sinh hoạt này đã được quyết định (${request.state}): không hủy được nữa.`);
      await this.audit.record(
        caller,
        {
          action: AuditAction.TRANSFER_CANCELLED,
          subjectType: 'MEMBER_RECORD',
          subjectId: request.recordId,
          organization: request.organizationCode,
          detail: { request: request.id, toUnit: request.toUnit!.code },
        },
        em,
      );
      return this.decide(em, request, TransferState.CANCELLED, null, caller);
    });
  }

  /**
   * The pending requests the caller sends or receives (or, `declined`, those declined in the last
   * 90 days), oldest first, with the records' names: the receiving side needs them to decide (logged).
   */
  async list(organization: string, declined: boolean, caller: Principal): Promise<TransferRequest[]> {
    const scope = writeScope(caller);
    assertOrganizationInScope(scope, organization, 'yêu cầu chuyển sinh hoạt');
    const qb = this.withRelations(this.db.manager).where('q.organization_code = :organization', { organization });
    if (declined)
      qb.andWhere('q.state = :declined', { declined: TransferState.DECLINED }).andWhere(
        `q.decided_at > now() - make_interval(days => :days)`,
        { days: DECLINED_SHOWN_DAYS },
      );
    else qb.andWhere('q.state = :pending', { pending: TransferState.PENDING });
    const l = limits(scope);
    if (!l.none && l.pathPrefix) qb.andWhere('(tu.path LIKE :sides OR fu.path LIKE :sides)', { sides: likePrefix(l.pathPrefix) });
    const rows = await qb.orderBy('q.requested_at').addOrderBy('q.id').take(500).getMany();
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'TRANSFER_REQUESTS',
      organization,
      detail: { rows: rows.length, filters: declined ? ['declined'] : [] },
    });
    return rows;
  }

  /**
   * The requests the caller sent (from a unit she keeps) in the last 90 days, newest first, whatever
   * became of them: waiting, accepted or declined (those she took back are gone). Logged as a list read.
   */
  async sent(organization: string, caller: Principal): Promise<TransferRequest[]> {
    const scope = writeScope(caller);
    assertOrganizationInScope(scope, organization, 'yêu cầu chuyển sinh hoạt đã gửi');
    const qb = this.withRelations(this.db.manager)
      .where('q.organization_code = :organization', { organization })
      .andWhere('q.state <> :cancelled', { cancelled: TransferState.CANCELLED })
      .andWhere(`(q.state = :pending OR q.requested_at > now() - make_interval(days => :days))`, {
        pending: TransferState.PENDING,
        days: DECLINED_SHOWN_DAYS,
      });
    const l = limits(scope);
    if (!l.none && l.pathPrefix) qb.andWhere('fu.path LIKE :from', { from: likePrefix(l.pathPrefix) });
    const rows = await qb.orderBy('q.requested_at', 'DESC').addOrderBy('q.id').take(500).getMany();
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'TRANSFER_REQUESTS',
      organization,
      detail: { rows: rows.length, filters: ['sent'] },
    });
    return rows;
  }

  /**
   * The record's latest request unless it was accepted (the history shows that one) or taken back:
   * pending or declined. The calls of one page (a roster's 50 rows) are answered by one query.
   */
  latestOf(recordId: string): Promise<TransferRequest | null> {
    if (!this.batch) {
      const ids = new Set<string>();
      // After every row of the page has asked (their resolvers start within the same turn).
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.batch = null;
        return this.latestOfMany([...ids]);
      });
      this.batch = { ids, result };
    }
    this.batch.ids.add(recordId);
    return this.batch.result.then((latest) => latest.get(recordId) ?? null);
  }

  private async latestOfMany(recordIds: string[]): Promise<Map<string, TransferRequest>> {
    const rows = await this.withRelations(this.db.manager)
      .where('q.record_id = ANY(:recordIds)', { recordIds })
      .orderBy('q.requested_at', 'DESC')
      .getMany();
    const latest = new Map<string, TransferRequest>();
    for (const r of rows) if (!latest.has(r.recordId)) latest.set(r.recordId, r);
    for (const [id, r] of latest) if (r.state === TransferState.ACCEPTED || r.state === TransferState.CANCELLED) latest.delete(id);
    return latest;
  }

  /** Whether the caller keeps the receiving unit of a request. */
  receives(caller: Principal, request: TransferRequest): boolean {
    return inScope(writeScope(caller), { organizationCode: request.organizationCode, unitPath: request.toUnit?.path ?? null });
  }

  private withRelations(em: EntityManager) {
    return em
      .getRepository(TransferRequest)
      .createQueryBuilder('q')
      .innerJoinAndSelect('q.record', 'r')
      .innerJoinAndSelect('q.toUnit', 'tu')
      .leftJoinAndSelect('tu.commune', 'tuc')
      .leftJoinAndSelect('q.fromUnit', 'fu')
      .leftJoinAndSelect('fu.commune', 'fuc');
  }

  private pendingOf(em: EntityManager, recordId: string): Promise<TransferRequest | null> {
    return this.withRelations(em)
      .where('q.record_id = :recordId AND q.state = :pending', { recordId, pending: TransferState.PENDING })
      .getOne();
  }

  /** A PENDING request whose receiving unit the caller keeps (NOT_FOUND otherwise, as for a record), locked. */
  private async decidable(em: EntityManager, id: string, caller: Principal): Promise<TransferRequest> {
    assertUuid('id', id);
    const scope: RecordScope = writeScope(caller);
    const qb = this.withRelations(em).where('q.id = :id', { id });
    applyScope(qb, scope, { organization: 'q.organization_code', unitPath: 'tu.path' });
    const request = await qb.setLock('pessimistic_write', undefined, ['q']).getOne();
    if (!request) throw new DomainError('NOT_FOUND', `Không tìm thấy yêu cầu chuyển sinh hoạt '${id}' gửi đến đơn vị của tài khoản này.`);
    if (request.state !== TransferState.PENDING)
      throw new DomainError('CONFLICT', `Yêu cầu chuyển sinh hoạt này đã được quyết định (${request.state}).`);
    return request;
  }

  private async decide(
    em: EntityManager,
    request: TransferRequest,
    state: TransferState,
    declineReason: string | null,
    caller: Principal,
  ): Promise<TransferRequest> {
    const decided = { state, declineReason, decidedBy: caller.name.slice(0, 80), decidedAt: new Date() };
    await em.getRepository(TransferRequest).update(request.id, decided);
    return Object.assign(request, decided);
  }

  /** The one way a record changes unit: the move, its TRANSFERRED event, its audit line. */
  private async move(
    em: EntityManager,
    record: MemberRecord,
    unit: Unit,
    note: { date: string; reason: string | null },
    caller: Principal,
    requestId?: string,
  ): Promise<void> {
    const place = communeAfterMove(record, unit);
    // Another commune: her thôn, bản was the old commune's, and what her old list's notes said of a move is settled by it.
    const elsewhere = place.communeCode !== undefined;
    await em
      .getRepository(MemberRecord)
      .update(record.id, { unitId: unit.id, ...place, ...(elsewhere && { village: null }), version: record.version + 1 });
    await this.records.addHistory(em, record.id, membershipEvents(record, { unitId: unit.id }, note, FORM_EVENTS));
    if (elsewhere) await this.hook.emitMoved(em, { id: record.id, unitName: unit.name, date: note.date }, caller.name);
    await this.audit.record(
      caller,
      {
        action: AuditAction.RECORD_TRANSFERRED,
        subjectType: 'MEMBER_RECORD',
        subjectId: record.id,
        organization: record.organizationCode,
        ...(requestId ? { detail: { request: requestId } } : {}),
      },
      em,
    );
  }

  /** A request to the receiving unit's secretariat; the record stays where it is meanwhile. */
  private async request(
    em: EntityManager,
    record: MemberRecord,
    unit: Unit,
    note: { date: string; reason: string | null },
    caller: Principal,
  ): Promise<void> {
    const repo = em.getRepository(TransferRequest);
    const request = repo.create({
      recordId: record.id,
      organizationCode: record.organizationCode,
      fromUnitId: record.unitId,
      toUnitId: unit.id,
      effectiveDate: note.date,
      reason: note.reason,
      requestedBy: caller.name.slice(0, 80),
    });
    await repo.insert(request);
    await this.audit.record(
      caller,
      {
        action: AuditAction.TRANSFER_REQUESTED,
        subjectType: 'MEMBER_RECORD',
        subjectId: record.id,
        organization: record.organizationCode,
        detail: { request: request.id, toUnit: unit.code },
      },
      em,
    );
  }
}

/**
 * A move to a unit in another commune takes the member's commune along (she lives, and is counted,
 * where her new unit is); a move within one commune leaves her commune as it was.
 */
export function communeAfterMove(
  record: Pick<MemberRecord, 'communeCode'> & { unit?: Pick<Unit, 'communeCode'> | null },
  unit: Pick<Unit, 'communeCode'>,
): Partial<Pick<MemberRecord, 'communeCode' | 'communeEnteredCode' | 'communeCandidates'>> {
  const from = record.unit?.communeCode ?? null;
  if (!unit.communeCode || unit.communeCode === from || unit.communeCode === record.communeCode) return {};
  return { communeCode: unit.communeCode, communeEnteredCode: null, communeCandidates: [] };
}
