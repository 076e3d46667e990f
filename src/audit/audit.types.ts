import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditAction } from './audit-event.entity.js';

registerEnumType(AuditAction, { name: 'AuditAction' });

@ObjectType('AuditEvent', { description: 'One line of the append-only audit log: ids and figures, no personal data.' })
export class AuditEventType {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field({ description: 'USER, SERVICE or CLI' }) actorKind: string;
  @Field() actorName: string;
  @Field(() => String, { nullable: true }) actorRole: string | null;
  @Field(() => AuditAction) action: AuditAction;
  @Field(() => String, { nullable: true }) subjectType: string | null;
  @Field(() => String, { nullable: true }) subjectId: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "A member record's Mã hồ sơ, while the record exists and is not erased; for a person, the Mã hồ sơ of its records (three, then how many more).",
  })
  subjectCode: string | null;
  @Field(() => String, { nullable: true }) organization: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field({ description: 'Figures and ids, as JSON text.' }) detail: string;
  @Field(() => String, { nullable: true }) clientIp: string | null;
}

@ObjectType('AuditEventPage')
export class AuditEventPageType {
  @Field(() => [AuditEventType]) nodes: AuditEventType[];
  @Field({ description: 'Pass the last id as `before` for the next (older) page.' }) hasNextPage: boolean;
}

@ArgsType()
export class AuditEventsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'At most 500.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  first?: number;

  @Field(() => ID, { nullable: true, description: 'Events older than this id.' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  before?: string;

  @Field(() => AuditAction, { nullable: true }) @IsOptional() @IsEnum(AuditAction) action?: AuditAction;
  @Field({ nullable: true, description: 'Username, token name or cli:<user>' }) @IsOptional() @IsString() @MaxLength(80) actor?: string;
  @Field({ nullable: true, description: 'A record, person, user or token id, a username, or a Mã hồ sơ (its records and their persons)' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  subjectId?: string;
  @Field({ nullable: true }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true }) @IsOptional() @IsDate() to?: Date;
}
