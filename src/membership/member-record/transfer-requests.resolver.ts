import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Caller, PEOPLE_READERS, ROSTER_WRITERS } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { MemberRecordType } from './member-record.types.js';
import { shownRecordDate } from './record-dates.js';
import type { TransferRequest } from './transfer-request.entity.js';
import type { Unit } from '../unit/unit.entity.js';
import { unsaidCommune } from '../unit/unit-label.js';
import {
  DeclineTransferArgs,
  PendingTransfersArgs,
  SentTransfersArgs,
  TransferDecisionArgs,
  TransferRequestType,
} from './transfer-request.types.js';
import { RecordTransfersService } from './record-transfers.service.js';

/** Thin: transfers waiting for the receiving secretariat (the move itself is `transferMemberRecord`). */
@Resolver(() => MemberRecordType)
export class TransferRequestsResolver {
  constructor(private readonly transfers: RecordTransfersService) {}

  @Allow(...ROSTER_WRITERS)
  @Query(() => [TransferRequestType], {
    description:
      'Transfers waiting for a decision that the caller sends or receives (`incoming`: hers to accept or decline), or with `declined` those declined in the last 90 days. The read is logged.',
  })
  async pendingTransfers(@Args() args: PendingTransfersArgs, @Caller() caller: Principal): Promise<TransferRequestType[]> {
    const rows = await this.transfers.list(args.organization, args.declined ?? false, caller);
    return rows.map((r) => this.toType(r, caller));
  }

  @Allow(...ROSTER_WRITERS)
  @Query(() => [TransferRequestType], {
    description:
      'Transfers the caller sent from a unit she keeps, newest first: those waiting, and those accepted or declined in the last 90 days (with who decided, when, why). The read is logged.',
  })
  async sentTransfers(@Args() { organization }: SentTransfersArgs, @Caller() caller: Principal): Promise<TransferRequestType[]> {
    const rows = await this.transfers.sent(organization, caller);
    return rows.map((r) => this.toType(r, caller));
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => TransferRequestType, { description: 'The receiving secretariat accepts a transfer: the record moves (history, audit).' })
  async acceptTransfer(@Args() { id }: TransferDecisionArgs, @Caller() caller: Principal): Promise<TransferRequestType> {
    return this.toType(await this.transfers.accept(id, caller), caller);
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => TransferRequestType, { description: 'The receiving secretariat declines a transfer, saying why; the record stays.' })
  async declineTransfer(@Args() { id, reason }: DeclineTransferArgs, @Caller() caller: Principal): Promise<TransferRequestType> {
    return this.toType(await this.transfers.decline(id, reason, caller), caller);
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => TransferRequestType, {
    description: 'The sending secretariat takes back a transfer still waiting for the receiving unit: the record stays (audit).',
  })
  async cancelTransfer(@Args() { id }: TransferDecisionArgs, @Caller() caller: Principal): Promise<TransferRequestType> {
    return this.toType(await this.transfers.cancel(id, caller), caller);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField(() => TransferRequestType, {
    nullable: true,
    description: 'A transfer of this record waiting for the receiving unit, or the last one declined (null once one is accepted).',
  })
  async transferRequest(@Parent() record: MemberRecordType, @Caller() caller: Principal): Promise<TransferRequestType | null> {
    const request = await this.transfers.latestOf(record.id);
    return request ? this.toType(request, caller) : null;
  }

  private toType(q: TransferRequest, caller: Principal): TransferRequestType {
    const unitRef = (u: Unit) => ({ code: u.code, name: u.name, commune: unsaidCommune(u.name, u.commune?.name) });
    const r = q.record!;
    return {
      id: q.id,
      record: { id: r.id, externalId: r.externalId, fullName: r.fullName, birthDate: shownRecordDate(r, 'birthDate') },
      fromUnit: q.fromUnit ? unitRef(q.fromUnit) : null,
      toUnit: unitRef(q.toUnit!),
      effectiveDate: q.effectiveDate,
      reason: q.reason,
      state: q.state,
      requestedBy: q.requestedBy,
      requestedAt: q.requestedAt,
      decidedBy: q.decidedBy,
      decidedAt: q.decidedAt,
      declineReason: q.declineReason,
      incoming: this.transfers.receives(caller, q),
    };
  }
}
