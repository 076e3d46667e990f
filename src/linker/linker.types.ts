import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MemberStatus } from '../membership/status/member-status.js';
import { ReviewDecision } from './link.entities.js';

registerEnumType(ReviewDecision, { name: 'ReviewDecision', description: 'CONFIRM: one person. REJECT: two people.' });

@ObjectType('PersonRecord', {
  description: "One of a person's records. Outside the caller's rights only the organization, commune and status are shown.",
})
export class PersonRecordType {
  @Field() organization: string;
  @Field(() => String, { nullable: true }) communeCode: string | null;
  @Field() statusLabel: string;
  @Field(() => ID, { nullable: true }) recordId: string | null;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => String, { nullable: true }) fullName: string | null;
  @Field(() => String, { nullable: true, description: "As given: dd/mm/yyyy, mm/yyyy or yyyy (null outside the caller's rights)." })
  birthDate: string | null;
  @Field(() => String, { nullable: true }) unitCode: string | null;
  @Field(() => String, { nullable: true, description: "The unit's name (null outside the caller's rights)" }) unitName: string | null;
  @Field(() => [String], {
    nullable: true,
    description: "The record's flag codes as the last run or decision left them (null outside the caller's rights).",
  })
  flags: string[] | null;
}

@ObjectType('Person', { description: 'The one person behind records in several organizations, as the last linker run found.' })
export class PersonType {
  @Field(() => ID) id: string;
  @Field(() => [PersonRecordType]) records: PersonRecordType[];
}

@ObjectType('DecidedRecord', {
  description: 'One record of a decided pair: where it is listed; its name and code within the caller’s rights.',
})
export class DecidedRecordType {
  @Field(() => ID, { nullable: true, description: 'Its person now (null before it is linked).' }) personId: string | null;
  @Field() organization: string;
  @Field(() => ID, { nullable: true }) recordId: string | null;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => String, { nullable: true }) fullName: string | null;
}

@ObjectType('PersonDecision', { description: "A review decision on a pair holding one of the person's records." })
export class PersonDecisionType {
  @Field({ description: 'CONFIRM (one person) or REJECT (two people).' }) decision: string;
  @Field() reason: string;
  @Field() decidedBy: string;
  @Field() decidedAt: Date;
  @Field(() => DecidedRecordType, { description: "This person's record of the pair." }) own: DecidedRecordType;
  @Field(() => DecidedRecordType) other: DecidedRecordType;
}

@ObjectType('PersonPendingPair', { description: "A pair waiting for review that joins one of the person's records to another person's." })
export class PersonPendingPairType {
  @Field(() => DecidedRecordType, { description: "This person's record of the pair." }) own: DecidedRecordType;
  @Field(() => DecidedRecordType, { description: 'The other record, of another person.' }) other: DecidedRecordType;
  @Field(() => Float, { description: 'The calibrated probability that the two are one person.' }) calibratedProbability: number;
  @Field({ description: 'The same as a person reads it (never "100%").' }) probabilityText: string;
}

@ObjectType('OrganizationCount')
export class OrganizationCountType {
  @Field(() => Int, { description: 'In this many organizations…' }) organizations: number;
  @Field(() => Int, { description: '…this many persons.' }) persons: number;
}

@ObjectType('OverlapCell')
export class OverlapCellType {
  @Field() a: string;
  @Field() b: string;
  @Field(() => Int, { description: 'Persons ACTIVE in both (a = b: in that organization).' }) persons: number;
}

@ObjectType('Overlap', { description: 'How far the organizations overlap in a scope, over ACTIVE records.' })
export class OverlapType {
  @Field() scope: string;
  @Field(() => Int, { description: 'Số lượt: ACTIVE memberships.' }) memberships: number;
  @Field(() => Int, { description: 'Số người: distinct persons.' }) persons: number;
  @Field(() => [OrganizationCountType]) byOrganizationCount: OrganizationCountType[];
  @Field(() => [OverlapCellType]) matrix: OverlapCellType[];
}

