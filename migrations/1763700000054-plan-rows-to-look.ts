import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A planned row the secretary has to look at (`importPreview(toLook)`): held, refused, or warned of
 * something beyond what the reader put back itself (a CCCD's or a phone's lost leading 0, an old
 * 11-digit mobile number). Rows planned before: any warning counts, as it did.
 */
export class PlanRowsToLook1763700000054 implements MigrationInterface {
  name = 'PlanRowsToLook1763700000054';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_plan_row" ADD "looks" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE "import_plan_row" SET "looks" = true WHERE coalesce("warnings", '') <> ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_plan_row" DROP COLUMN "looks"`);
  }
}
