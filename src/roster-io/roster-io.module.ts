import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { RosterExportService } from './roster-export.service.js';
import { ImportJobsAtStart } from './import-job-runs.js';
import { RosterImportService } from './roster-import.service.js';
import { RosterIoController } from './roster-io.controller.js';
import { RosterIoResolver } from './roster-io.resolver.js';
import { RejectedRowsService } from './rejected-rows.service.js';

/** Rosters in and out: Excel/CSV import (jobs, row errors) and export in the template's columns. */
@Module({
  imports: [MembershipModule, PersonalDataModule, AuditModule],
  controllers: [RosterIoController],
  providers: [RosterImportService, RosterExportService, RosterIoResolver, RejectedRowsService, ImportJobsAtStart],
  exports: [RosterImportService, RosterExportService, RejectedRowsService],
})
export class RosterIoModule {}
