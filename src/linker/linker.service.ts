import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { MemberRecordsService } from '../membership/member-record/member-records.service.js';
import { SecretVault } from '../personal-data/secret-vault.js';
import { runLink, type LinkOptions, type LinkSummary } from './batch/link-run.js';
import { auditRows, explanations, writeAudit, type AuditRow, type PairExplanation } from './batch/link-results.js';
import { failInterruptedRuns, withLinkLock } from './batch/run-lifecycle.js';
import { DEFAULT_LINK_OPTIONS } from './model/pair-decision.js';

export type { LinkOptions, LinkSummary } from './batch/link-run.js';

/**
 * The linker: finds the one person behind records in several organizations (and the records
 * listed twice in one), with the population register as a bridge, and stores persons with
 * stable ids and every kept pair with its explanation. The run's phases are in `batch/link-run.ts`;
 * this is its face to the application (the CLI, the scheduler, tests).
 */
@Injectable()
export class LinkerService implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly vault: SecretVault,
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Links every record. One run at a time in the whole installation: an advisory lock held on the
   * run's own connection (released when the run ends, or when its process dies); a second caller
   * gets a CONFLICT error at once.
   */
  async link(options: LinkOptions = {}, progress?: (step: string) => void): Promise<LinkSummary> {
    const opts = { ...DEFAULT_LINK_OPTIONS, ...options };
    if (!(opts.review > 0 && opts.review < opts.auto && opts.auto < 1))
      throw new Error(`thresholds must satisfy 0 < review (${opts.review}) < auto (${opts.auto}) < 1`);
    const needs = {
      db: this.db,
      open: (sealed: Buffer) => this.vault.open(sealed),
      organizationOf: (code: string) => this.records.organizationForRecords(code),
    };
    return withLinkLock(this.db, (runner) => runLink(needs, runner, opts, progress));
  }

  /**
   * At start: a run left RUNNING by a process that was killed is marked FAILED — unless a run holds
   * the lock (it is under way, here or on another machine). The number of runs marked.
   */
  failInterruptedRuns(): Promise<number> {
    return failInterruptedRuns(this.db);
  }

  async onApplicationBootstrap(): Promise<void> {
    const n = await this.failInterruptedRuns();
    if (n) new Logger(LinkerService.name).warn(`marked ${n} interrupted link run(s) FAILED`);
  }

  /** The audit file (`org,ma_ho_so,person_id,ao,flags`, UTF-8, for programs): the number of rows written (the export is logged). */
  writeAudit(out: string, caller: Principal): Promise<number> {
    return writeAudit(this.db, this.audit, out, caller);
  }

  /** The pairs kept for a record (linked, to review, refused), each with its explanation in Vietnamese. */
  explanations(recordId: string): Promise<PairExplanation[]> {
    return explanations(this.db, recordId);
  }

  /** The audit file's rows: one per ACTIVE member record, with its person, whether it is a suspected phantom, and its flags. */
  auditRows(): Promise<AuditRow[]> {
    return auditRows(this.db);
  }
}
