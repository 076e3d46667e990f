import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import that finds a record unchanged still writes the digest of its line (next month's same
 * line is then that record). Its undo put back what it changed but not that digest, so after an
 * undo the right file, uploaded again, held the year-only members it had matched before. Each such
 * digest an import replaces is kept here (with the one it wrote) until the undo or the 30 days end.
 */
export class UndoDigests1763700000044 implements MigrationInterface {
  name = 'UndoDigests1763700000044';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE import_undo_digest (
         job_id uuid NOT NULL, record_id uuid NOT NULL, version integer NOT NULL, digest bytea, written bytea,
         PRIMARY KEY (job_id, record_id))`,
    );
    await q.query(`CREATE INDEX ix_import_undo_digest_record ON import_undo_digest (record_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_undo_digest`);
  }
}
