import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RAISED_FLAG_TRIGGERS } from './1763700000020-suggestion-decisions.js';

/**
 * An accepted suggestion's flag is kept through link runs by the run itself (linker/batch/link-store.ts,
 * set-based, once per run) instead of two row-level triggers that ran a subquery for every flag and
 * person row a run wrote, and silently swallowed a DELETE on `record_flag`.
 */
export class RaisedFlagsInLinkStore1763700000022 implements MigrationInterface {
  name = 'RaisedFlagsInLinkStore1763700000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER record_person_raised_flags ON record_person`);
    await q.query(`DROP FUNCTION record_person_raised_flags()`);
    await q.query(`DROP TRIGGER record_flag_keep_raised ON record_flag`);
    await q.query(`DROP FUNCTION record_flag_keep_raised()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of RAISED_FLAG_TRIGGERS) await q.query(statement);
  }
}
