import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { writeScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { MemberRecordsService } from './member-records.service.js';
import { PersonalDataRequest, PersonalDataRequestKind, REQUEST_DAYS } from './personal-data-request.entity.js';

/** The day `days` after an ISO day. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether `iso` is a real yyyy-mm-dd day. */
const isDay = (iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);

/** Data subjects' requests: received with their deadline, listed due soonest first, answered by the export or the erasure. */
@Injectable()
export class PersonalDataRequestsService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
  ) {}

  async receive(kind: PersonalDataRequestKind, recordId: string, receivedOn: string, caller: Principal): Promise<PersonalDataRequest> {
    const today = todayInVietnam();
    if (!isDay(receivedOn) || receivedOn > today || receivedOn < addDays(today, -366))
      throw DomainError.invalidInput([
        {
          field: 'receivedOn',
          value: receivedOn,
          message: `Ngày nhận yêu cầu '${receivedOn}' không hợp lệ: nhập ngày dạng yyyy-mm-dd, không sau hôm nay và trong vòng một năm`,
        },
      ]);
    const record = await this.records.findInScope(this.db.manager, recordId, writeScope(caller));
    const saved = await this.db.getRepository(PersonalDataRequest).save({
      kind,
      recordId,
      receivedOn,
      dueOn: addDays(receivedOn, REQUEST_DAYS),
      receivedBy: caller.name,
    });
    await this.audit.record(caller, {
      action: AuditAction.PERSONAL_DATA_REQUESTED,
      subjectType: 'MEMBER_RECORD',
      subjectId: recordId,
      organization: record.organizationCode,
      detail: { kind, receivedOn, dueOn: saved.dueOn, request: saved.id },
    });
    return saved;
  }

  /** Open requests first, the one due soonest on top; answered ones after, newest first. */
  list(includeDone: boolean): Promise<PersonalDataRequest[]> {
    const qb = this.db.getRepository(PersonalDataRequest).createQueryBuilder('q').leftJoinAndSelect('q.record', 'r');
    if (!includeDone) qb.where('q.done_at IS NULL');
    return qb
      .orderBy('q.doneAt', 'DESC', 'NULLS FIRST')
      .addOrderBy('q.dueOn', 'ASC')
      .addOrderBy('q.recordedAt', 'ASC')
      .limit(500)
      .getMany();
  }

  get(id: string): Promise<PersonalDataRequest> {
    return this.db.getRepository(PersonalDataRequest).findOneOrFail({ where: { id }, relations: { record: true } });
  }

  /** The export or the erasure of these records answers their open requests of that kind. */
  static async answer(em: EntityManager, kind: PersonalDataRequestKind, recordIds: string[], caller: Principal): Promise<void> {
    await em.query(
      `UPDATE personal_data_request SET done_at = now(), done_by = $3 WHERE kind = $1 AND record_id = ANY($2::uuid[]) AND done_at IS NULL`,
      [kind, recordIds, caller.name],
    );
  }
}

/** Days from today (Vietnam) to the deadline: negative once it has passed. */
export function daysLeft(dueOn: string, today = todayInVietnam()): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
