import { Query, Resolver } from '@nestjs/graphql';
import { Allow, ALL_ROLES, Caller } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { LastVisitService } from './last-visit.service.js';
import { SinceLastVisitType } from './last-visit.types.js';

/** Thin: the console's "since your last visit" line. */
@Resolver()
export class LastVisitResolver {
  constructor(private readonly service: LastVisitService) {}

  @Allow(...ALL_ROLES)
  @Query(() => SinceLastVisitType, {
    description: 'What changed since the caller’s previous log-in: new suspects, pairs waiting, reports.',
  })
  sinceLastVisit(@Caller() caller: Principal): Promise<SinceLastVisitType> {
    return this.service.sinceLastVisit(caller);
  }
}
