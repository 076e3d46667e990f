import { PersonalDataRequestsResolver } from './member-record/personal-data-requests.resolver.js';
import { PersonalDataRequestsService } from './member-record/personal-data-requests.service.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { FiguresMemo } from '../common/cache/figures-memo.js';
import { GeographyModule } from '../geography/geography.module.js';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { MemberRecordsRepository } from './member-record/member-records.repository.js';
import { MemberRecordsResolver } from './member-record/member-records.resolver.js';
import { MemberRecordsService } from './member-record/member-records.service.js';
import { RecordsCreatedHook } from './member-record/records-created.hook.js';
import { RecordParts } from './member-record/record-parts.js';
import { RecordPrivacyService } from './member-record/record-privacy.js';
import { OrganizationsService } from './organization/organizations.service.js';
import { OrganizationsResolver } from './organization/organizations.resolver.js';
import { UnitsResolver } from './unit/units.resolver.js';
import { UnitsService } from './unit/units.service.js';
import { RecordTransfersService } from './member-record/record-transfers.service.js';
import { TransferRequestsResolver } from './member-record/transfer-requests.resolver.js';

/**
 * The shared membership core. It knows no particular organization: the built-in ones are handed
 * down by the composition root (`ORGANIZATION_DEFINITIONS`, core-modules.ts), associations come from rows.
 */
@Module({
  imports: [GeographyModule, PersonalDataModule, AuditModule],
  providers: [
    OrganizationsService,
    OrganizationsResolver,
    UnitsService,
    UnitsResolver,
    MemberRecordsRepository,
    MemberRecordsService,
    MemberRecordsResolver,
    RecordPrivacyService,
    PersonalDataRequestsService,
    PersonalDataRequestsResolver,
    RecordTransfersService,
    TransferRequestsResolver,
    RecordsCreatedHook,
    FiguresMemo,
    RecordParts,
  ],
  exports: [FiguresMemo, RecordParts, OrganizationsService, UnitsService, MemberRecordsService, RecordPrivacyService, RecordsCreatedHook],
})
export class MembershipModule {}
