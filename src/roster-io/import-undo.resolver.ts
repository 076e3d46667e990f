import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { Allow, Caller, ROSTER_WRITERS } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { ImportUndoService } from './import/import-undo.service.js';
import { PreviewDiscards } from './import/preview-discard.js';
import { RosterImportService } from './import/roster-import.service.js';
import { toImportJobType } from './roster-io.resolver.js';
import { ImportJobType } from './roster-io.types.js';

@ArgsType()
export class UndoImportArgs {
  @Field(() => ID) @IsUUID() jobId: string;
  @Field({ description: 'Why the import is undone (required, at least 10 characters).' }) @IsString() @MaxLength(500) reason: string;
}

@ArgsType()
export class DiscardPreviewArgs {
  @Field(() => ID) @IsUUID() jobId: string;
}

@ObjectType('ImportUndo', { description: 'Who undid an import, when and why.' })
export class ImportUndoType {
  @Field() by: string;
  @Field() at: Date;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => Int, {
    description:
      'The units (chi hội/đơn vị) the import had created that the undo removed: those nothing else had (no other record, unit, user or change).',
  })
  unitsRemoved: number;
}

/** Thin: taking an import back — a finished one undone (ImportUndoService), a preview discarded — and the undo shown on the job. */
@Resolver(() => ImportJobType)
export class ImportUndoResolver {
  constructor(
    private readonly undo: ImportUndoService,
    private readonly importer: RosterImportService,
    private readonly discards: PreviewDiscards,
  ) {}

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => Boolean, {
    description:
      'Discards a waiting preview ("Hủy"): nothing of it was written; it is never confirmed, leaves importJobs, and its kept file is removed.',
  })
  async discardImportPreview(@Args() { jobId }: DiscardPreviewArgs, @Caller() caller: Principal): Promise<boolean> {
    await this.discards.discard(jobId, caller);
    return true;
  }

  @Allow(...ROSTER_WRITERS)
  @Mutation(() => ImportJobType, {
    description:
      'Rolls a finished import back (within 30 days, while nobody else has changed the records it wrote): the records it created are removed with their links and flags, the ones it changed put back, its history events removed; the job becomes UNDONE. Final reports are not changed.',
  })
  async undoImport(@Args() { jobId, reason }: UndoImportArgs, @Caller() caller: Principal): Promise<ImportJobType> {
    const job = await this.undo.undoImport(jobId, reason, caller);
    return toImportJobType(job, await this.importer.hasResult(job.id));
  }

  @Allow(...ROSTER_WRITERS)
  @ResolveField('undo', () => ImportUndoType, { nullable: true, description: 'Null unless the import was undone.' })
  async undoOf(@Parent() job: ImportJobType): Promise<ImportUndoType | null> {
    return this.undo.undoneOf(job.id);
  }

  @Allow(...ROSTER_WRITERS)
  @ResolveField('undoBlocked', () => String, {
    nullable: true,
    description:
      'Why undoImport would refuse this import now (not finished, undone already, over 30 days, its records changed since), in Vietnamese; null when it may be undone.',
  })
  async undoBlocked(@Parent() job: ImportJobType): Promise<string | null> {
    return this.undo.undoBlocked(job.id);
  }
}

/** What the module provides for the undo (one line in roster-io.module.ts). */
export const IMPORT_UNDO_PROVIDERS = [ImportUndoService, ImportUndoResolver];
