import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { MemberRecordType, PersonalDataReasonArgs } from './member-record.types.js';

@ArgsType()
export class ErasePersonalDataArgs extends PersonalDataReasonArgs {
  @Field(() => [ID], {
    nullable: true,
    description:
      "Records of `erasurePlan.toConfirm` the administrator confirmed are the same person (joined only by the model, e.g. a household's shared phone): erased too.",
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  alsoErase?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Records of `erasurePlan.records` (not the asked one) the request does not concern, kept as they are: she asked to leave one organization and is still a member of another.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  keep?: string[];
}

@ObjectType('ErasureCandidate', { description: 'A record the model joins to the person, which an erasure leaves unless confirmed.' })
export class ErasureCandidateType {
  @Field(() => MemberRecordType) record: MemberRecordType;
  @Field({ description: 'Why the model joins it (Vietnamese).' }) why: string;
}

@ObjectType('ErasurePlan', { description: 'What erasePersonalData of a record would cover.' })
export class ErasurePlanType {
  @Field(() => [MemberRecordType], {
    description:
      'Certainly hers: the record and those with the same ID number, a register match or a link a person confirmed. Erased, but for those listed in `keep`.',
  })
  records: MemberRecordType[];

  @Field(() => [ErasureCandidateType], {
    description: 'Joined only by the model: erased only when listed in `alsoErase` after the administrator checks them.',
  })
  toConfirm: ErasureCandidateType[];
}
