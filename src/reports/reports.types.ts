import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** The phantoms struck off, as every report type describes the figure. */
export const STRUCK_DESCRIPTION =
  "Records whose phantom warning was confirmed during the period (the review's phantoms struck off, by the day of the decision; each membership ends on the day its reason took effect, so not always among this period's leavers); null in a report stored before it was kept.";

@ObjectType('ReportTotals', { description: 'The scope as of the day: plain counts.' })
export class ReportTotalsType {
  @Field(() => Int, { description: 'Số lượt: ACTIVE memberships.' }) memberships: number;
  @Field(() => Int, { description: 'Số người: distinct persons among them (suspected phantoms included).' }) people: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'Số người không nghi ảo (an estimate): persons with at least one ACTIVE membership the linker does not suspect; null in a report stored before it was kept.',
  })
  peopleNotSuspected?: number | null;
  @Field(() => Int, { description: 'Persons ACTIVE in two organizations or more.' }) peopleInSeveralOrgs: number;
  @Field(() => Int, { description: 'ACTIVE records suspected of being phantoms (ảo).' }) suspectedPhantoms: number;
  @Field(() => Int, { description: 'Records beyond one per person within an organization.' }) duplicateRecords: number;
  @Field(() => Int) withoutIdNumber: number;
  @Field(() => Int, { description: 'Admitted during the period.' }) joiners: number;
  @Field(() => Int, { description: 'Memberships ended during the period.' }) leavers: number;
  @Field(() => Int, { nullable: true, description: STRUCK_DESCRIPTION }) struck?: number | null;
}

@ObjectType('OrgCountSplit', { description: 'Persons by how many organizations they are ACTIVE in.' })
export class OrgCountSplitType {
  @Field(() => Int) one: number;
  @Field(() => Int) two: number;
  @Field(() => Int, { description: 'Three organizations or more (three + fourOrMore).' }) threeOrMore: number;
  @Field(() => Int, { nullable: true, description: 'Exactly three (null in a report stored before the 1, 2, 3, 4+ split).' })
  three?: number | null;
  @Field(() => Int, { nullable: true, description: 'Four organizations or more (null in a report stored before the split).' })
  fourOrMore?: number | null;
}

@ObjectType('ReasonCount')
export class ReasonCountType {
  @Field({ description: 'Flag code (DECEASED, INACTIVE…).' }) reason: string;
  @Field() label: string;
  @Field(() => Int) records: number;
}

@ObjectType('Reach', { description: 'Tỷ lệ tập hợp: people reached against the eligible population the register gives, or why it cannot.' })
export class ReachType {
  @Field() known: boolean;
  @Field(() => String, { nullable: true, description: 'Who counts as eligible (phụ nữ từ 18 tuổi…).' }) label: string | null;
  @Field(() => Int, { nullable: true }) eligible: number | null;
  @Field(() => Int, { nullable: true }) reached: number | null;
  @Field(() => Float, { nullable: true, description: 'reached / eligible; null: n/a.' }) rate: number | null;
  @Field(() => String, { nullable: true, description: 'Why the register cannot say (n/a).' }) why: string | null;
}

@ObjectType('ReportOrganization')
export class ReportOrganizationType {
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int) memberships: number;
  @Field(() => Int) people: number;
  @Field(() => Int) duplicateRecords: number;
  @Field(() => Int) withoutIdNumber: number;
  @Field(() => Int) suspectedPhantoms: number;
  @Field(() => [ReasonCountType]) phantomsByReason: ReasonCountType[];
  @Field(() => Int) joiners: number;
  @Field(() => Int) leavers: number;
  @Field(() => Int, { nullable: true, description: STRUCK_DESCRIPTION }) struck?: number | null;
  @Field(() => OrgCountSplitType) peopleByOrgCount: OrgCountSplitType;
  @Field(() => ReachType) reach: ReachType;
}

@ObjectType('ReportOverlapCell')
export class ReportOverlapCellType {
  @Field() a: string;
  @Field() b: string;
  @Field(() => Int, { description: 'Persons in both (a = b: the organization’s own).' }) people: number;
}

