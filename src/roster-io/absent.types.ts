import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MemberStatus } from '../membership/status/member-status.js';

@ObjectType('ImportAbsentMember', { description: 'A record of a unit her file covers that the file does not list.' })
export class ImportAbsentMemberType {
  @Field(() => ID, { description: 'The record (what endMembership takes).' }) id: string;
  @Field({ description: 'Its Mã hồ sơ.' }) code: string;
  @Field() fullName: string;
  @Field(() => String, { nullable: true, description: 'As MemberRecord.birthDate: `1990` or `1990-05-06`.' }) birthDate: string | null;
  @Field(() => String, { nullable: true, description: 'Its unit’s name.' }) unit: string | null;
  @Field(() => MemberStatus) status: MemberStatus;
  @Field(() => Int) version: number;
}

@ObjectType('ImportAbsence', {
  description:
    'The members her file leaves out: records of the units it covers, not ended, made before the import, that it does not list — to end or keep (nothing is ended by the import).',
})
export class ImportAbsenceType {
  @Field(() => Int, { description: 'How many (members may hold fewer: first).' }) total: number;
  @Field(() => [ImportAbsentMemberType], { description: 'Sorted as Vietnamese lists are (given name first).' })
  members: ImportAbsentMemberType[];
}

@ArgsType()
export class ImportAbsentArgs {
  @Field(() => Int, { nullable: true, defaultValue: 500 }) @IsOptional() @IsInt() @Min(1) @Max(2000) first?: number;
}