@ObjectType('FieldEvidence', { description: "One field's evidence on a pair: in words, and as a signed bar the console draws." })
export class FieldEvidenceType {
  @Field({ description: 'name, birth, sex, id, phone, commune, organization' }) field: string;
  @Field({ description: "The field's name on a form (Họ tên, Ngày sinh…)." }) label: string;
  @Field() level: string;
  @Field({ description: 'What agrees or differs, how strongly, and which way.' }) sentence: string;
  @Field(() => Float, { description: '−1 (strongest evidence of two people) … +1 (strongest of one person).' }) bar: number;
}

@ObjectType('PairSide', {
  description: "One record of a pair under review: where it is listed, and its own fields within the caller's rights (null outside).",
})
export class PairSideType extends PersonRecordType {
  @Field(() => String, { nullable: true }) sex: string | null;
  @Field(() => String, { nullable: true }) idNumberMasked: string | null;
  @Field(() => String, { nullable: true, description: 'The phone, masked (096****994), within her rights.' }) phoneMasked: string | null;
}

@ObjectType('PairJoin', { description: 'What confirming a pair joins: the persons whole, not only the two records shown.' })
export class PairJoinType {
  @Field(() => Int, { description: "ACTIVE records of record A's person." }) recordsA: number;
  @Field(() => Int, { description: "ACTIVE records of record B's person." }) recordsB: number;
  @Field(() => [String], {
    description: 'Organizations with an ACTIVE record on both sides: the one person listed twice there, once confirmed.',
  })
  listedTwiceIn: string[];
}

@ObjectType('ReviewPair', { description: 'A pair of records the linker could not decide, side by side, with its evidence in words.' })
export class ReviewPairType {
  @Field(() => ID) recordA: string;
  @Field(() => ID) recordB: string;
  @Field(() => Float) probability: number;
  @Field(() => Float, {
    description: "Calibrated on the tuning seeds: what the probability means (the model's own, probability, is over-confident at the top).",
  })
  calibratedProbability: number;
  @Field({ description: 'The calibrated probability as a person reads it (never "100%"), with its phrase.' }) probabilityText: string;
  @Field() explanation: string;
  @Field(() => [FieldEvidenceType], { description: 'Each field, strongest evidence first.' }) evidence: FieldEvidenceType[];
  @Field(() => PairSideType) a: PairSideType;
  @Field(() => PairSideType) b: PairSideType;
  @Field() organizationA: string;
  @Field() organizationB: string;
  @Field(() => String, { nullable: true }) communeA: string | null;
  @Field(() => String, { nullable: true }) communeB: string | null;
  @Field(() => PairJoinType, {
    description: '"Cùng một người" joins the two persons whole: what each has, and where the one person would be listed twice.',
  })
  joined: PairJoinType;
}

@ArgsType()
export class PersonArgs {
  @Field(() => ID) @IsUUID() id: string;
}

@ArgsType()
export class OverlapArgs {
  @Field({ defaultValue: 'province', description: 'province, commune:<mã xã>, org:<mã tổ chức> or unit:<mã tổ chức>/<mã đơn vị>' })
  @IsString()
  @MaxLength(80)
  scope: string;
}

@ArgsType()
export class ReviewQueueArgs {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{5}$/) commune?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) @Max(1) minProbability?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0) @Max(1) maxProbability?: number | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) @IsOptional() @IsInt() @Min(1) @Max(500) first?: number | null;
}

@ArgsType()
export class DecideLinkArgs {
  @Field(() => ID) @IsUUID() recordA: string;
  @Field(() => ID) @IsUUID() recordB: string;
  @Field(() => ReviewDecision) @IsIn(Object.values(ReviewDecision)) decision: ReviewDecision;
  @Field({ description: 'Why (kept with the decision and in the audit log).' }) @IsString() @MaxLength(500) reason: string;
}

