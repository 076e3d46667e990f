import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, PEOPLE_READERS } from '../access/access.decorators.js';
import { MemberRecord } from '../membership/member-record/member-record.entity.js';
import { MemberRecordType } from '../membership/member-record/member-record.types.js';
import { maskWarning } from './import/import-notes.js';
import { RecordSuggestion } from './record-suggestion.entity.js';
import { ImportWarningType, RecordSuggestionType } from './roster-io.types.js';
import { suggestionType } from './suggestions.resolver.js';

/**
 * Thin: what imports said of a record, on the record (whoever may see the record sees them; the
 * record itself was found within the caller's scope): its last import's warnings, and the
 * suggestions read in its `Ghi chú` cells (accepted or dismissed through suggestions.resolver.ts).
 */
@Resolver(() => MemberRecordType)
export class RecordNotesResolver {
  constructor(private readonly db: DataSource) {}

  @Allow(...PEOPLE_READERS)
  @ResolveField('importWarnings', () => [ImportWarningType], {
    description: 'What the last import of this record warned of (cells left empty, eligibility); replaced by each import.',
  })
  async importWarnings(@Parent() record: MemberRecordType): Promise<ImportWarningType[]> {
    const r = await this.db.getRepository(MemberRecord).findOne({ where: { id: record.id }, select: { id: true, importWarnings: true } });
    return (r?.importWarnings ?? []).map((w) => ({ column: w.column, message: maskWarning(w.message), at: new Date(w.at) }));
  }

  @Allow(...PEOPLE_READERS)
  @ResolveField('suggestions', () => [RecordSuggestionType], {
    description: 'Facts read in the Ghi chú cells of its imports, to accept or dismiss; they survive link runs.',
  })
  async suggestions(@Parent() record: MemberRecordType): Promise<RecordSuggestionType[]> {
    const found = await this.db
      .getRepository(RecordSuggestion)
      .find({ where: { recordId: record.id }, order: { createdAt: 'ASC', kind: 'ASC' } });
    return found.map(suggestionType);
  }
}
