import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PersonalDataRequestKind } from './personal-data-request.entity.js';

registerEnumType(PersonalDataRequestKind, {
  name: 'PersonalDataRequestKind',
  valuesMap: {
    EXPORT: { description: 'A copy of her data (exportPersonalData).' },
    ERASURE: { description: 'Erasure (erasePersonalData).' },
  },
});

@ObjectType('PersonalDataRequest', { description: "A data subject's request with its legal deadline (20 days from receipt)." })
export class PersonalDataRequestType {
  @Field(() => ID) id: string;
  @Field(() => PersonalDataRequestKind) kind: PersonalDataRequestKind;
  @Field(() => ID) recordId: string;
  @Field({ description: "The record's Mã hồ sơ (no name: the list is a work queue, the record's page shows her)." })
  externalId: string;
  @Field({ description: "Whether the record's personal data is erased (its Mã hồ sơ is then the erasure's XOA-… code, not hers)." })
  recordErased: boolean;
  @Field() organization: string;
  @Field({ description: 'yyyy-mm-dd' }) receivedOn: string;
  @Field({ description: 'yyyy-mm-dd: 20 days after receivedOn.' }) dueOn: string;
  @Field(() => Int, { description: 'Days left until dueOn (Vietnam today); negative once overdue.' }) daysLeft: number;
  @Field() receivedBy: string;
  @Field(() => Date, { nullable: true, description: 'When the export or the erasure answered it.' }) doneAt: Date | null;
  @Field(() => String, { nullable: true }) doneBy: string | null;
}

@ArgsType()
export class ReceivePersonalDataRequestArgs {
  @Field(() => PersonalDataRequestKind) @IsEnum(PersonalDataRequestKind) kind: PersonalDataRequestKind;
  @Field(() => ID) @IsUUID() recordId: string;
  @Field({ description: 'The day it was received, yyyy-mm-dd (not after today).' }) @IsString() @MaxLength(10) receivedOn: string;
}

@ArgsType()
export class PersonalDataRequestsArgs {
  @Field({ defaultValue: false, description: 'Answered requests too (after the open ones).' })
  @IsOptional()
  @IsBoolean()
  includeDone: boolean;
}