@ObjectType('ReportChange', { description: 'One figure against the previous period’s report (null: none computed).' })
export class ReportChangeType {
  @Field() key: string;
  @Field() label: string;
  @Field(() => Int) current: number;
  @Field(() => Int, { nullable: true }) previous: number | null;
  @Field(() => Int, { nullable: true }) change: number | null;
}

@ObjectType('ReportBasis', { description: 'What a report was computed from, and why it is still provisional.' })
export class ReportBasisType {
  @Field(() => Int, { nullable: true, description: 'Member records (not erased) in the scope; null for reports made before it was kept.' })
  records: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      "Pairs of the scope's members waiting for review when computed: số người may be lower by as many; null for reports made before it was kept.",
  })
  reviewPending: number | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The linker run its persons come from; null: none yet (each record counts as a person).',
  })
  linkRunId: string | null;
  @Field(() => Date, { nullable: true }) linkRunFinishedAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why it is not final (the period was running, or no linker run finished after the period ended), in Vietnamese; null when final. The schedule computes a provisional report again when it can become final.',
  })
  provisionalReason: string | null;
}

/** One commune's figures within a scope: the dashboard's (live) and a report's (as of its day). */
@ObjectType({ isAbstract: true })
export abstract class CommuneFiguresFields {
  @Field(() => String, { nullable: true, description: 'Null: records without a commune.' }) code: string | null;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => Int, { description: 'Số lượt: ACTIVE memberships in the commune.' }) memberships: number;
  @Field(() => Int, { description: 'Số người: distinct persons among them (one in two organizations there counts once).' }) people: number;
  @Field(() => Int, { description: 'Those with at least one membership there the linker does not suspect (an estimate).' })
  peopleNotSuspected: number;
  @Field(() => Int, { description: 'Persons ACTIVE in two organizations or more in the commune.' }) peopleInSeveralOrgs: number;
  @Field(() => Int) suspectedPhantoms: number;
}

@ObjectType('ReportCommune', { description: "One commune's figures in a report, as of its day (the commune's name as it was then)." })
export class ReportCommuneType extends CommuneFiguresFields {}

@ObjectType('Report', { description: 'A reconciliation report of a period and scope, as computed (aggregates only).' })
export class ReportType {
  @Field(() => ID) id: string;
  @Field({ description: '2026-11, 2026-Q4 or 2026.' }) period: string;
  @Field() periodLabel: string;
  @Field() scope: string;
  @Field() scopeLabel: string;
  @Field({ description: 'The day the figures are as of.' }) asOf: string;
  @Field({ description: 'The period was over when computed, and a linker run finished after it ended: the figures will not move.' })
  final: boolean;
  @Field({
    description:
      'The period was over when computed (Vietnam time): the figures are as of its last day, so "now" can be compared with them. False for a running period\'s report.',
  })
  ended: boolean;
  @Field(() => ReportBasisType) basis: ReportBasisType;
  @Field() computedAt: Date;
  @Field() computedBy: string;
  @Field(() => ReportTotalsType) totals: ReportTotalsType;
  @Field(() => OrgCountSplitType) peopleByOrgCount: OrgCountSplitType;
  @Field(() => [ReportOrganizationType]) organizations: ReportOrganizationType[];
  @Field(() => [ReportOverlapCellType]) overlap: ReportOverlapCellType[];
  @Field(() => [ReasonCountType]) phantomsByReason: ReasonCountType[];
  @Field(() => String, { nullable: true, description: 'The previous period, if its report was computed.' }) previousPeriod: string | null;
  @Field(() => [ReportChangeType]) changes: ReportChangeType[];
  @Field(() => [ReportCommuneType], {
    nullable: true,
    description:
      "Each commune's people, one in several organizations there counted once (one in two communes counts in each); by the commune's name, records without a commune last. Null in a report computed before it was kept.",
  })
  peopleByCommune: ReportCommuneType[] | null;
}

