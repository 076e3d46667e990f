import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@ObjectType('MovementCount', { description: 'How many records ended within the period with one status.' })
export class MovementCountType {
  @Field({ description: 'TRANSFERRED, LEFT, STRUCK_OFF, EXPELLED, MATURED or DECEASED.' }) status: string;
  @Field({ description: 'Its label, as the roster says it (Đã chuyển sinh hoạt, Đã mất…).' }) label: string;
  @Field(() => Int) count: number;
}

@ObjectType('MovementRow', { description: "One unit's movement over the period (the records it holds now)." })
export class MovementRowType {
  @Field(() => String, { nullable: true, description: 'Null: the records in no unit.' }) unitCode: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => String, { nullable: true, description: 'The unit’s commune (units of one name in two communes told apart).' })
  communeName: string | null;
  @Field(() => Int, { description: 'Members (ACTIVE) on the day before the period.' }) atStart: number;
  @Field(() => Int, { description: 'Admitted within the period by their join date (a record with no join date is not counted here).' })
  admitted: number;
  @Field(() => [MovementCountType], {
    description: 'Ended within the period (by the day it took effect), by status, in the order of endingStatuses (none: left out).',
  })
  ended: MovementCountType[];
  @Field(() => Int, {
    description: 'Else came in (listed without a join date, reinstated, moved here from another unit…): what makes the row add up.',
  })
  otherIn: number;
  @Field(() => Int, { description: 'Else went out (suspended, moved to another unit…): what makes the row add up.' }) otherOut: number;
  @Field(() => Int, { description: "Members (ACTIVE) on the period's last day (today, while it runs)." }) atEnd: number;
}

@ObjectType('MemberMovement', {
  description: "An organization's roster movement over a period (báo cáo tăng, giảm), by unit, within the caller's scope: counts only.",
})
export class MemberMovementType {
  @Field() organization: string;
  @Field({ description: '`Quý IV/2026`, `Năm 2026`, `Tháng 11/2026`.' }) periodLabel: string;
  @Field({ description: 'The first day (ISO).' }) firstDay: string;
  @Field({ description: 'The last day counted (ISO): the period’s last, or today while it runs.' }) lastDay: string;
  @Field(() => [String], { description: 'The statuses that end a membership, in the order of the report’s columns.' })
  endingStatuses: string[];
  @Field(() => [MovementRowType]) rows: MovementRowType[];
}

@ArgsType()
export class MemberMovementArgs {
  @Field() @IsString() @MaxLength(16) organization: string;
  @Field({ description: '`2026-Q4` (quarter), `2026` (year) or `2026-11` (month).' }) @IsString() @MaxLength(10) period: string;
  @Field(() => String, { nullable: true, description: 'A unit code: that unit and its subtree.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string | null;
}
