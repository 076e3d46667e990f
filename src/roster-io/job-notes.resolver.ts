import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, ROSTER_WRITERS } from '../access/access.decorators.js';
import { ImportJobType } from './roster-io.types.js';

/**
 * Thin: what an import's `Ghi chú` cells left for her to decide (its parent job was found within
 * the caller's rights): the members whose notes (đã mất, chuyển đi…) are still open, counted as
 * members until she decides.
 */
@Resolver(() => ImportJobType)
export class JobNotesResolver {
  constructor(private readonly db: DataSource) {}

  @Allow(...ROSTER_WRITERS)
  @ResolveField('openNotes', () => Int, {
    description:
      'Members of this import whose Ghi chú says they died, moved away, are away, left the job or no longer take part, still undecided: they count as members until she decides.',
  })
  async openNotes(@Parent() job: ImportJobType): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(DISTINCT s.record_id)::int AS n FROM record_suggestion s JOIN member_record r ON r.id = s.record_id
        WHERE s.import_job_id = $1 AND s.status = 'OPEN' AND s.kind = ANY($2::varchar[]) AND r.erased_at IS NULL AND r.status = 'ACTIVE'`,
      [job.id, ['DIED', 'MOVED_AWAY', 'AWAY', 'LEFT_WORK', 'INACTIVE']],
    );
    return row.n;
  }
}
