import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MemberStatus } from '../membership/status/member-status.js';

@ObjectType('ImportAbsenceKept', { description: 'Why she kept a member an earlier file left out too, and when.' })
export class ImportAbsenceKeptType {
  @Field() reason: string;
  @Field({ description: 'dd/mm/yyyy (Vietnam).' }) on: string;
}

@ObjectType('ImportAbsentMember', { description: 'A record of a unit her file covers that the file does not list.' })
export class ImportAbsentMemberType {
  @Field(() => ID, { description: 'The record (what endMembership takes).' }) id: string;
  @Field({ description: 'Its Mã hồ sơ.' }) code: string;
  @Field() fullName: string;
  @Field(() => String, { nullable: true, description: 'As MemberRecord.birthDate: `1990` or `1990-05-06`.' }) birthDate: string | null;
  @Field(() => String, { nullable: true, description: 'Its unit’s name.' }) unit: string | null;
  @Field(() => MemberStatus) status: MemberStatus;
  @Field({ description: 'Its status in the organization’s words (a temporary listing is not one of her own members).' })
  statusLabel: string;
  @Field(() => Int) version: number;
  @Field(() => ImportAbsenceKeptType, { nullable: true, description: 'Kept by her when an earlier file left her out (keepAbsentMembers).' })
  kept: ImportAbsenceKeptType | null;
}

@ObjectType('ImportAbsence', {
  description:
    'The members her file leaves out: records of the units it covers, not ended, made before the import, that it does not list — to end or keep (nothing is ended by the import).',
})
export class ImportAbsenceType {
  @Field(() => Int, { description: 'How many, those she kept aside (members may hold fewer: first).' }) total: number;
  @Field(() => Int, { description: 'How many more it leaves out whom she kept earlier (listed with withKept, after the others).' })
  kept: number;
  @Field(() => [ImportAbsentMemberType], { description: 'Sorted as Vietnamese lists are (given name first).' })
  members: ImportAbsentMemberType[];
}

@ArgsType()
export class ImportAbsentArgs {
  @Field(() => Int, { nullable: true, defaultValue: 500 }) @IsOptional() @IsInt() @Min(1) @Max(2000) first?: number;
  @Field({ nullable: true, defaultValue: false, description: 'Also those she kept earlier (after the others).' })
  @IsOptional()
  @IsBoolean()
  withKept?: boolean;
}

@ArgsType()
export class KeepAbsentMembersArgs {
  @Field(() => ID) @IsString() jobId: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(2000) @IsString({ each: true }) recordIds: string[];
  @Field({ description: 'Why she keeps them (still members: away, ill, left off by mistake).' }) @IsString() @MaxLength(500) reason: string;
}
