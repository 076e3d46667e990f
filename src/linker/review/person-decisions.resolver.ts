import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Caller, PEOPLE_READERS } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { PersonDecisionType, PersonPendingPairType, PersonType } from '../linker.types.js';
import { PersonViewsService } from './person-views.service.js';

/** Thin: the review decisions on a person's records and the pairs still to review (the person's page shows them, and beside a merge). */
@Resolver(() => PersonType)
export class PersonDecisionsResolver {
  constructor(private readonly views: PersonViewsService) {}

  @Allow(...PEOPLE_READERS)
  @ResolveField('decisions', () => [PersonDecisionType], {
    description: 'Review decisions on pairs holding one of its records, newest first: one person or two, by whom, when and why.',
  })
  decisions(@Parent() person: PersonType, @Caller() caller: Principal): Promise<PersonDecisionType[]> {
    return this.views.decisions(person.id, caller);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('pendingPairs', () => [PersonPendingPairType], {
    description: "Pairs waiting for review that join one of its records to another person's, strongest first (at most 20).",
  })
  pendingPairs(@Parent() person: PersonType, @Caller() caller: Principal): Promise<PersonPendingPairType[]> {
    return this.views.pendingPairs(person.id, caller);
  }
}
