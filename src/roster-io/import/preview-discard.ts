// "Hủy" on a preview: she does not want that plan. Nothing of it was written; the job is kept (its
// reads are in the audit log) but marked discarded, its kept file removed, and it leaves her list.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ImportJob, ImportJobStatus } from '../import-job.entity.js';
import { ImportJobs } from './import-jobs.js';
import { removeKeptUpload } from './kept-uploads.js';

/** A waiting job she discarded (options.discarded): never confirmed, never listed. */
export const isDiscarded = (job: ImportJob): boolean => job.options.discarded === true;

@Injectable()
export class PreviewDiscards {
  constructor(
    private readonly db: DataSource,
    private readonly jobs: ImportJobs,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async discard(jobId: string, caller: Principal): Promise<void> {
    const job = await this.jobs.find(jobId, caller);
    if (job.status !== ImportJobStatus.PREVIEW && job.status !== ImportJobStatus.NEEDS_CONFIRMATION)
      throw new DomainError('CONFLICT', `Lượt nhập '${job.id}' không còn ở bước xem trước: không hủy được (hoàn tác nếu đã nhập)`);
    if (isDiscarded(job)) return;
    await this.db.getRepository(ImportJob).update(job.id, { options: { ...job.options, discarded: true } });
    await removeKeptUpload(this.config.dataDir, job.id);
    await this.audit.record(caller, {
      action: AuditAction.IMPORT,
      subjectType: 'IMPORT_JOB',
      subjectId: job.id,
      organization: job.organizationCode,
      detail: { discarded: true },
    });
  }
}
