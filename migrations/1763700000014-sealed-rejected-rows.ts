import type { MigrationInterface, QueryRunner } from 'typeorm';
import { encryptText, keyedHash } from '../src/personal-data/personal-data-cipher.js';
import { sealRejectedRow } from '../src/personal-data/rejected-rows.js';
import { rejectedRowKeys } from '../src/personal-data/tombstone-keys.js';
import { CORE_COLUMNS } from '../src/roster-io/roster-columns.js';
import { migrationKey } from './migration-key.js';

/**
 * Personal data where it should not be (issue 14). Rejected import rows: their cells, value and
 * message sealed with the instance key (rows already stored are sealed here), kept with the keyed
 * hashes an erasure finds them by, the unit subtree that may open them and when they were written
 * (deleted after 30 days). The audit log's free text moves to `audit_note`, which an erasure can
 * delete (the log itself stays append-only; the text of lines already written stays, a known residue).
 */
export class SealedRejectedRows1763700000014 implements MigrationInterface {
  name = 'SealedRejectedRows1763700000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_row_error" ADD "sealed" bytea`);
    await q.query(`ALTER TABLE "import_row_error" ADD "person_keys" bytea array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "import_row_error" ADD "unit_path" text`);
    await q.query(`ALTER TABLE "import_row_error" ADD "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`UPDATE "import_row_error" e SET "created_at" = j."started_at" FROM "import_job" j WHERE j."id" = e."job_id"`);
    await sealStoredRows(q);
    await q.query(`ALTER TABLE "import_row_error" ALTER COLUMN "sealed" SET NOT NULL`);
    await q.query(`ALTER TABLE "import_row_error" DROP COLUMN "value"`);
    await q.query(`ALTER TABLE "import_row_error" DROP COLUMN "message"`);
    await q.query(`ALTER TABLE "import_row_error" DROP COLUMN "cells"`);
    await q.query(`CREATE INDEX "ix_import_row_error_created_at" ON "import_row_error" ("created_at")`);
    await q.query(`CREATE INDEX "ix_import_row_error_person_keys" ON "import_row_error" USING gin ("person_keys")`);

    await q.query(
      `CREATE TABLE "audit_note" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_audit_note" PRIMARY KEY ("id"))`,
    );
    await q.query(`ALTER TABLE "audit_event" ADD "note_id" bigint`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('Sealing rejected rows is not undone by a migration: restore a backup taken before it.'));
  }
}

/** Seals the rejected rows already stored (their cells are in the template's order: the core columns first). */
async function sealStoredRows(q: QueryRunner): Promise<void> {
  const stored = (await q.query(
    `SELECT e.id, e.value, e.message, e.cells, j.organization_code FROM import_row_error e JOIN import_job j ON j.id = e.job_id`,
  )) as { id: string; value: string | null; message: string; cells: string[]; organization_code: string }[];
  await q.query(`DELETE FROM import_row_error e WHERE NOT EXISTS (SELECT 1 FROM import_job j WHERE j.id = e.job_id)`);
  if (!stored.length) return;
  const key = migrationKey(`seal the ${stored.length} rejected import rows already stored`);
  const at = (k: string) => CORE_COLUMNS.findIndex((c) => c.key === k);
  const vault = { hash: (v: string) => keyedHash(key, v) };
  for (const r of stored) {
    const cell = (k: string) => r.cells[at(k)] ?? null;
    await q.query(`UPDATE import_row_error SET sealed = $2, person_keys = $3 WHERE id = $1`, [
      r.id,
      sealRejectedRow((s) => encryptText(key, s), { value: r.value, message: r.message, cells: r.cells }),
      rejectedRowKeys(vault, r.organization_code, {
        externalId: cell('externalId'),
        fullName: cell('fullName'),
        birthDate: cell('birthDate'),
        idNumber: cell('idNumber'),
      }),
    ]);
  }
}
