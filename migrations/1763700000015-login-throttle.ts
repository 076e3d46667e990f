import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Log-in throttling kept in the database, so that a restart or a second process does not reset
 * it: one row per username (`user:<name>`) and per client address (`ip:<address>`).
 */
export class LoginThrottle1763700000015 implements MigrationInterface {
  name = 'LoginThrottle1763700000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "login_throttle" ("key" text NOT NULL, "count" integer NOT NULL DEFAULT 0, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "next_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "last_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_login_throttle" PRIMARY KEY ("key"))`,
    );
    await q.query(`CREATE INDEX "IDX_login_throttle_last_at" ON "login_throttle" ("last_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_throttle"`);
  }
}
