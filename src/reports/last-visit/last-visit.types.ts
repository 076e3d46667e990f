import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SinceLastVisit', { description: 'What changed since the caller last logged in (her previous log-in).' })
export class SinceLastVisitType {
  @Field(() => Date, { nullable: true, description: 'Her previous log-in; null on her first.' })
  since: Date | null;

  @Field(() => Int, { description: 'Active records in her rights with a phantom flag first raised since then (auditors: the province).' })
  newSuspects: number;

  @Field(() => Int, { nullable: true, description: 'Link pairs waiting for a review decision now (who decides them only).' })
  pendingReviews: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Transfers into a unit she keeps waiting for her to accept or decline now (secretariats and administrators only).',
  })
  incomingTransfers: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Records in her rights with a flag the Ban Dân vận asked her to look at ("đề nghị chú ý"), not yet decided (secretariats and administrators only).',
  })
  attentionRequests: number | null;

  @Field(() => Int, { description: 'Reports computed since then by others (the schedule included), not by her.' })
  reportsComputed: number;
}
