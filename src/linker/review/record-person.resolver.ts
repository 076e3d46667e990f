import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Caller, PEOPLE_READERS } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { MemberRecordType } from '../../membership/member-record/member-record.types.js';
import { PersonType } from '../linker.types.js';
import { PersonViewsService } from './person-views.service.js';

/** Thin: a record's person — the member's page shows "also a member of" from it. */
@Resolver(() => MemberRecordType)
export class RecordPersonResolver {
  constructor(private readonly views: PersonViewsService) {}

  @Allow(...PEOPLE_READERS)
  @ResolveField('person', () => PersonType, {
    nullable: true,
    description:
      'The person the linker found behind this record, with all its records (others only where they are listed, outside the caller’s rights); null before the record is linked. The read is logged.',
  })
  person(@Parent() record: MemberRecordType, @Caller() caller: Principal): Promise<PersonType | null> {
    return this.views.personOfRecord(record.id, caller);
  }
}
