// The members her file leaves out, read for her console (logged), and kept aside when she keeps them.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { writeScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import { ImportJobStatus, type ImportJob } from '../import-job.entity.js';
import { absentMembers, type Absence } from './absent-members.js';

const PLANNED = [ImportJobStatus.DONE, ImportJobStatus.PREVIEW, ImportJobStatus.NEEDS_CONFIRMATION];

/** The members a finished import's file leaves out, as her console shows them (the read is logged). */
@Injectable()
export class AbsentMembers {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** For a finished import, and a preview's plan (those it would leave out, told before she confirms); an undone or failed one leaves nobody out. */
  async read(job: ImportJob, caller: Principal, first: number, withKept = false): Promise<Absence> {
    if (!PLANNED.includes(job.status)) return { total: 0, kept: 0, members: [] };
    const absence = await absentMembers(this.db, job, writeScope(caller), first, withKept);
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'IMPORT_ABSENT',
      subjectId: job.id,
      organization: job.organizationCode,
      detail: { rows: absence.members.length },
    });
    return absence;
  }
  /**
   * Members her finished import's file leaves out whom she keeps (still members: away, ill, left off
   * by mistake): kept aside with why, so the next file's list does not ask again; audited on each
   * record. Only those that list names for her now; a record ended meanwhile or out of her scope is
   * refused, naming it, and nothing is kept.
   */
  async keep(job: ImportJob, recordIds: string[], reason: string, caller: Principal): Promise<number> {
    const why = reason.trim().replace(/\s+/g, ' ');
    if (why.length < 3)
      throw DomainError.invalidInput([
        { field: 'reason', value: reason, message: 'Lý do giữ lại: cần ghi vì sao (ví dụ: "vẫn sinh hoạt, đi làm ăn xa").' },
      ]);
    if (job.status !== ImportJobStatus.DONE)
      throw new DomainError('CONFLICT', 'Chỉ giữ lại được sau khi đã nhập tệp (bấm "Nhập vào danh sách" trước).');
    const ids = [...new Set(recordIds)];
    ids.forEach((id) => assertUuid('recordIds', id));
    const absent = new Map((await absentMembers(this.db, job, writeScope(caller), 1e6, true)).members.map((m) => [m.id, m]));
    const stray = ids.filter((id) => !absent.has(id));
    if (stray.length)
      throw DomainError.invalidInput(
        stray.map((id) => ({
          field: 'recordIds',
          value: id,
          message: `Hồ sơ '${id}' không còn trong danh sách những người tệp này không có (đã kết thúc sinh hoạt, đã có trong tệp sau đó, hoặc ngoài phạm vi tài khoản): tải lại danh sách.`,
        })),
      );
    await this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO absence_kept (record_id, kept_by, reason, import_job_id) SELECT unnest($1::uuid[]), $2, $3, $4
         ON CONFLICT (record_id) DO UPDATE SET kept_at = now(), kept_by = EXCLUDED.kept_by, reason = EXCLUDED.reason, import_job_id = EXCLUDED.import_job_id`,
        [ids, caller.name, why, job.id],
      );
      for (const id of ids)
        await this.audit.record(
          caller,
          {
            action: AuditAction.ABSENCE_KEPT,
            subjectType: 'MEMBER_RECORD',
            subjectId: id,
            organization: job.organizationCode,
            reason: why,
            detail: { job: job.id, code: absent.get(id)!.code },
          },
          em,
        );
    });
    return ids.length;
  }
}
