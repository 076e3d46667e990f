import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfers accepted by the receiving secretariat (issue 20, item 3): a chuyển sinh hoạt to a unit
 * the sender does not keep waits in `transfer_request` until a secretariat of that unit accepts
 * (the record moves, with its history event and audit line) or declines it with a reason. At most
 * one PENDING request per record (a partial unique index).
 */
export class TransferRequests1763700000037 implements MigrationInterface {
  name = 'TransferRequests1763700000037';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "transfer_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "record_id" uuid NOT NULL, "organization_code" character varying(16) NOT NULL, "from_unit_id" uuid, "to_unit_id" uuid NOT NULL, "effective_date" date NOT NULL, "reason" text, "state" character varying(16) NOT NULL DEFAULT 'PENDING', "requested_by" character varying(80) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" character varying(80), "decided_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, CONSTRAINT "PK_de9b8501ed3bf28cd7dbdcb1d60" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_fdac1c94bb122acc5cedd0f881" ON "transfer_request" ("organization_code")`);
    await q.query(`CREATE INDEX "IDX_48655d91f06b1afb6a654e109e" ON "transfer_request" ("to_unit_id")`);
    await q.query(`CREATE INDEX "ix_transfer_request_record" ON "transfer_request" ("record_id", "requested_at")`);
    await q.query(`CREATE UNIQUE INDEX "uq_transfer_request_pending" ON "transfer_request" ("record_id") WHERE "state" = 'PENDING'`);
    await q.query(
      `ALTER TABLE "transfer_request" ADD CONSTRAINT "FK_d210c5934d630911676490991e1" FOREIGN KEY ("record_id") REFERENCES "member_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "transfer_request" ADD CONSTRAINT "FK_df758ae199621b7b90c504c68c5" FOREIGN KEY ("from_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "transfer_request" ADD CONSTRAINT "FK_48655d91f06b1afb6a654e109ed" FOREIGN KEY ("to_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "transfer_request"`);
  }
}
