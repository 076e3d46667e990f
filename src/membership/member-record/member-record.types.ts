import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CommuneType } from '../../geography/geography.types.js';
import { MemberStatus } from '../status/member-status.js';
import { SexEnum } from '../organization/organization.types.js';
import { MembershipEventKind } from './membership-event.entity.js';

export enum DatePrecisionEnum {
  YEAR = 'YEAR',
  DAY = 'DAY',
  MONTH = 'MONTH',
}
export enum IdNumberKindEnum {
  CCCD = 'CCCD',
  CMND = 'CMND',
}
export enum IdNumberIssueEnum {
  UNKNOWN_PROVINCE = 'UNKNOWN_PROVINCE',
  IMPOSSIBLE_CENTURY = 'IMPOSSIBLE_CENTURY',
  SEX_MISMATCH = 'SEX_MISMATCH',
  BIRTH_YEAR_MISMATCH = 'BIRTH_YEAR_MISMATCH',
}
export enum EligibilityCodeEnum {
  INELIGIBLE_AGE = 'INELIGIBLE_AGE',
  INELIGIBLE_SEX = 'INELIGIBLE_SEX',
  AGED_OUT = 'AGED_OUT',
  INELIGIBLE_SERVICE = 'INELIGIBLE_SERVICE',
}
export enum EligibilitySeverityEnum {
  WARNING = 'WARNING',
  VIOLATION = 'VIOLATION',
}
registerEnumType(MemberStatus, { name: 'MemberStatus' });
registerEnumType(DatePrecisionEnum, { name: 'DatePrecision' });
registerEnumType(IdNumberKindEnum, { name: 'IdNumberKind' });
registerEnumType(IdNumberIssueEnum, { name: 'IdNumberIssue' });
registerEnumType(EligibilityCodeEnum, { name: 'EligibilityCode' });
registerEnumType(EligibilitySeverityEnum, { name: 'EligibilitySeverity' });
registerEnumType(MembershipEventKind, { name: 'MembershipEventKind' });

@ObjectType('UnitRef')
export class UnitRefType {
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, {
    nullable: true,
    description: 'Its commune where its name does not say it (a province has many "Chi hội 1"); given on transfers.',
  })
  commune?: string | null;
}

@ObjectType('ProfileValue', { description: "One of the organization's own fields (Chức vụ, Năm nhập ngũ…)." })
export class ProfileValueType {
  @Field() key: string;
  @Field() label: string;
  @Field({
    description: 'As text: Có/Không for yes/no fields, yyyy-mm-dd for dates (yyyy or yyyy-mm when only the year or month was given).',
  })
  value: string;
}

@ObjectType('RawValues', { description: 'The values as entered, before normalization (personal data).' })
export class RawValuesType {
  @Field(() => String, { nullable: true }) fullName: string | null;
  @Field(() => String, { nullable: true, description: 'Masked like the normalized number.' }) idNumber: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) commune: string | null;
}

@ObjectType('EligibilityIssue')
export class EligibilityIssueType {
  @Field(() => EligibilityCodeEnum) code: string;
  @Field(() => EligibilitySeverityEnum) severity: string;
  @Field() message: string;
}

@ObjectType('MembershipEvent', { description: 'One dated step of the membership history.' })
export class MembershipEventType {
  @Field(() => ID) id: string;
  @Field(() => MembershipEventKind) kind: MembershipEventKind;
  @Field(() => String, { nullable: true }) effectiveDate: string | null;
  @Field(() => MemberStatus, { nullable: true }) fromStatus: MemberStatus | null;
  @Field(() => MemberStatus, { nullable: true }) toStatus: MemberStatus | null;
  @Field(() => UnitRefType, { nullable: true }) fromUnit: UnitRefType | null;
  @Field(() => UnitRefType, { nullable: true }) toUnit: UnitRefType | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() recordedAt: Date;
  @Field(() => ID, { nullable: true, description: 'The ENDED event this return voids: that ending was taken back as a mistake.' })
  voids: string | null;
}

