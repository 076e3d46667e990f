import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestBatch } from '../../common/graphql/request-batch.js';
import { Allow, Caller, PEOPLE_READERS } from '../../access/access.decorators.js';
import type { Principal } from '../../access/principal.js';
import { MemberRecordType } from '../../membership/member-record/member-record.types.js';
import { flagLabel } from '../model/phantom.js';
import { endsOnConfirm, evidencedEnding } from './flag-ending.js';
import { flagsJson } from './flag-sql.js';
import { FlagsService, type FlagView } from './flags.service.js';
import { partOf, RecordParts } from '../../membership/member-record/record-parts.js';
import { FlagCountsArgs, FlagCountType, FlaggedRecordType, RecordFlagType, ResolveFlagArgs } from '../linker.types.js';
import { FlaggedRecordsArgs } from './flagged-records.args.js';

const toType = (f: FlagView): RecordFlagType => {
  const evidenced = evidencedEnding(f.code, f.evidence);
  return {
    ...f,
    label: flagLabel(f.code),
    evidence: JSON.stringify(f.evidence ?? {}),
    evidenceOutcome: evidenced?.outcome ?? null,
    evidenceDate: evidenced?.date ?? null,
    evidenceWhen: evidenced?.when ?? null,
    confirmable: endsOnConfirm(f.code, f.severity),
  };
};

/** Thin: the phantom flags — on a record, listed, counted, decided. */
@Resolver(() => MemberRecordType)
export class FlagsResolver {
  /** A roster page's rows ask for their flags together: one query a page. */
  private readonly batch: RequestBatch<string, FlagView[]>;

  constructor(
    private readonly flags: FlagsService,
    parts: RecordParts,
  ) {
    this.batch = new RequestBatch((ids) => this.flags.flagsOfMany(ids));
    // A member's page reads its flags with the record (record-parts.ts).
    parts.register('flags', flagsJson);
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('flags', () => [RecordFlagType], { description: 'Phantom-check flags, as the last linker run found them.' })
  async flagsOf(@Parent() record: MemberRecordType, @Context() request: object): Promise<RecordFlagType[]> {
    const kept = partOf<FlagView[]>(record, 'flags');
    return ((kept ? kept.value : await this.batch.get(request, record.id)) ?? []).map(toType);
  }

  @Allow(...PEOPLE_READERS)
  @Query(() => [FlaggedRecordType], { description: 'Flagged ACTIVE records within the caller’s rights, suspected phantoms first.' })
  async flaggedRecords(@Args() args: FlaggedRecordsArgs, @Caller() caller: Principal): Promise<FlaggedRecordType[]> {
    return (await this.flags.flagged(args, caller)).map((r) => ({ ...r, flags: r.flags.map(toType) }));
  }

  @Allow(...PEOPLE_READERS)
  @Query(() => [FlagCountType], { description: 'Flagged ACTIVE records by code (AO: suspected phantoms), per organization and unit.' })
  async flagCounts(@Args() args: FlagCountsArgs, @Caller() caller: Principal): Promise<FlagCountType[]> {
    return (await this.flags.counts(args, caller)).map((c) => ({ ...c, label: flagLabel(c.code) }));
  }

  @Allow(...PEOPLE_READERS)
  @Query(() => Int, {
    description:
      'ACTIVE records within the caller’s rights that no link run has read yet (a bulk import since the last run): their flags are not in flaggedRecords nor flagCounts until the next run.',
  })
  unlinkedRecords(@Args() args: FlagCountsArgs, @Caller() caller: Principal): Promise<number> {
    return this.flags.unlinked(args, caller);
  }

  @Allow(...PEOPLE_READERS)
  @Mutation(() => Boolean, {
    description:
      'ATTENTION (Ban Dân vận); CONFIRMED ends the membership (as `outcome`, from `date`: without one, the flag’s `evidenceDate` when confirmed as its `evidenceOutcome`, else today), FALSE_ALARM keeps the flag from coming back (secretariat).',
  })
  async resolveFlag(@Args() a: ResolveFlagArgs, @Caller() caller: Principal): Promise<boolean> {
    await this.flags.resolve(a.recordId, a.code, a.resolution, a.note, caller, { outcome: a.outcome, date: a.date });
    return true;
  }
}
