import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, PEOPLE_READERS } from '../../access/access.decorators.js';
import { PairSideType, PersonRecordType } from '../linker.types.js';
import { RecordNames } from './record-names.js';

const ORGANIZATION = "The organization's name (Hội Liên hiệp Phụ nữ…)";
const COMMUNE = "The commune's name, as today's list names it (null when none or unknown)";
const FLAGS = 'The flags in words, in the order of `flags` (null outside the caller’s rights)';

/** Thin: a person's record in words (the review screen's person). */
@Resolver(() => PersonRecordType)
export class PersonRecordNamesResolver {
  constructor(private readonly names: RecordNames) {}

  @Allow(...PEOPLE_READERS)
  @ResolveField('organizationName', () => String, { description: ORGANIZATION })
  organizationName(@Parent() r: PersonRecordType): string {
    return this.names.organization(r.organization);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('communeName', () => String, { nullable: true, description: COMMUNE })
  communeName(@Parent() r: PersonRecordType): string | null {
    return this.names.commune(r.communeCode);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('flagLabels', () => [String], { nullable: true, description: FLAGS })
  flagLabels(@Parent() r: PersonRecordType): string[] | null {
    return this.names.flags(r.flags);
  }
}

/** Thin: a side of a pair to review, in words. */
@Resolver(() => PairSideType)
export class PairSideNamesResolver {
  constructor(private readonly names: RecordNames) {}

  @Allow(...PEOPLE_READERS)
  @ResolveField('organizationName', () => String, { description: ORGANIZATION })
  organizationName(@Parent() r: PairSideType): string {
    return this.names.organization(r.organization);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('communeName', () => String, { nullable: true, description: COMMUNE })
  communeName(@Parent() r: PairSideType): string | null {
    return this.names.commune(r.communeCode);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('flagLabels', () => [String], { nullable: true, description: FLAGS })
  flagLabels(@Parent() r: PairSideType): string[] | null {
    return this.names.flags(r.flags);
  }
}
