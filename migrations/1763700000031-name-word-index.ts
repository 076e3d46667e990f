import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search by name as the console types it — every typed word starts a word of the name — served by
 * a word index: the folded name's words in a GIN (`to_tsvector('simple', name_folded)`, queried
 * with prefix terms `lo:* & thi:* & b:*`), in place of the trigram index, which cannot use a word of
 * one or two letters and let a search scan an organization's records (seconds at a province's
 * million). The word index is also cheaper to keep up at import: about four entries a name, not fifteen.
 */
export class NameWordIndex1763700000031 implements MigrationInterface {
  name = 'NameWordIndex1763700000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_member_record_name_trgm"`);
    await q.query(`CREATE INDEX "ix_member_record_name_words" ON "member_record" USING gin (to_tsvector('simple', "name_folded"))`);
    // The planner knows how common each word is only from the expression's statistics, which only
    // ANALYZE gathers: without them it guessed a common name rare and read 200,000 rows for a page.
    await q.query(`ANALYZE "member_record"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_member_record_name_words"`);
    await q.query(`CREATE INDEX "ix_member_record_name_trgm" ON "member_record" USING gin ("name_folded" gin_trgm_ops)`);
  }
}