@ArgsType()
export class DeferLinkPairArgs {
  @Field(() => ID) @IsUUID() recordA: string;
  @Field(() => ID) @IsUUID() recordB: string;
  @Field({ description: 'Why she is not sure (kept in the audit log).' }) @IsString() @MaxLength(500) reason: string;
}

@InputType('DuplicateCheckInput', { description: 'What a secretary is about to enter for a new member.' })
export class DuplicateCheckInputType {
  @Field() @IsString() @MaxLength(120) fullName: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20) birthDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(12) sex?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20) idNumber?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5) communeCode?: string | null;
  @Field(() => String, { nullable: true, description: 'The organization the member joins.' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  organization?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Also every namesake of that birth year in any organization, whatever its score: the persons she may merge with one.',
  })
  @IsOptional()
  @IsBoolean()
  namesakes?: boolean | null;
}

@ArgsType()
export class PossibleDuplicatesArgs {
  @Field(() => DuplicateCheckInputType) @ValidateNested() @Type(() => DuplicateCheckInputType) input: DuplicateCheckInputType;
}

@ObjectType('DuplicateCandidate', {
  description: "A record that may be the same person. Outside the caller's rights only the organization, commune and status are shown.",
})
export class DuplicateCandidateType {
  @Field(() => Float) probability: number;
  @Field({ description: 'LIKELY_SAME or TO_REVIEW' }) verdict: string;
  @Field(() => Float, {
    description: "Calibrated on the tuning seeds: what the probability means (the model's own, probability, is over-confident at the top).",
  })
  calibratedProbability: number;
  @Field({ description: 'The calibrated probability as a person reads it (never "100%"), with its phrase.' }) probabilityText: string;
  @Field() explanation: string;
  @Field(() => [FieldEvidenceType], { description: 'Each field, strongest evidence first.' }) evidence: FieldEvidenceType[];
  @Field() organization: string;
  @Field(() => String, { nullable: true }) communeCode: string | null;
  @Field() statusLabel: string;
  @Field(() => ID, { nullable: true, description: "Null outside the caller's rights." }) personId: string | null;
  @Field(() => ID, { nullable: true }) recordId: string | null;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => String, { nullable: true }) fullName: string | null;
  @Field(() => String, { nullable: true }) unitCode: string | null;
  @Field(() => String, { nullable: true, description: "Its unit's name, within the caller's rights: what tells two namesakes apart." })
  unitName: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Its birth date as the roster gives it (dd/mm/yyyy, mm/yyyy or yyyy), within the caller's rights.",
  })
  birthDate: string | null;
}

@ArgsType()
export class MergePersonsArgs {
  @Field(() => ID, { description: 'The person that stays (keeps its id).' }) @IsUUID() personA: string;
  @Field(() => ID, { description: 'The person whose records join A.' }) @IsUUID() personB: string;
  @Field() @IsString() @MaxLength(500) reason: string;
}

@ArgsType()
export class SplitPersonArgs {
  @Field(() => ID) @IsUUID() personId: string;
  @Field(() => [ID], { description: 'The records that are another person (they leave with a new id).' })
  @IsUUID('all', { each: true })
  recordIds: string[];
  @Field() @IsString() @MaxLength(500) reason: string;
}

