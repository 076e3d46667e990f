import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pairs waiting for review (138 of 413,000 links at 1M): the review queue and the console's
 * "since my last visit" found them by reading every link (240 ms at 1M, on every officer's log-in).
 */
export class ReviewLinksIndex1763700000040 implements MigrationInterface {
  name = 'ReviewLinksIndex1763700000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_record_link_review" ON "record_link" ("record_a", "record_b") WHERE "decision" = 'REVIEW'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_record_link_review"`);
  }
}
