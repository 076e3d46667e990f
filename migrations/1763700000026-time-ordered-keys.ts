import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New member records and history rows take a time-ordered key (`uuidv7()`, PostgreSQL 18) instead
 * of a random one: an import's inserts then land at the right edge of each primary-key btree (and
 * of the history's foreign-key lookups) instead of on a random page of it — fewer pages touched,
 * split and written in full to the WAL after a checkpoint (issue 17, bench/import-indexes.ts).
 * Existing keys stay as they are: both kinds are uuids, and nothing reads an order into them.
 */
export class TimeOrderedKeys1763700000026 implements MigrationInterface {
  name = 'TimeOrderedKeys1763700000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_record" ALTER COLUMN "id" SET DEFAULT uuidv7()`);
    await q.query(`ALTER TABLE "membership_event" ALTER COLUMN "id" SET DEFAULT uuidv7()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "membership_event" ALTER COLUMN "id" SET DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE "member_record" ALTER COLUMN "id" SET DEFAULT gen_random_uuid()`);
  }
}
