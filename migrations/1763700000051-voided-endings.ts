import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An ending taken back as a mistake (membership's mistaken-ending.ts): the return names the ENDED event
 * it voids, and the reports' count of endings leaves that one out. A partial index: only those few rows.
 */
export class VoidedEndings1763700000051 implements MigrationInterface {
  name = 'VoidedEndings1763700000051';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "membership_event" ADD "voids" uuid`);
    await q.query(`CREATE INDEX "ix_membership_event_voids" ON "membership_event" ("voids") WHERE voids IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_membership_event_voids"`);
    await q.query(`ALTER TABLE "membership_event" DROP COLUMN "voids"`);
  }
}
