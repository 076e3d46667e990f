import { Args, ArgsType, Field, ID, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Allow, Caller, PEOPLE_READERS, ROSTER_WRITERS } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { maskWarning } from './import/import-notes.js';
import { RecordSuggestion } from './record-suggestion.entity.js';
import { RecordSuggestionType, SuggestionKindEnum, SuggestionStatusEnum } from './roster-io.types.js';
import { SuggestionDecisionsService } from './suggestion-decisions.service.js';
import { endsAs, whenText } from './suggestion-flag.js';

@ArgsType()
export class AcceptSuggestionArgs {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'Why, if there is more to say than the note.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

@ArgsType()
export class DismissSuggestionArgs {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ description: 'Why the note is not taken (required).' }) @IsString() @MaxLength(500) reason: string;
}

@ObjectType('SuggestionDecision', { description: 'Who accepted or dismissed a suggestion, when and why.' })
export class SuggestionDecisionType {
  @Field(() => SuggestionStatusEnum) status: SuggestionStatusEnum;
  @Field() by: string;
  @Field() at: Date;
  @Field(() => String, { nullable: true, description: 'Why (numbers masked).' }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'The flag an accepted suggestion raised on the record; link runs keep it.' })
  flagCode: string | null;
}

/** A stored suggestion as GraphQL shows it: the note's numbers masked, the date to the note's precision. */
export function suggestionType(s: RecordSuggestion): RecordSuggestionType {
  return {
    id: s.id,
    kind: s.kind as SuggestionKindEnum,
    evidence: maskWarning(s.evidence),
    when: whenText(s),
    detail: s.detail,
    status: s.status as SuggestionStatusEnum,
    createdAt: s.createdAt,
  };
}

/** Thin: the secretary's answer to a Ghi chú suggestion (SuggestionDecisionsService), and the answer on the suggestion. */
@Resolver(() => RecordSuggestionType)
export class SuggestionsResolver {
  constructor(
    private readonly decisions: SuggestionDecisionsService,
    private readonly db: DataSource,
  ) {}

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => RecordSuggestionType, {
    description:
      'Takes the note: raises its flag on the record (death → DECEASED, moved → MOVED_AWAY, away for work or service → AWAY, no longer taking part → INACTIVE, CMND cũ → INVALID_ID, member elsewhere → MULTI_ORG), kept by link runs. The status is not changed.',
  })
  async acceptSuggestion(@Args() a: AcceptSuggestionArgs, @Caller() caller: Principal): Promise<RecordSuggestionType> {
    return suggestionType(await this.decisions.decide(a.id, 'ACCEPTED', a.reason, caller));
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => RecordSuggestionType, { description: 'Does not take the note: the suggestion stays, DISMISSED, with who and why.' })
  async dismissSuggestion(@Args() a: DismissSuggestionArgs, @Caller() caller: Principal): Promise<RecordSuggestionType> {
    return suggestionType(await this.decisions.decide(a.id, 'DISMISSED', a.reason, caller));
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('endsAs', () => String, {
    nullable: true,
    description:
      'The ending the note says happened (DECEASED, LEFT), for the secretary to record with endMembership once she takes it; null for the others.',
  })
  endsAs(@Parent() s: RecordSuggestionType): string | null {
    return endsAs(s.kind);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('decision', () => SuggestionDecisionType, { nullable: true, description: 'Null while the suggestion is OPEN.' })
  async decision(@Parent() s: RecordSuggestionType): Promise<SuggestionDecisionType | null> {
    const r = await this.db.getRepository(RecordSuggestion).findOneBy({ id: s.id });
    if (!r || r.status === 'OPEN' || !r.decidedAt) return null;
    return {
      status: r.status as SuggestionStatusEnum,
      by: r.decidedBy ?? '',
      at: r.decidedAt,
      reason: r.decisionReason === null ? null : maskWarning(r.decisionReason),
      flagCode: r.flagCode,
    };
  }
}