@ObjectType('RecordFlag', { description: 'A phantom-check flag of a member record, with its evidence and any decision on it.' })
export class RecordFlagType {
  @Field() code: string;
  @Field({ description: 'What the code means, in Vietnamese (as flagCounts labels it)' }) label: string;
  @Field({ description: 'PHANTOM, WARNING or INFO' }) severity: string;
  @Field() message: string;
  @Field(() => String, { description: 'The evidence, as JSON (dates, the register entry…).' }) evidence: string;
  @Field(() => MemberStatus, {
    nullable: true,
    description: 'What the evidence says happened (DECEASED: a death; LEFT: a move away); null when the flag says nothing happened.',
  })
  evidenceOutcome: MemberStatus | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The day (yyyy-mm-dd) the evidence dates what happened: the register’s death date, a roster note’s day. Confirmed as `evidenceOutcome` without a `date`, the membership ends on it.',
  })
  evidenceDate: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'When the evidence says it happened, to its precision (`2026-03`: a month alone, no day to end on).',
  })
  evidenceWhen: string | null;
  @Field({
    description:
      'Whether confirming it ends the membership (resolveFlag CONFIRMED); false for a data flag (NO_IDENTITY, INVALID_ID…) or an age at admission (INELIGIBLE_AGE as a WARNING), settled by correcting the record.',
  })
  confirmable: boolean;
  @Field(() => String, { nullable: true, description: 'ATTENTION, CONFIRMED or FALSE_ALARM' }) resolution: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The Ban Dân vận's request that the office look at it (Đề nghị chú ý), kept beside the office's decision on it.",
  })
  askedNote: string | null;
}

@ObjectType('FlaggedRecord')
export class FlaggedRecordType {
  @Field(() => ID) recordId: string;
  @Field() organization: string;
  @Field() externalId: string;
  @Field() fullName: string;
  @Field(() => String, { nullable: true }) unitCode: string | null;
  @Field(() => String, { nullable: true, description: 'Its unit by name (which chi hội lists it: two listings of one person told apart).' })
  unitName: string | null;
  @Field(() => String, { nullable: true, description: 'Its unit as a list names it: with its commune where its name does not say it.' })
  unitLabel: string | null;
  @Field(() => String, { nullable: true, description: 'Its village (thôn, bản) as written; only for the roles that manage the record.' })
  village: string | null;
  @Field(() => String, { nullable: true }) communeCode: string | null;
  @Field({ description: 'A suspected phantom ("ảo").' }) ao: boolean;
  @Field(() => [String], { description: 'The flags that decided the suspicion.' }) aoReasons: string[];
  @Field(() => [RecordFlagType]) flags: RecordFlagType[];
  @Field({ description: 'Give the last one as `after` for the records that follow.' }) cursor: string;
}

@ObjectType('FlagCount')
export class FlagCountType {
  @Field() organization: string;
  @Field(() => String, { nullable: true }) unitCode: string | null;
  @Field({ description: 'A flag code, or AO for suspected phantoms.' }) code: string;
  @Field({ description: 'Its short Vietnamese name (Đã mất, Nghi ảo…).' }) label: string;
  @Field(() => Int, { description: 'ACTIVE records with this flag, suspected phantoms and warnings alike.' }) records: number;
  @Field(() => Int, {
    description:
      'Of them, those suspected of being phantoms for this reason (what the dashboard counts under "Nghi ảo theo lý do"); for AO, all of them.',
  })
  suspected: number;
}

@ArgsType()
export class FlagCountsArgs {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
}

@ArgsType()
export class ResolveFlagArgs {
  @Field(() => ID) @IsUUID() recordId: string;
  @Field() @IsString() @MaxLength(20) code: string;
  @Field({ description: 'ATTENTION (Ban Dân vận), CONFIRMED (ends the membership) or FALSE_ALARM (not raised again)' })
  @IsIn(['ATTENTION', 'CONFIRMED', 'FALSE_ALARM'])
  resolution: 'ATTENTION' | 'CONFIRMED' | 'FALSE_ALARM';
  @Field() @IsString() @MaxLength(500) note: string;
  @Field(() => MemberStatus, {
    nullable: true,
    description:
      "CONFIRMED only: what it means for the membership — DECEASED, LEFT, MATURED or STRUCK_OFF (by default the flag's own: a death DECEASED, a move LEFT, otherwise STRUCK_OFF)",
  })
  @IsOptional()
  @IsEnum(MemberStatus)
  outcome?: MemberStatus;
  @Field({ nullable: true, description: 'CONFIRMED only: the day the membership ended (dd/mm/yyyy, mm/yyyy or yyyy; by default today)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  date?: string;
}
