import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MemberStatus } from '../status/member-status.js';
import { IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export enum ProfileFieldTypeEnum {
  TEXT = 'TEXT',
  BOOLEAN = 'BOOLEAN',
  YEAR = 'YEAR',
  DATE = 'DATE',
}
registerEnumType(ProfileFieldTypeEnum, { name: 'ProfileFieldType' });

export enum SexEnum {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(SexEnum, { name: 'Sex' });

@ObjectType('ProfileFieldDefinition', { description: "An organization's own profile field and its import column." })
export class ProfileFieldDefinitionType {
  @Field() key: string;
  @Field({ description: 'Vietnamese label, also the import column header' }) label: string;
  @Field(() => ProfileFieldTypeEnum) type: ProfileFieldTypeEnum;
}

@ObjectType('Organization')
export class OrganizationType {
  @Field() code: string;
  @Field() name: string;
  @Field({ description: 'Its name shortened as people write it, for tables and charts: CĐ, ĐTN, HPN…' }) abbreviation: string;
  @Field({ description: 'đoàn viên / hội viên …' }) memberTerm: string;
  @Field({ description: 'Its dues as its members say them: hội phí, đoàn phí, đoàn phí công đoàn.' }) duesTerm: string;
  @Field({ description: 'False for MTTQ, whose members are organizations.' }) hasIndividualMembers: boolean;
  @Field({ description: 'Rules in code (the seven of DOMAIN.md) rather than data.' }) builtIn: boolean;
  @Field(() => Int) inactivityMonths: number;
  @Field({ description: "Its head's title above a filed roster's signature: BÍ THƯ (Đoàn), CHỦ TỊCH (a Hội, Công đoàn)." })
  headTitle: string;
  @Field(() => [String], {
    description:
      "Who signs a branch's roster, line by line: TM. BAN CHẤP HÀNH / BÍ THƯ (a chi đoàn), CHI HỘI TRƯỞNG, TỔ TRƯỞNG (a tổ công đoàn).",
  })
  branchSigner: string[];
  @Field(() => String, {
    nullable: true,
    description: 'The profile field that is its own name for Ngày vào (Đoàn: youthUnionJoinDate, "Ngày vào Đoàn"); none: Ngày vào alone.',
  })
  joinDateField: string | null;
  @Field(() => [ProfileFieldDefinitionType]) profileFields: ProfileFieldDefinitionType[];
}

@InputType({ description: 'An association added as data (Chữ thập đỏ, Khuyến học…).' })
export class CreateAssociationInput {
  @Field()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,15}$/, { message: 'Mã tổ chức phải gồm 2–16 chữ in hoa, chữ số hoặc _' })
  code: string;

  @Field() @IsString() @MaxLength(200) name: string;

  @Field({ defaultValue: 'hội viên' }) @IsString() @MaxLength(60) memberTerm: string;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(120) minAge?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(120) maxAge?: number;
  @Field(() => SexEnum, { nullable: true, description: 'Only members of this sex.' }) @IsOptional() @IsEnum(SexEnum) sex?: SexEnum;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(120) inactivityMonths?: number;
}

@ObjectType('MemberStatusInfo', { description: 'A membership status as lists and forms show it.' })
export class MemberStatusInfoType {
  @Field(() => MemberStatus) code: MemberStatus;
  @Field({ description: 'The Trạng thái label shown and exported.' }) label: string;
  @Field({ description: 'The membership has ended (set through endMembership, with a date and a reason).' }) ends: boolean;
}
