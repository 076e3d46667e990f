import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { DuplicateCheckService } from './incremental/duplicate-check.service.js';
import { IncrementalLinkService } from './incremental/incremental-link.service.js';
import { RecordPersonResolver } from './review/record-person.resolver.js';
import { PersonDecisionsResolver } from './review/person-decisions.resolver.js';
import { FlagsResolver } from './flags/flags.resolver.js';
import { FlagsService } from './flags/flags.service.js';
import { LinkerResolver } from './linker.resolver.js';
import { LinkerService } from './linker.service.js';
import { LinkRunsResolver } from './link-runs.resolver.js';
import { LinkRunsService } from './link-runs.service.js';
import { NewRecordsListener } from './incremental/new-records.listener.js';
import { PersonViewsService } from './review/person-views.service.js';
import { PairSideNamesResolver, PersonRecordNamesResolver } from './review/person-record-names.resolver.js';
import { RecordNames } from './review/record-names.js';
import { GeographyModule } from '../geography/geography.module.js';
import { ReviewDecisionsService } from './review/review-decisions.service.js';
import { ReviewQueueService } from './review/review-queue.service.js';

/** The linker: persons behind the records of every organization, with the register as a bridge. */
@Module({
  imports: [MembershipModule, PersonalDataModule, AuditModule, GeographyModule],
  providers: [
    LinkerService,
    LinkRunsService,
    PersonViewsService,
    ReviewDecisionsService,
    ReviewQueueService,
    DuplicateCheckService,
    IncrementalLinkService,
    NewRecordsListener,
    FlagsService,
    LinkerResolver,
    LinkRunsResolver,
    FlagsResolver,
    RecordPersonResolver,
    PersonDecisionsResolver,
    RecordNames,
    PersonRecordNamesResolver,
    PairSideNamesResolver,
  ],
  exports: [LinkerService, PersonViewsService, DuplicateCheckService, FlagsService, MembershipModule],
})
export class LinkerModule {}
