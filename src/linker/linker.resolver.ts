import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller, PEOPLE_READERS } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { Role } from '../access/role.js';
import { DuplicateCheckService } from './incremental/duplicate-check.service.js';
import {
  DecideLinkArgs,
  DeferLinkPairArgs,
  DuplicateCandidateType,
  MergePersonsArgs,
  SplitPersonArgs,
  OverlapArgs,
  PossibleDuplicatesArgs,
  OverlapType,
  PersonArgs,
  PersonType,
  ReviewPairType,
  ReviewQueueArgs,
} from './linker.types.js';
import { PersonViewsService } from './review/person-views.service.js';
import { ReviewDecisionsService } from './review/review-decisions.service.js';
import { ReviewQueueService } from './review/review-queue.service.js';

/** Thin: persons, overlap, the review queue and decisions on pairs. */
@Resolver()
export class LinkerResolver {
  constructor(
    private readonly views: PersonViewsService,
    private readonly decisions: ReviewDecisionsService,
    private readonly queue: ReviewQueueService,
    private readonly duplicates: DuplicateCheckService,
  ) {}

  @Allow(...PEOPLE_READERS)
  @Query(() => PersonType, { description: "A person's records across organizations (the read is logged)." })
  person(@Args() { id }: PersonArgs, @Caller() caller: Principal): Promise<PersonType> {
    return this.views.person(id, caller);
  }

  @Allow(...PEOPLE_READERS)
  @Query(() => [DuplicateCandidateType], {
    description:
      'Before adding a member: given a name and a birth date (a year is enough), records of that name and birth year across all organizations that may be the same person, best first, with explanations. An ID number or phone counts only when exactly equal; 60 calls a minute per user; every call is logged.',
  })
  possibleDuplicates(@Args() { input }: PossibleDuplicatesArgs, @Caller() caller: Principal): Promise<DuplicateCandidateType[]> {
    return this.duplicates.possibleDuplicates(input, caller);
  }

  @Allow(Role.ADMIN, Role.DAN_VAN, Role.SECRETARIAT, Role.AUDITOR)
  @Query(() => OverlapType, { description: 'Số lượt, số người and the organization × organization matrix of a scope (counts only).' })
  overlap(@Args() { scope }: OverlapArgs): Promise<OverlapType> {
    return this.views.overlap(scope);
  }

  @Allow(Role.ADMIN, Role.DAN_VAN)
  @Query(() => [ReviewPairType], { description: 'Pairs waiting for a decision, strongest first.' })
  reviewQueue(@Args() args: ReviewQueueArgs, @Caller() caller: Principal): Promise<ReviewPairType[]> {
    return this.queue.reviewQueue(args, caller);
  }

  @Allow(Role.ADMIN, Role.DAN_VAN)
  @Mutation(() => Boolean, { description: 'Confirm (one person) or reject (two people) a pair; every later linker run respects it.' })
  async decideLink(@Args() a: DecideLinkArgs, @Caller() caller: Principal): Promise<boolean> {
    await this.decisions.decide(a.recordA, a.recordB, a.decision, a.reason, caller);
    return true;
  }

  @Allow(Role.ADMIN, Role.DAN_VAN)
  @Mutation(() => Boolean, {
    description:
      '"Chưa chắc, để sau": a pair put off with why (kept in the audit log); nothing is decided and the pair stays in the queue.',
  })
  async deferLinkPair(@Args() a: DeferLinkPairArgs, @Caller() caller: Principal): Promise<boolean> {
    await this.decisions.defer(a.recordA, a.recordB, a.reason, caller);
    return true;
  }

  @Allow(Role.ADMIN, Role.DAN_VAN)
  @Mutation(() => ID, { description: 'Two persons are one: B joins A, which keeps its id; every later run keeps them together.' })
  mergePersons(@Args() a: MergePersonsArgs, @Caller() caller: Principal): Promise<string> {
    return this.decisions.mergePersons(a.personA, a.personB, a.reason, caller);
  }

  @Allow(Role.ADMIN, Role.DAN_VAN)
  @Mutation(() => ID, {
    description: "Some records are another person: they leave with a new id (returned); the rest keep the person's id.",
  })
  splitPerson(@Args() a: SplitPersonArgs, @Caller() caller: Principal): Promise<string> {
    return this.decisions.splitPerson(a.personId, a.recordIds, a.reason, caller);
  }
}
