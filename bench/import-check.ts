import type pg from 'pg';

/** What the check after the import benchmark counts: each figure but `records` must be 0. */
export interface ImportCheck {
  /** records of the benchmark's organizations */
  records: number;
  /** not found by the console's search: no folded name or name keys (what the trigram and name indexes read) */
  notSearchable: number;
  /** the row had a CCCD (all of the benchmark's rows do) but the record has no sealed number or no keyed hash */
  notSealedOrHashed: number;
  /** no ADMITTED history row */
  withoutHistory: number;
}

/**
 * The check after the benchmark (issue 17): every imported record searchable, its ID number sealed
 * and hashed, and its history row written — so a fast import cannot be fast by leaving work out.
 */
export async function checkImported(db: pg.Client, orgs: string[]): Promise<ImportCheck> {
  const { rows } = await db.query<Record<keyof ImportCheck, string>>(
    `SELECT count(*) AS records,
            count(*) FILTER (WHERE coalesce(r.name_folded, '') = '' OR coalesce(r.given_key, '') = '' OR coalesce(r.family_key, '') = '') AS "notSearchable",
            count(*) FILTER (WHERE r.id_number_sealed IS NULL OR r.id_number_hash IS NULL) AS "notSealedOrHashed",
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM membership_event e WHERE e.record_id = r.id AND e.kind = 'ADMITTED')) AS "withoutHistory"
       FROM member_record r
      WHERE r.organization_code = ANY($1) AND r.erased_at IS NULL`,
    [orgs],
  );
  const r = rows[0];
  return {
    records: Number(r.records),
    notSearchable: Number(r.notSearchable),
    notSealedOrHashed: Number(r.notSealedOrHashed),
    withoutHistory: Number(r.withoutHistory),
  };
}

/** The check as a sentence for the report: "ok" or what is missing. */
export function describeCheck(c: ImportCheck, expected: number): string {
  const misses = [
    c.records !== expected ? `${c.records} records for ${expected} rows` : '',
    c.notSearchable ? `${c.notSearchable} not searchable` : '',
    c.notSealedOrHashed ? `${c.notSealedOrHashed} not sealed or hashed` : '',
    c.withoutHistory ? `${c.withoutHistory} without their ADMITTED row` : '',
  ].filter(Boolean);
  return misses.length
    ? `FAILED: ${misses.join('; ')}`
    : `ok: ${c.records} records, every one searchable, sealed, hashed, with its history row`;
}
