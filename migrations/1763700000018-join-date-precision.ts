import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A join date given as a year alone (`2005`, the norm in old rosters) is kept with its precision,
 * as the birth date is (issue 16). Existing rows (null) are full dates.
 */
export class JoinDatePrecision1763700000018 implements MigrationInterface {
  name = 'JoinDatePrecision1763700000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_record" ADD "join_date_precision" character varying(4)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_record" DROP COLUMN "join_date_precision"`);
  }
}
