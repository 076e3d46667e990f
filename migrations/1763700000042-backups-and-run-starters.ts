import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21, item 6: the backups taken from the console or `lienthong backup` (`backup_run`, a row
 * written when one ends), and who started each link run (user, token, CLI or the server's schedule;
 * null for the runs before this migration).
 */
export class BackupsAndRunStarters1763700000042 implements MigrationInterface {
  name = 'BackupsAndRunStarters1763700000042';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "backup_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(8) NOT NULL, "started_by_kind" character varying(8) NOT NULL, "started_by" character varying(80) NOT NULL, "file" text NOT NULL, "bytes" bigint, "with_key" boolean NOT NULL DEFAULT false, "failure" text, CONSTRAINT "PK_d5d0832c1ff227f276a4ef80475" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_backup_run_started" ON "backup_run" ("started_at")`);
    await q.query(`ALTER TABLE "link_run" ADD "started_by_kind" character varying(8)`);
    await q.query(`ALTER TABLE "link_run" ADD "started_by" character varying(80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "link_run" DROP COLUMN "started_by"`);
    await q.query(`ALTER TABLE "link_run" DROP COLUMN "started_by_kind"`);
    await q.query(`DROP TABLE "backup_run"`);
  }
}