@ObjectType('MemberRecord', { description: 'One membership: one record per (organization, Mã hồ sơ).' })
export class MemberRecordType {
  @Field(() => ID) id: string;
  @Field() organization: string;
  @Field({ description: 'Mã hồ sơ' }) externalId: string;
  @Field() fullName: string;
  @Field(() => String, { nullable: true, description: '`1990` (year only) or `1990-05-06`; `1990-05` for a month' }) birthDate:
    string | null;
  @Field(() => DatePrecisionEnum, { nullable: true }) birthDatePrecision: DatePrecisionEnum | null;
  @Field(() => SexEnum, { nullable: true }) sex: SexEnum | null;
  @Field(() => String, { nullable: true, description: 'Masked: 0111******23' }) idNumber: string | null;
  @Field(() => IdNumberKindEnum, { nullable: true }) idNumberKind: IdNumberKindEnum | null;
  @Field(() => [IdNumberIssueEnum], { description: 'What a 12-digit number contradicts; the record is kept.' })
  idNumberIssues: IdNumberIssueEnum[];
  @Field(() => String, {
    nullable: true,
    description: '10-digit mobile or 02x landline; masked (091****678) unless the caller manages the record',
  })
  phone: string | null;
  @Field(() => MemberStatus) status: MemberStatus;
  @Field({ description: 'Trạng thái label' }) statusLabel: string;
  @Field(() => CommuneType, { nullable: true }) commune: CommuneType | null;
  @Field(() => [CommuneType], { description: 'Successors of a split old commune, until settled.' })
  communeCandidates: CommuneType[];
  @Field(() => String, { nullable: true, description: 'Commune code as entered (old or new)' }) enteredCommuneCode: string | null;
  @Field(() => String, { nullable: true, description: 'Sensitive: only for the roles that manage the record.' }) ethnicity: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Thôn, bản, xóm or tổ dân phố as entered; only for the roles that manage the record.',
  })
  village: string | null;
  @Field(() => UnitRefType, { nullable: true }) unit: UnitRefType | null;
  @Field(() => String, { nullable: true, description: 'As birthDate: `2005`, `2005-03` or `2005-03-15`' }) joinDate: string | null;
  @Field(() => DatePrecisionEnum, { nullable: true }) joinDatePrecision?: DatePrecisionEnum;
  @Field(() => String, { nullable: true, description: 'As birthDate' }) lastActivityDate: string | null;
  @Field(() => DatePrecisionEnum, { nullable: true }) lastActivityDatePrecision?: DatePrecisionEnum;
  @Field(() => String, { nullable: true, description: 'As birthDate' }) lastDuesDate: string | null;
  @Field(() => DatePrecisionEnum, { nullable: true }) lastDuesDatePrecision?: DatePrecisionEnum;
  @Field(() => [ProfileValueType]) profile: ProfileValueType[];
  @Field(() => RawValuesType) raw: RawValuesType;
  @Field(() => [EligibilityIssueType], { description: "Against the organization's rules, today." })
  eligibility: EligibilityIssueType[];
  @Field(() => Date, { nullable: true, description: "When the person's data was erased on request." }) erasedAt: Date | null;
  @Field(() => Int) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('PageInfo')
export class PageInfoType {
  @Field(() => String, { nullable: true }) endCursor: string | null;
  @Field() hasNextPage: boolean;
}

@ObjectType('MemberRecordConnection')
export class MemberRecordConnectionType {
  @Field(() => Int, { description: 'With countUpTo, at most countUpTo (see countCapped)' }) totalCount: number;
  @Field({ description: 'There are more than countUpTo records: totalCount is countUpTo' }) countCapped: boolean;
  @Field(() => [MemberRecordType]) nodes: MemberRecordType[];
  @Field(() => PageInfoType) pageInfo: PageInfoType;
}

