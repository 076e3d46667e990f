import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions people take on pairs of records (confirm, reject), which every linker run respects; and
 * the index the duplicate check at data entry looks candidates up in.
 */
export class LinkReview1763700000008 implements MigrationInterface {
  name = 'LinkReview1763700000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "link_review" ("record_a" uuid NOT NULL, "record_b" uuid NOT NULL, "decision" character varying(8) NOT NULL, "reason" text NOT NULL, "decided_by" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d2c49ae3bd2ef6db167469e979e" PRIMARY KEY ("record_a", "record_b"))`,
    );
    await q.query(`CREATE INDEX "ix_member_record_given_family_birth" ON "member_record" ("given_key", "family_key", "birth_date")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_member_record_given_family_birth"`);
    await q.query(`DROP TABLE "link_review"`);
  }
}
