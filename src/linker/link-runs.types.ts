import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ObjectType('LinkRunPhase')
export class LinkRunPhaseType {
  @Field() key: string;
  @Field({ description: 'What the phase has done when it ends, in Vietnamese.' }) label: string;
  @Field(() => Number, { nullable: true, description: 'Seconds it took; null while it has not ended.' }) seconds: number | null;
}

@ObjectType('LinkRun', { description: 'A run of the linker: its state, its phases as they end, and what it found.' })
export class LinkRunType {
  @Field(() => ID) id: string;
  @Field({ description: 'RUNNING, DONE or FAILED.' }) status: string;
  @Field() statusLabel: string;
  @Field() startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Who started it: USER, SERVICE, CLI or SCHEDULE (the server on its own); null for runs before this was kept.',
  })
  startedByKind: string | null;
  @Field(() => String, { nullable: true, description: 'Username, token name or `cli:<os user>`, as the audit log names them.' })
  startedBy: string | null;
  @Field(() => [LinkRunPhaseType]) phases: LinkRunPhaseType[];
  @Field(() => Int, { nullable: true }) records: number | null;
  @Field(() => Int, { nullable: true, description: "Persons with an ACTIVE membership (Tổng quan's Số người right after the run)." })
  persons: number | null;
  @Field(() => Int, { nullable: true, description: 'Persons ACTIVE in two organizations or more.' }) multiOrganizationPersons:
    number | null;
  @Field(() => Int, { nullable: true }) autoLinks: number | null;
  @Field(() => Int, { nullable: true, description: 'Pairs waiting for review after the run (a pair someone has decided is not counted).' })
  reviewPairs: number | null;
  @Field(() => Int, { nullable: true, description: 'ACTIVE records suspected of being made up.' }) suspectedPhantoms: number | null;
  @Field(() => String, { nullable: true, description: 'Why a FAILED run stopped.' }) failure: string | null;
}

@ArgsType()
export class LinkRunsArgs {
  @Field(() => Int, { defaultValue: 10 }) @IsInt() @Min(1) @Max(50) first: number;
}
