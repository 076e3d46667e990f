import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data subjects' requests with their legal deadline (issue 21, item 6): a copy of her data or its
 * erasure, received on a day, due 20 days later, answered when the export or the erasure runs.
 */
export class PersonalDataRequests1763700000038 implements MigrationInterface {
  name = 'PersonalDataRequests1763700000038';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "personal_data_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "record_id" uuid NOT NULL, "received_on" date NOT NULL, "due_on" date NOT NULL, "received_by" character varying(80) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "done_at" TIMESTAMP WITH TIME ZONE, "done_by" character varying(80), CONSTRAINT "PK_9cc91f743cdd6bc6b81b325184a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_eb7f5973a27ad9f2128bd68a5e" ON "personal_data_request" ("record_id")`);
    await q.query(`CREATE INDEX "ix_personal_data_request_open" ON "personal_data_request" ("done_at", "due_on")`);
    await q.query(
      `ALTER TABLE "personal_data_request" ADD CONSTRAINT "FK_eb7f5973a27ad9f2128bd68a5e8" FOREIGN KEY ("record_id") REFERENCES "member_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "personal_data_request"`);
  }
}
