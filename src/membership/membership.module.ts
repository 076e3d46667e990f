import { Module, type DynamicModule } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module.js';
import { MemberRecordsRepository } from './member-record/member-records.repository.js';
import { MemberRecordsResolver } from './member-record/member-records.resolver.js';
import { MemberRecordsService } from './member-record/member-records.service.js';
import { RecordsCreatedHook } from './member-record/records-created.hook.js';
import { RecordPrivacyService } from './member-record/record-privacy.js';
import type { OrganizationDefinition } from './organization/organization-definition.js';
import { ORGANIZATION_DEFINITIONS, OrganizationsService } from './organization/organizations.service.js';
import { OrganizationsResolver } from './organization/organizations.resolver.js';
import { UnitsResolver } from './unit/units.resolver.js';
import { UnitsService } from './unit/units.service.js';

/**
 * The shared membership core. It knows no particular organization: the built-in ones are
 * handed to it (`register(BUILT_IN_ORGANIZATIONS)`), associations come from rows.
 */
@Module({})
export class MembershipModule {
  static register(definitions: OrganizationDefinition[]): DynamicModule {
    return {
      module: MembershipModule,
      global: true,
      imports: [GeographyModule],
      providers: [
        { provide: ORGANIZATION_DEFINITIONS, useValue: definitions },
        OrganizationsService,
        OrganizationsResolver,
        UnitsService,
        UnitsResolver,
        MemberRecordsRepository,
        MemberRecordsService,
        MemberRecordsResolver,
        RecordPrivacyService,
        RecordsCreatedHook,
      ],
      exports: [OrganizationsService, UnitsService, MemberRecordsService, RecordPrivacyService, RecordsCreatedHook],
    };
  }
}
