import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ReachType, STRUCK_DESCRIPTION } from '../reports.types.js';

@ObjectType('CommuneReportTotals', { description: "A commune's figures in a report (the report's own words: ReportTotals)." })
export class CommuneReportTotalsType {
  @Field(() => Int) memberships: number;
  @Field(() => Int, { nullable: true, description: 'Each person once; null in a report stored before each commune’s people were kept.' })
  people: number | null;
  @Field(() => Int, { nullable: true }) peopleNotSuspected: number | null;
  @Field(() => Int, { nullable: true, description: 'Persons ACTIVE in two organizations or more in the commune.' })
  peopleInSeveralOrgs: number | null;
  @Field(() => Int) suspectedPhantoms: number;
  @Field(() => Int) joiners: number;
  @Field(() => Int) leavers: number;
  @Field(() => Int, { nullable: true, description: STRUCK_DESCRIPTION }) struck: number | null;
}

@ObjectType('CommuneReportOrganization')
export class CommuneReportOrganizationType {
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int) memberships: number;
  @Field(() => Int) joiners: number;
  @Field(() => Int) leavers: number;
  @Field(() => Int, { nullable: true, description: STRUCK_DESCRIPTION }) struck: number | null;
  @Field(() => ReachType, { description: 'Tỷ lệ tập hợp in the commune.' }) reach: ReachType;
}

@ObjectType('CommuneReport', {
  description: "A commune's figures in a stored report: the commune's own report of the period, or its part of the province's.",
})
export class CommuneReportType {
  @Field(() => ID, { description: 'The report the figures come from (its files are that report’s).' }) reportId: string;
  @Field({ description: '`province`, or the commune’s own `commune:<code>`.' }) scope: string;
  @Field() period: string;
  @Field() periodLabel: string;
  @Field() asOf: string;
  @Field() final: boolean;
  @Field({ description: 'The period was over when computed (as Report.ended).' }) ended: boolean;
  @Field(() => CommuneReportTotalsType) totals: CommuneReportTotalsType;
  @Field(() => [CommuneReportOrganizationType]) organizations: CommuneReportOrganizationType[];
}

@ArgsType()
export class CommuneReportsArgs {
  @Field({ description: 'The commune’s 5-digit code.' }) @Matches(/^\d{5}$/, { message: 'commune: mã xã 5 chữ số' }) commune: string;
  @Field(() => Int, { nullable: true, defaultValue: 40 }) @IsOptional() @IsInt() @Min(1) @Max(200) first?: number | null;
}
