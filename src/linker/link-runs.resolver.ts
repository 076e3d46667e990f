import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { Role } from '../access/role.js';
import { LinkRunsArgs, LinkRunType } from './link-runs.types.js';
import { LinkRunsService } from './link-runs.service.js';

/** Thin: the link runs and a run started from the console. */
@Resolver()
export class LinkRunsResolver {
  constructor(private readonly runs: LinkRunsService) {}

  @Allow(Role.ADMIN, Role.DAN_VAN, Role.AUDITOR)
  @Query(() => [LinkRunType], { description: 'The newest link runs: state, phases as they end, what each found (counts only).' })
  linkRuns(@Args() { first }: LinkRunsArgs): Promise<LinkRunType[]> {
    return this.runs.runs(first);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => LinkRunType, {
    description: 'Starts a link run in the server, in the background (audited); its row once under way. CONFLICT while another runs.',
  })
  startLinkRun(@Caller() caller: Principal): Promise<LinkRunType> {
    return this.runs.start(caller);
  }
}
