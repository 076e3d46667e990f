import type { Sql } from './snapshot.js';

/**
 * Blocking: the candidate pairs worth comparing, found by equality of indexed keys grouped in SQL
 * over the snapshot (`link_rec`), instead of comparing every record with every other.
 */

/**
 * The blocking rules. Each finds candidates the others miss (a missing ID number, a changed phone,
 * a dropped middle name, a family-name slip, a wrong year).
 */
export const RULES: { name: string; key: string; where: string }[] = [
  { name: 'id_number', key: `id_number_hash`, where: `id_number_hash IS NOT NULL` },
  { name: 'phone', key: `phone`, where: `phone IS NOT NULL` },
  // Same family and given name, birth year and commune: a placeholder or year-only date (the only
  // block such a record falls in without a number or a phone), a dropped middle name, a swapped day
  // and month or a number typed with one slip. Without the commune a province's common names in a
  // year make blocks of dozens (ten million pairs at 1,000,000 records).
  {
    name: 'family_given_year_commune',
    key: `family_key, given_key, birth_year, commune_code`,
    where: `birth_year IS NOT NULL AND commune_code IS NOT NULL`,
  },
  { name: 'given_birth_date', key: `given_key, birth_date`, where: `birth_day_known` },
  { name: 'family_birth_date_sex', key: `family_key, birth_date, sex`, where: `birth_day_known` },
];

export interface BlockingRuleSummary {
  rule: string;
  blocks: number;
  pairs: number;
  /** Blocks too large even within one commune: skipped, with the records they held. */
  oversizedBlocks: number;
  oversizedRecords: number;
}

/** The union of the blocking rules' pairs, each pair once (a < b), as a flat array [a0, b0, a1, b1, …]. */
export async function candidatePairs(
  runner: Sql,
  n: number,
  maxBlock: number,
): Promise<{ pairs: Int32Array; blocking: BlockingRuleSummary[] }> {
  const codes = new PairCodes(n);
  const blocking: BlockingRuleSummary[] = [];
  for (const rule of RULES) {
    const summary: BlockingRuleSummary = { rule: rule.name, blocks: 0, pairs: 0, oversizedBlocks: 0, oversizedRecords: 0 };
    for (const seqs of await blocksOf(runner, rule, maxBlock)) {
      if (seqs.length > maxBlock) {
        summary.oversizedBlocks++;
        summary.oversizedRecords += seqs.length;
        continue;
      }
      summary.blocks++;
      summary.pairs += codes.addBlock(seqs);
    }
    blocking.push(summary);
  }
  return { pairs: codes.uniquePairs(), blocking };
}

/**
 * A rule's blocks (the records of each, in order). Blocks that fit; larger ones are split by commune
 * (a common name with a placeholder date across a province), and what is still too large is
 * returned too, to be counted, not silently dropped.
 */
async function blocksOf(runner: Sql, rule: (typeof RULES)[number], maxBlock: number): Promise<number[][]> {
  const rows = await runner.query<{ seqs: number[] }[]>(
    `WITH b AS (
       SELECT ${rule.key}, count(*) AS n FROM link_rec WHERE ${rule.where} GROUP BY ${rule.key} HAVING count(*) > 1
     )
     SELECT array_agg(r.seq ORDER BY r.seq) AS seqs
       FROM link_rec r JOIN b USING (${rule.key}) WHERE ${rule.where} AND b.n <= ${maxBlock} GROUP BY ${rule.key}
     UNION ALL
     SELECT array_agg(r.seq ORDER BY r.seq)
       FROM link_rec r JOIN b USING (${rule.key}) WHERE ${rule.where} AND b.n > ${maxBlock} AND r.commune_code IS NOT NULL
      GROUP BY ${rule.key}, r.commune_code HAVING count(*) > 1`,
  );
  return rows.map((r) => r.seqs);
}

/**
 * Pair codes a·n + b (exact in a double below 2^53), sorted and made unique at the end: a set of
 * millions of pairs in 8 bytes each.
 */
class PairCodes {
  private codes = new Float64Array(1 << 20);
  private length = 0;

  constructor(private readonly n: number) {}

  /** Every pair of a block (its records in order); the number of pairs. */
  addBlock(seqs: number[]): number {
    const more = (seqs.length * (seqs.length - 1)) / 2;
    if (this.length + more > this.codes.length) {
      const bigger = new Float64Array(Math.max(this.codes.length * 2, this.length + more));
      bigger.set(this.codes.subarray(0, this.length));
      this.codes = bigger;
    }
    for (let i = 0; i < seqs.length; i++) for (let j = i + 1; j < seqs.length; j++) this.codes[this.length++] = seqs[i] * this.n + seqs[j];
    return more;
  }

  /** Each pair once, in order, as [a0, b0, a1, b1, …]. */
  uniquePairs(): Int32Array {
    const n = this.n;
    const sorted = this.codes.subarray(0, this.length).sort();
    let unique = 0;
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[unique++] = sorted[k];
    const pairs = new Int32Array(unique * 2);
    for (let k = 0; k < unique; k++) {
      const a = Math.floor(sorted[k] / n);
      pairs[2 * k] = a;
      pairs[2 * k + 1] = sorted[k] - a * n;
    }
    return pairs;
  }
}