export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class MemberRecordsArgs {
  @Field() @IsString() @MaxLength(16) organization: string;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: `Page size, at most ${MAX_PAGE_SIZE}` })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'first phải từ 1 trở lên' })
  @Max(MAX_PAGE_SIZE, { message: `first vượt quá giới hạn ${MAX_PAGE_SIZE} bản ghi mỗi trang` })
  first?: number;

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) after?: string;

  @Field({
    nullable: true,
    description:
      'Name (accents and tone placement ignored) or Mã hồ sơ, or part of one (three characters or more with a digit, any case); digits alone also match a phone or a CCCD exactly',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;

  @Field({ nullable: true, description: 'Unit code: the unit and its subtree' }) @IsOptional() @IsString() @MaxLength(32) unit?: string;

  @Field({ nullable: true, description: 'Commune code, old or new' }) @IsOptional() @IsString() @MaxLength(10) commune?: string;

  @Field(() => MemberStatus, { nullable: true }) @IsOptional() @IsEnum(MemberStatus) status?: MemberStatus;

  @Field(() => Int, { nullable: true, description: 'Count no further than this (a screen shows "more than 10,000")' })
  @IsOptional()
  @IsInt()
  @Min(1)
  countUpTo?: number;

  @Field({
    nullable: true,
    description:
      'A flag code the last link run raised (DECEASED, OVER_AGE…), AO: suspected phantoms, or NOTES: records with a Ghi chú suggestion still open (to accept or dismiss)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  flag?: string;
}

@InputType()
export class ProfileValueInput {
  @Field() @IsString() @MaxLength(40) key: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) value: string | null;
}

/** Fields shared by create and update; in update, absent = unchanged and null = clear. */
@InputType({ isAbstract: true })
export abstract class MemberFieldsInputBase {
  @Field({ nullable: true, description: '`1990`, `5/1990` (a month), `06/05/1990`, `6/5/1990` or `1990-05-06`' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  birthDate?: string;

  @Field(() => SexEnum, { nullable: true }) @IsOptional() @IsEnum(SexEnum) sex?: SexEnum;

  @Field({ nullable: true, description: '12-digit số định danh or 9-digit CMND' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;

  @Field({ nullable: true, description: 'Any Vietnamese form: +84…, 84…, 0…, old 11-digit' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @Field({ nullable: true, description: 'Commune code, old or new' }) @IsOptional() @IsString() @MaxLength(10) communeCode?: string;

  @Field({ nullable: true, description: 'Commune name; settles an old or disputed code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  communeName?: string;

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(60) ethnicity?: string;

  @Field({ nullable: true, description: 'Thôn, bản, xóm or tổ dân phố (free text, up to 100 characters); empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  village?: string;

  @Field({ nullable: true, description: 'As birthDate: a year or a month alone is kept as such' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  joinDate?: string;

  @Field({ nullable: true, description: 'As birthDate: a year or a month alone is kept as such' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  lastActivityDate?: string;

  @Field({ nullable: true, description: 'As birthDate: a year or a month alone is kept as such' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  lastDuesDate?: string;

  @Field(() => [ProfileValueInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ProfileValueInput)
  profile?: ProfileValueInput[];
}

@InputType()
export class CreateMemberRecordInput extends MemberFieldsInputBase {
  @Field() @IsString() @MaxLength(16) organization: string;

  @Field({ nullable: true, description: 'Mã hồ sơ; left out or empty, one is given (ORG-yymmdd-XXXXXX)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  externalId?: string;

  @Field() @IsString() @MaxLength(200) fullName: string;

  @Field({ nullable: true, description: 'Unit code' }) @IsOptional() @IsString() @MaxLength(32) unit?: string;

  @Field(() => MemberStatus, { nullable: true, defaultValue: MemberStatus.ACTIVE })
  @IsOptional()
  @IsEnum(MemberStatus)
  status?: MemberStatus;

  @Field({ nullable: true, description: 'Create even though this person had their data erased (they agreed again).' })
  @IsOptional()
  @IsBoolean()
  confirmErasedPerson?: boolean;

  @Field({
    nullable: true,
    description:
      'Create even though another live record of the organization has this CCCD (both are then flagged DUPLICATE_IN_ORG), or the same name and birth (same day; or same year and commune where one gives only the year: kept, unflagged); without it such a create is refused with a CONFLICT that names the other record (its problem value SAME_NAME for the latter).',
  })
  @IsOptional()
  @IsBoolean()
  confirmDuplicateInOrg?: boolean;
}

@InputType()
export class UpdateMemberRecordInput extends MemberFieldsInputBase {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) fullName?: string;

  @Field(() => MemberStatus, { nullable: true, description: 'ACTIVE, TEMPORARY or SUSPENDED; use endMembership to end one' })
  @IsOptional()
  @IsEnum(MemberStatus)
  status?: MemberStatus;

  @Field({ nullable: true, description: 'Why (recorded with a status change)' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;

  @Field(() => Int, { nullable: true, description: 'The version read; a newer one in the database is a conflict' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  @Field({
    nullable: true,
    description:
      'Save a changed CCCD even though another live record of the organization has it (both are then flagged DUPLICATE_IN_ORG); without it such an edit is refused with a CONFLICT that names the other record.',
  })
  @IsOptional()
  @IsBoolean()
  confirmDuplicateInOrg?: boolean;

  @Field({
    nullable: true,
    description:
      'With a status back from an ended one: the ending was a mistake. The return then voids it, from its own day: the reports count neither the departure nor the return.',
  })
  @IsOptional()
  @IsBoolean()
  endingMistaken?: boolean;

  /** With a status change: the day it took effect (dd/mm/yyyy), not to come nor before the last change; none: today. */
  @Field({ nullable: true, description: 'The day a status change took effect (dd/mm/yyyy); none: today.' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  statusDate?: string;
}

@InputType()
export class TransferMemberRecordInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ description: 'Code of the receiving unit (same organization)' }) @IsString() @MaxLength(32) unit: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(30) date?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

@InputType()
export class EndMembershipInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => MemberStatus, { description: 'TRANSFERRED, LEFT, STRUCK_OFF, EXPELLED, MATURED or DECEASED' })
  @IsEnum(MemberStatus)
  status: MemberStatus;
  @Field({ description: 'The day it took effect' }) @IsString() @MaxLength(30) date: string;
  @Field({ description: 'Why: the decision, the source of the news…' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

@ArgsType()
export class RecordIdArgs {
  @Field(() => ID) @IsUUID() id: string;
}

@ArgsType()
export class PersonalDataReasonArgs extends RecordIdArgs {
  @Field({ description: 'Why (at least 10 characters); kept in the audit log.' }) @IsString() @MaxLength(500) reason: string;
}

@ObjectType('RevealedIdNumber')
export class RevealedIdNumberType {
  @Field(() => ID) recordId: string;
  @Field(() => String, { nullable: true }) idNumber: string | null;
  @Field(() => String, { nullable: true, description: 'As it was typed in the source roster.' }) enteredAs: string | null;
}