@ObjectType('ReplacedReport', {
  description: 'An official report of the same period and scope computed before this one, kept as it was: the figures that were sent up.',
})
export class ReplacedReportType {
  @Field(() => ID) id: string;
  @Field() computedAt: Date;
  @Field() computedBy: string;
  @Field({ description: 'When the report that replaced it was computed.' }) supersededAt: Date;
  @Field(() => ReportTotalsType) totals: ReportTotalsType;
}

@ObjectType('ReportRow', { description: 'One organization in one commune of a report.' })
export class ReportRowType {
  @Field() organizationCode: string;
  @Field(() => String, { nullable: true }) communeCode: string | null;
  @Field(() => String, { nullable: true }) communeName: string | null;
  @Field(() => Int) memberships: number;
  @Field(() => Int) people: number;
  @Field(() => Int) duplicateRecords: number;
  @Field(() => Int) withoutIdNumber: number;
  @Field(() => Int) suspectedPhantoms: number;
  @Field(() => Int) joiners: number;
  @Field(() => Int) leavers: number;
  @Field(() => Int, { nullable: true, description: STRUCK_DESCRIPTION }) struck: number | null;
  @Field(() => Int, { nullable: true, description: 'The commune’s eligible population in the register; null: n/a.' }) eligible:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Its people not suspected of being phantoms (where eligible is known).' })
  reached: number | null;
  @Field(() => Float, { nullable: true, description: 'reached / eligible; null: n/a.' }) rate: number | null;
}

@ObjectType('ReportRowPage')
export class ReportRowPageType {
  @Field(() => Int) totalCount: number;
  @Field(() => [ReportRowType]) nodes: ReportRowType[];
}

@ObjectType('ReportPhantom', { description: 'A suspected phantom of a report, with its reasons; never an ID number.' })
export class ReportPhantomType {
  @Field(() => ID) recordId: string;
  @Field() organizationCode: string;
  @Field() externalId: string;
  @Field() fullName: string;
  @Field(() => Int, { nullable: true }) birthYear: number | null;
  @Field(() => String, { nullable: true }) communeCode: string | null;
  @Field(() => String, { nullable: true }) communeName: string | null;
  @Field(() => String, { nullable: true }) unitCode: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => [String]) reasons: string[];
}

/** A page of report rows or phantoms when `first` is not given (or null), and the largest. */
export const REPORT_PAGE = 500;
export const MAX_REPORT_PAGE = 10_000;
const PAGE_DESCRIPTION = `Page size: ${REPORT_PAGE} when not given, at most ${MAX_REPORT_PAGE}.`;

const PERIOD = /^\d{4}(-(0?[1-9]|1[0-2]|[Qq][1-4]))?$/;
const PERIOD_MESSAGE = 'period: viết 2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm)';

@ArgsType()
export class ReportsArgs {
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(80) scope?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(200) first?: number | null;
}

@ArgsType()
export class ReportArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period?: string | null;
  @Field(() => String, { nullable: true, description: 'With period; province by default.' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  scope?: string | null;
}

@ArgsType()
export class RunReportArgs {
  @Field() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(80) scope?: string | null;
}

@ArgsType()
export class ReportRowsArgs {
  @Field(() => ID) @IsUUID() report: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{5}$/, { message: 'commune: mã xã 5 chữ số' }) commune?:
    string | null;
  @Field(() => Int, { nullable: true, defaultValue: REPORT_PAGE, description: PAGE_DESCRIPTION })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REPORT_PAGE)
  first?: number | null;
  @Field(() => Int, { nullable: true, description: 'Rows to skip (paging: offset + first).' }) @IsOptional() @IsInt() @Min(0) offset?:
    number | null;
}

/** The rows' filters and page, and a phantom reason. */
@ArgsType()
export class ReportPhantomsArgs extends ReportRowsArgs {
  @Field(() => String, { nullable: true, description: 'A flag code (DECEASED, INACTIVE…).' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  reason?: string | null;
}
