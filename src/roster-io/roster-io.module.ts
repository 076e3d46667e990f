import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { GeographyModule } from '../geography/geography.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { RosterExportService } from './export/roster-export.service.js';
import { AbsentMembers } from './import/absent-members.service.js';
import { ImportApplier } from './import/import-apply.js';
import { ImportPlanner } from './import/import-planner.js';
import { PreviewDiscards } from './import/preview-discard.js';
import { ImportPreviews } from './import/import-preview.js';
import { ImportJobs, ImportJobsAtStart } from './import/import-jobs.js';
import { IMPORT_UNDO_PROVIDERS } from './import-undo.resolver.js';
import { RejectedRowsService } from './import/rejected-rows.service.js';
import { RosterImportService } from './import/roster-import.service.js';
import { RosterIoController } from './roster-io.controller.js';
import { RosterIoResolver } from './roster-io.resolver.js';
import { JobNotesResolver } from './job-notes.resolver.js';
import { RecordNotesResolver } from './record-notes.resolver.js';
import { EndedRecordsListener } from './ended-records.listener.js';
import { SuggestionDecisionsService } from './suggestion-decisions.service.js';
import { SuggestionsResolver } from './suggestions.resolver.js';

/** Rosters in and out: Excel/CSV import (jobs, row errors) and export in the template's columns. */
@Module({
  imports: [MembershipModule, PersonalDataModule, AuditModule, GeographyModule],
  controllers: [RosterIoController],
  providers: [
    RosterImportService,
    ImportJobs,
    ImportPlanner,
    ImportApplier,
    ImportPreviews,
    AbsentMembers,
    PreviewDiscards,
    RosterExportService,
    RosterIoResolver,
    JobNotesResolver,
    RecordNotesResolver,
    SuggestionDecisionsService,
    SuggestionsResolver,
    RejectedRowsService,
    ImportJobsAtStart,
    EndedRecordsListener,
    ...IMPORT_UNDO_PROVIDERS,
  ],
  exports: [RosterImportService, RosterExportService, RejectedRowsService],
})
export class RosterIoModule {}
