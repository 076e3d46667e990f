import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member her file leaves out whom she keeps (still a member, away, ill, not on this list by
 * mistake): kept here with why, by whom and when, so the next month's list of those left out does
 * not ask about her again. Gone with the record; its reason erased with the person.
 */
export class AbsenceKept1763700000047 implements MigrationInterface {
  name = 'AbsenceKept1763700000047';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE absence_kept (
         record_id uuid PRIMARY KEY REFERENCES member_record (id) ON DELETE CASCADE,
         kept_at timestamptz NOT NULL DEFAULT now(), kept_by varchar(64) NOT NULL, reason text NOT NULL, import_job_id uuid)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE absence_kept`);
  }
}
