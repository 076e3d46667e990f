import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { UnitRefType } from './member-record.types.js';
import { TransferState } from './transfer-request.entity.js';

registerEnumType(TransferState, { name: 'TransferState' });

@ObjectType('TransferRecordRef', { description: 'Who is being transferred: enough for the receiving secretariat to recognize her.' })
export class TransferRecordRefType {
  @Field(() => ID) id: string;
  @Field({ description: 'Mã hồ sơ' }) externalId: string;
  @Field() fullName: string;
  @Field(() => String, { nullable: true }) birthDate: string | null;
}

@ObjectType('TransferRequest', {
  description: 'A chuyển sinh hoạt to a unit the sender does not keep: it waits for that unit’s secretariat to accept or decline.',
})
export class TransferRequestType {
  @Field(() => ID) id: string;
  @Field(() => TransferRecordRefType) record: TransferRecordRefType;
  @Field(() => UnitRefType, { nullable: true }) fromUnit: UnitRefType | null;
  @Field(() => UnitRefType) toUnit: UnitRefType;
  @Field({ description: 'The day the move takes effect' }) effectiveDate: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => TransferState) state: TransferState;
  @Field() requestedBy: string;
  @Field() requestedAt: Date;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) declineReason: string | null;
  @Field({ description: 'Whether the caller keeps the receiving unit (she may accept or decline it)' }) incoming: boolean;
}

@ArgsType()
export class PendingTransfersArgs {
  @Field() @IsString() @MaxLength(16) organization: string;

  @Field({ nullable: true, description: 'The declined requests of the last 90 days instead of the pending ones' })
  @IsOptional()
  @IsBoolean()
  declined?: boolean;
}

@ArgsType()
export class SentTransfersArgs {
  @Field() @IsString() @MaxLength(16) organization: string;
}

@ArgsType()
export class TransferDecisionArgs {
  @Field(() => ID) @IsUUID() id: string;
}

@ArgsType()
export class DeclineTransferArgs extends TransferDecisionArgs {
  @Field({ description: 'Why (at least 5 characters): the sender reads it' }) @IsString() @MaxLength(500) reason: string;
}
