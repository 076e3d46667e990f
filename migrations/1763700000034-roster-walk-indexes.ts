import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roster pages as index-only walks (issue 19, `roster-walk.ts`): three indexes in roster order
 * (given name, full name, id) — the organization's, each unit's, each commune's — carrying what the
 * page filters ask (status, erased, and the commune on a unit's), in place of the organization's
 * roster index and the single-column unit and commune indexes they cover (a lookup by unit or by
 * commune alone is the new index's first column, or a skip scan over the few organizations). Same
 * number of indexes to keep up at import. An index-only walk needs the table's visibility map,
 * which autovacuum keeps up after an import; until then the walk reads the table as before.
 */
export class RosterWalkIndexes1763700000034 implements MigrationInterface {
  name = 'RosterWalkIndexes1763700000034';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_member_record_roster" ON "member_record" ("organization_code", "given_key", "name_folded", "id") INCLUDE ("status", "erased_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_member_record_unit_roster" ON "member_record" ("unit_id", "given_key", "name_folded", "id") INCLUDE ("status", "commune_code", "erased_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_member_record_commune_roster" ON "member_record" ("organization_code", "commune_code", "given_key", "name_folded", "id") INCLUDE ("status", "erased_at")`,
    );
    await q.query(`DROP INDEX "ix_member_record_org_name"`);
    await q.query(`DROP INDEX "IDX_82e9cefa74ed9f2eafa0809b0a"`);
    await q.query(`DROP INDEX "IDX_52d8ec7d681629fb50a5ba3a89"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_52d8ec7d681629fb50a5ba3a89" ON "member_record" ("commune_code")`);
    await q.query(`CREATE INDEX "IDX_82e9cefa74ed9f2eafa0809b0a" ON "member_record" ("unit_id")`);
    await q.query(`CREATE INDEX "ix_member_record_org_name" ON "member_record" ("organization_code", "given_key", "name_folded", "id")`);
    await q.query(`DROP INDEX "ix_member_record_commune_roster"`);
    await q.query(`DROP INDEX "ix_member_record_unit_roster"`);
    await q.query(`DROP INDEX "ix_member_record_roster"`);
  }
}
