import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reconciliation reports: one snapshot per (period, scope), its organization × commune rows and its suspected phantoms. */
export class Reports1763700000010 implements MigrationInterface {
  name = 'Reports1763700000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "report_snapshot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" character varying(8) NOT NULL, "period_kind" character varying(8) NOT NULL, "scope" character varying(80) NOT NULL, "scope_label" text NOT NULL, "as_of_day" date NOT NULL, "final" boolean NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "computed_by" text NOT NULL, "seconds" real NOT NULL, "data" jsonb NOT NULL, CONSTRAINT "uq_report_snapshot_period_scope" UNIQUE ("period", "scope"), CONSTRAINT "PK_5418c6b00adad99708e32914edf" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "report_row" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "snapshot_id" uuid NOT NULL, "organization_code" character varying(16) NOT NULL, "commune_code" character varying(5), "memberships" integer NOT NULL, "people" integer NOT NULL, "duplicate_records" integer NOT NULL, "without_id_number" integer NOT NULL, "suspected_phantoms" integer NOT NULL, "joiners" integer NOT NULL, "leavers" integer NOT NULL, "eligible" integer, "reached" integer, CONSTRAINT "PK_da1851a0f404114811c3770cef4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_report_row_snapshot" ON "report_row"  ("snapshot_id", "organization_code", "commune_code") `);
    await q.query(
      `CREATE TABLE "report_phantom" ("snapshot_id" uuid NOT NULL, "record_id" uuid NOT NULL, "organization_code" character varying(16) NOT NULL, "commune_code" character varying(5), "reasons" character varying array NOT NULL, CONSTRAINT "PK_1ad878f1f7f7bb47cb2818e0b7b" PRIMARY KEY ("snapshot_id", "record_id"))`,
    );
    await q.query(
      `ALTER TABLE "report_row" ADD CONSTRAINT "FK_14ff1dd96226df020203ecb434c" FOREIGN KEY ("snapshot_id") REFERENCES "report_snapshot"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "report_phantom" ADD CONSTRAINT "FK_f60a65ac79a16c7d30da0279cb1" FOREIGN KEY ("snapshot_id") REFERENCES "report_snapshot"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_phantom"`);
    await q.query(`DROP TABLE "report_row"`);
    await q.query(`DROP TABLE "report_snapshot"`);
  }
}
