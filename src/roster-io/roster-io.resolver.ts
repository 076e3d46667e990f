import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import { statusLabel } from '../membership/organization/status-wording.js';
import { Allow, Caller, ROSTER_WRITERS } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { formatOfName } from './export/roster-writer.js';
import { ImportJobStatus, type ImportJob } from './import-job.entity.js';
import { AbsentMembers } from './import/absent-members.service.js';
import { RosterImportService } from './import/roster-import.service.js';
import { TO_LOOK } from './import/import-preview.js';
import { ImportAbsenceType, ImportAbsentArgs, KeepAbsentMembersArgs } from './absent.types.js';
import { mappableColumns } from './roster-columns.js';
import {
  ColumnMappingType,
  ConfirmImportArgs,
  PreviewImportAgainArgs,
  ImportJobArgs,
  ImportJobsArgs,
  ImportJobType,
  ImportPreviewArgs,
  ImportPreviewType,
  ImportRowErrorsArgs,
  ImportRowErrorType,
  ImportSkippedRowType,
  RosterColumnsArgs,
} from './roster-io.types.js';

export const toImportJobType = (j: ImportJob, withResult: boolean): ImportJobType => ({
  id: j.id,
  organization: j.organizationCode,
  sourceName: j.sourceName,
  startedBy: j.actorName,
  status: j.status,
  rowsRead: j.rowsCommitted,
  created: j.created,
  updated: j.updated,
  unchanged: j.unchanged,
  rejected: j.rejected,
  warned: j.warned,
  held: j.held,
  waiting: j.plan?.wrongOrganization && j.status === ImportJobStatus.NEEDS_CONFIRMATION ? j.plan.wrongOrganization : null,
  failure: j.failure,
  startedAt: j.startedAt,
  finishedAt: j.finishedAt,
  // A workbook's rejected rows come back as a workbook (text columns: the zeros stay).
  errorFileUrl: `/imports/${j.id}/errors.${formatOfName(j.sourceName)}`,
  resultFileUrl: withResult ? `/imports/${j.id}/result.${formatOfName(j.sourceName)}` : null,
});

@Resolver(() => ImportJobType)
export class RosterIoResolver {
  constructor(
    private readonly importer: RosterImportService,
    private readonly organizations: OrganizationsService,
    private readonly absentMembers: AbsentMembers,
  ) {}

  @Allow(...ROSTER_WRITERS)
  @Query(() => [ColumnMappingType], {
    description:
      "What a column of her file can be read as (confirmImport's mapping): the roster template's columns of an organization, in order, then those read on import only (Địa chỉ, Ghi chú, the name in two columns…).",
  })
  async rosterColumns(@Args() { organization }: RosterColumnsArgs): Promise<ColumnMappingType[]> {
    return mappableColumns(await this.organizations.get(organization.toUpperCase())).map((c) => ({ field: c.key, header: c.header }));
  }

  @Allow(...ROSTER_WRITERS)
  @Query(() => ImportJobType, { description: 'An import started by an upload to POST /imports (or the CLI).' })
  async importJob(@Args() { id }: ImportJobArgs, @Caller() caller: Principal): Promise<ImportJobType> {
    const job = await this.importer.job(id, caller);
    return toImportJobType(job, await this.importer.hasResult(job.id));
  }

  @Allow(...ROSTER_WRITERS)
  @Query(() => [ImportJobType], {
    description:
      "The imports started within the caller's scope (organization and unit subtree, as importJob), newest first; previews never confirmed left out.",
  })
  async importJobs(@Args() { first }: ImportJobsArgs, @Caller() caller: Principal): Promise<ImportJobType[]> {
    const jobs = await this.importer.recentJobs(caller, first ?? 20);
    return Promise.all(jobs.map(async (j) => toImportJobType(j, await this.importer.hasResult(j.id))));
  }

