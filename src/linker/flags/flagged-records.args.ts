import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** What Cảnh báo asks for: the flagged ACTIVE records within the caller's rights, by these filters. */
@ArgsType()
export class FlaggedRecordsArgs {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(16) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) unit?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'A unit (its code, of `organization`) with every unit under it: a cơ sở with its chi hội, as the dashboard’s `unit:` scope counts them.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  withinUnit?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{5}$/) commune?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only records without a commune (the dashboard’s "Chưa rõ xã"); not with `commune`.',
  })
  @IsOptional()
  @IsBoolean()
  noCommune?: boolean | null;
  @Field(() => String, { nullable: true, description: 'A flag code, or AO for suspected phantoms.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'A reason of the suspicion (a flag code): the suspected phantoms for that reason, as the dashboard counts them.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  reason?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Also the flags the secretariat called a false alarm ("Không đúng"); left out by default, at once after the decision.',
  })
  @IsOptional()
  @IsBoolean()
  dismissed?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only records with a flag the Ban Dân vận asked the secretariat to look at ("đề nghị chú ý") that she has not decided yet.',
  })
  @IsOptional()
  @IsBoolean()
  attention?: boolean | null;
  @Field(() => Date, {
    nullable: true,
    description:
      'Only the records suspected since this moment: a phantom flag first raised after it, not called a false alarm (what `sinceLastVisit.newSuspects` counts).',
  })
  @IsOptional()
  @IsDate()
  raisedSince?: Date | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Leave out the records not suspected whose only flags ask no decision: MULTI_ORG ("Ở nhiều tổ chức": information) and NO_IDENTITY (identity data to complete) — what Cảnh báo lists by default.',
  })
  @IsOptional()
  @IsBoolean()
  problemsOnly?: boolean | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) @IsOptional() @IsInt() @Min(1) @Max(500) first?: number | null;
  @Field(() => String, { nullable: true, description: 'The cursor of the last record seen.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  after?: string | null;
}
