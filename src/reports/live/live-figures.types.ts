import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CommuneFiguresFields, OrgCountSplitType, ReasonCountType } from '../reports.types.js';

@ObjectType('LiveFigures', {
  description: "The running period's dashboard figures of a scope, live (read from the person-level table), as of `asOf`.",
})
export class LiveFiguresType {
  @Field({ description: 'province, commune:<code>, org:<code>, unit:<org>/<code>.' }) scope: string;
  @Field() scopeLabel: string;
  @Field({ description: 'Số liệu đến: the moment the figures are as of.' }) asOf: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When the last link run ended: persons and suspicions are as it found them (null: none yet).',
  })
  linkedAt: Date | null;
  @Field(() => Int, { description: 'Số lượt: ACTIVE memberships.' }) memberships: number;
  @Field(() => Int, { description: 'Số người (sau liên kết): distinct persons among them, suspected phantoms included.' }) people: number;
  @Field(() => Int, {
    description: 'Số người không nghi ảo — an estimate: the persons with at least one membership the linker does not suspect.',
  })
  peopleNotSuspected: number;
  @Field({ description: "peopleNotSuspected's name as the dashboard, its workbook and the report's files write it (Vietnamese)." })
  peopleNotSuspectedLabel: string;
  @Field({ description: 'How peopleNotSuspected is derived (Vietnamese, for the note beside the figure).' }) peopleNotSuspectedNote: string;
  @Field(() => Int, { description: 'ACTIVE memberships suspected of being phantoms (ảo).' }) suspectedPhantoms: number;
  @Field(() => Int, { description: 'Records a secretariat confirmed as phantoms (their memberships were ended on it).' })
  confirmedPhantoms: number;
  @Field(() => OrgCountSplitType, { description: 'Persons in 1, 2, 3 and 4+ organizations (ACTIVE anywhere in the province).' })
  peopleByOrgCount: OrgCountSplitType;
  @Field(() => [ReasonCountType], { description: 'Suspected memberships by reason (one may have several).' })
  phantomsByReason: ReasonCountType[];
}

@ArgsType()
export class LiveFiguresArgs {
  @Field(() => String, { nullable: true, description: 'province (the default), commune:<code>, org:<code>, unit:<org>/<code>.' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  scope?: string | null;
}

@ObjectType('LiveCommune', { description: "One commune's live figures within a scope (the dashboard's table of communes)." })
export class LiveCommuneType extends CommuneFiguresFields {}

@ObjectType('LiveCommunes', { description: 'Every commune of a scope with ACTIVE memberships, live, as of `asOf`.' })
export class LiveCommunesType {
  @Field() scope: string;
  @Field() scopeLabel: string;
  @Field({ description: 'Số liệu đến: the moment the figures are as of.' }) asOf: Date;
  @Field(() => [LiveCommuneType], { description: "By the commune's name; records without a commune last." }) communes: LiveCommuneType[];
}

@ObjectType('LiveUnit', { description: "One unit's live figures with the units under it (the dashboard's table of units)." })
export class LiveUnitType {
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: "Its commune's name." }) commune: string | null;
  @Field({ description: "True for the scope's own unit: its members in none of the units under it." }) own: boolean;
  @Field({
    description: 'As the table names it: with its commune where its name does not say it; the own row as "Hội viên trực tiếp của …".',
  })
  label: string;
  @Field(() => Int, { description: 'Số lượt: ACTIVE memberships in the unit and the units under it.' }) memberships: number;
  @Field(() => Int, { description: 'Số người: distinct persons among them.' }) people: number;
  @Field(() => Int, { description: 'Those with at least one membership there the linker does not suspect (an estimate).' })
  peopleNotSuspected: number;
  @Field(() => Int) suspectedPhantoms: number;
}

@ObjectType('LiveUnits', { description: 'The units one level under an organization or a unit, each with its subtree, live, as of `asOf`.' })
export class LiveUnitsType {
  @Field() scope: string;
  @Field({ description: 'Số liệu đến: the moment the figures are as of.' }) asOf: Date;
  @Field(() => [LiveUnitType], { description: "By name in Vietnamese order; the scope unit's own members last." }) units: LiveUnitType[];
}
