import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, ROSTER_WRITERS } from '../access/access.decorators.js';
import { ImportJobType } from './roster-io.types.js';

/**
 * Thin: what an import's `Ghi chú` cells left for her to decide (its parent job was found within
 * the caller's rights): the members whose notes (đã mất, chuyển đi, cùng là hội viên…) are still open,
 * as the roster's "Ghi chú trong tệp nhập chưa xử lý" lists them (OPEN_NOTES): the one it links to.
 */
@Resolver(() => ImportJobType)
export class JobNotesResolver {
  constructor(private readonly db: DataSource) {}

  @Allow(...ROSTER_WRITERS)
  @ResolveField('openNotes', () => Int, {
    description:
      "Members of this import with a Ghi chú suggestion still undecided (died, moved away, away, left the job, no longer take part, a member elsewhere, an old CMND): those the roster's NOTES filter lists from this import.",
  })
  async openNotes(@Parent() job: ImportJobType): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(DISTINCT s.record_id)::int AS n FROM record_suggestion s JOIN member_record r ON r.id = s.record_id
        WHERE s.import_job_id = $1 AND s.status = 'OPEN' AND r.erased_at IS NULL`,
      [job.id],
    );
    return row.n;
  }
}
