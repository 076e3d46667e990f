import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a flag was first raised (issue 21, item 7: "what changed since my last visit"). A linker run
 * rewrites `record_flag` by delete / update / insert, so a flag it finds again keeps its row and its
 * time; a new one takes the time it was written. Flags already stored take the upgrade's time.
 */
export class FlagRaisedAt1763700000039 implements MigrationInterface {
  name = 'FlagRaisedAt1763700000039';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "record_flag" ADD "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX "ix_record_flag_raised_at" ON "record_flag" ("raised_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_record_flag_raised_at"`);
    await q.query(`ALTER TABLE "record_flag" DROP COLUMN "raised_at"`);
  }
}
