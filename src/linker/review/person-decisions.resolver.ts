import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Caller, PEOPLE_READERS } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { PersonDecisionType, PersonType } from '../linker.types.js';
import { PersonViewsService } from './person-views.service.js';

/** Thin: the review decisions on a person's records (the person's page shows them, and beside a merge). */
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
}
