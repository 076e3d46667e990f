import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { Role } from '../../access/role.js';
import type { PersonalDataRequest } from './personal-data-request.entity.js';
import { daysLeft, PersonalDataRequestsService } from './personal-data-requests.service.js';
import { PersonalDataRequestsArgs, PersonalDataRequestType, ReceivePersonalDataRequestArgs } from './personal-data-requests.types.js';

const toType = (q: PersonalDataRequest): PersonalDataRequestType => ({
  id: q.id,
  kind: q.kind,
  recordId: q.recordId,
  externalId: q.record?.externalId ?? '',
  recordErased: !!q.record?.erasedAt,
  organization: q.record?.organizationCode ?? '',
  receivedOn: q.receivedOn,
  dueOn: q.dueOn,
  daysLeft: daysLeft(q.dueOn),
  receivedBy: q.receivedBy,
  doneAt: q.doneAt,
  doneBy: q.doneBy,
});

/** Thin: the administrator's queue of data subjects' requests. */
@Resolver()
export class PersonalDataRequestsResolver {
  constructor(private readonly requests: PersonalDataRequestsService) {}

  @Allow(Role.ADMIN)
  @Query(() => [PersonalDataRequestType], { description: 'Data subjects’ requests: open ones first, due soonest on top (at most 500).' })
  async personalDataRequests(@Args() a: PersonalDataRequestsArgs): Promise<PersonalDataRequestType[]> {
    return (await this.requests.list(a.includeDone)).map(toType);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => PersonalDataRequestType, {
    description: 'Records a data subject’s request for a copy or the erasure of a record’s data, due 20 days after receipt; logged.',
  })
  async receivePersonalDataRequest(
    @Args() a: ReceivePersonalDataRequestArgs,
    @Caller() caller: Principal,
  ): Promise<PersonalDataRequestType> {
    const saved = await this.requests.receive(a.kind, a.recordId, a.receivedOn, caller);
    return toType(await this.requests.get(saved.id));
  }
}