  @Allow(...ROSTER_WRITERS)
  @Query(() => ImportPreviewType, {
    description:
      'The plan of an import (POST /imports?preview=true): counts by fate, the column mapping, the rows page by page (read logged).',
  })
  async importPreview(
    @Args() { jobId, first, after, fate, toLook }: ImportPreviewArgs,
    @Caller() caller: Principal,
  ): Promise<ImportPreviewType> {
    const p = await this.importer.preview(jobId, caller, first ?? 100, after ?? 0, toLook ? TO_LOOK : (fate ?? null));
    return { ...p, status: p.status as ImportJobStatus, counts: Object.entries(p.counts).map(([fate, count]) => ({ fate, count })) };
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => ImportJobType, {
    description:
      'Applies exactly the previewed plan of a waiting import; with a corrected mapping the kept file is planned again first; a file most of whose rows break the organization’s rules needs acceptIneligible (the reason).',
  })
  async confirmImport(
    @Args() { jobId, mapping, acceptIneligible }: ConfirmImportArgs,
    @Caller() caller: Principal,
  ): Promise<ImportJobType> {
    await this.importer.confirm(jobId, caller, { mapping, acceptIneligible });
    const job = await this.importer.job(jobId, caller);
    return toImportJobType(job, await this.importer.hasResult(job.id));
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => ImportJobType, {
    description:
      'Plans a waiting preview again with her corrected column mapping or her decisions on held rows, and answers when it waits again (PREVIEW) with its new plan: confirmImport then applies exactly that plan.',
  })
  async previewImportAgain(
    @Args() { jobId, mapping, decisions, createUnits }: PreviewImportAgainArgs,
    @Caller() caller: Principal,
  ): Promise<ImportJobType> {
    await this.importer.confirm(jobId, caller, { mapping, decisions, again: true, createUnits: createUnits ?? undefined });
    const job = await this.importer.job(jobId, caller);
    return toImportJobType(job, await this.importer.hasResult(job.id));
  }

  @Allow(...ROSTER_WRITERS)
  @ResolveField(() => [ImportRowErrorType], { description: 'Rejected rows in file order.' })
  async errors(
    @Parent() job: ImportJobType,
    @Args() { first }: ImportRowErrorsArgs,
    @Caller() caller: Principal,
  ): Promise<ImportRowErrorType[]> {
    return (await this.importer.rowErrors(job.id, caller, first ?? 100)).map((e) => ({
      sheet: e.sheet,
      row: e.rowNumber,
      column: e.columnName,
      value: e.value,
      message: e.message,
    }));
  }

  @Allow(...ROSTER_WRITERS)
  @ResolveField(() => [ImportSkippedRowType], {
    description:
      'Lines under a header that are no member (totals, place and date, signatures), in file order, with why: the skippedRows of the CLI.',
  })
  async skipped(
    @Parent() job: ImportJobType,
    @Args() { first }: ImportRowErrorsArgs,
    @Caller() caller: Principal,
  ): Promise<ImportSkippedRowType[]> {
    return (await this.importer.rowErrors(job.id, caller, first ?? 100, 'SKIPPED')).map((e) => ({
      sheet: e.sheet,
      row: e.rowNumber,
      reason: e.message,
    }));
  }

  @Allow(...ROSTER_WRITERS)
  @ResolveField(() => ImportAbsenceType, {
    description:
      'The members her file leaves out (a finished import, or those a preview would; none for an undone one): the records of the units it covers that it does not list, not ended, in her scope (read logged).',
  })
  async absent(
    @Parent() job: ImportJobType,
    @Args() { first, withKept }: ImportAbsentArgs,
    @Caller() caller: Principal,
  ): Promise<ImportAbsenceType> {
    const absence = await this.absentMembers.read(await this.importer.job(job.id, caller), caller, first ?? 500, !!withKept);
    const def = await this.organizations.get(job.organization);
    return { ...absence, members: absence.members.map((m) => ({ ...m, statusLabel: statusLabel(m.status, def) })) };
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => Int, {
    description:
      'Keeps members her finished import’s file leaves out (still members): with why, so the next file’s list of those left out does not ask again until a file lists them; audited. Answers how many.',
  })
  async keepAbsentMembers(@Args() { jobId, recordIds, reason }: KeepAbsentMembersArgs, @Caller() caller: Principal): Promise<number> {
    return this.absentMembers.keep(await this.importer.job(jobId, caller), recordIds, reason, caller);
  }
}
