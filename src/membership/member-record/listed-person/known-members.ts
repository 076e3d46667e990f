// Whether an organization already lists a person (issue 17, item 3), set-based: four queries a batch
// find the candidates, pure rules decide (known-member-rules.ts). The import's rows and the form's new
// member ask the same question.
import type { EntityManager } from 'typeorm';
import { holdShared, matchRow, type KnownMatch, type KnownRecord, type RowProbe } from './known-member-rules.js';

/** The candidate columns, as KnownRecord (`r`: member_record) (an erased person is never matched: erased_at filters them out). */
export const KNOWN_COLUMNS = `r.id, r.external_id AS "externalId", r.full_name AS "fullName", r.birth_date::text AS "birthDate",
  r.birth_date_precision AS "birthDatePrecision", encode(r.id_number_hash, 'hex') AS "idHash", r.id_kind AS "idKind",
  r.commune_code AS "communeCode", r.commune_candidates AS "communeCandidates", r.phone, r.status,
  encode(r.import_digest, 'hex') AS "importDigest", r.unit_id AS "unitId", r.village, r.sex,
  r.join_date::text AS "joinDate", r.join_date_precision AS "joinDatePrecision"`;

/**
 * Each listing against the organization's records (listings absent from the map are NEW). Four
 * queries whatever the batch's size (the last two, by phone and by the name without its last word,
 * for the listings still unmatched): the records with the listings' CCCDs (index on
 * id_number_hash), and the namesakes born in their birth year of the listings it did not match
 * (ix_member_record_given_family_birth; measured, an index led by the organization gained 20% on
 * this query, not worth its cost on every insert). Ended memberships are matched (the same person
 * listed again); erased people never are. Two listings of one batch taken for one record are both held.
 */
export async function matchListings(em: EntityManager, org: string, probes: RowProbe[]): Promise<Map<number, KnownMatch>> {
  const matches = new Map<number, KnownMatch>();
  if (!probes.length) return matches;
  const byCccd = await recordsByCccd(em, org, probes);
  // A row its CCCD matched needs no namesakes.
  const byName = await recordsByName(
    em,
    org,
    probes.filter((p) => !(p.idKind === 'CCCD' && p.idHash && byCccd.has(p.idHash))),
  );
  for (const p of probes) {
    const m = matchRow(p, (p.idHash && byCccd.get(p.idHash)) || [], (p.block && byName.get(blockKey(p.block))) || []);
    if (m.kind !== 'NEW') matches.set(p.ordinal, m);
  }
  // The rows nobody matched yet, by their phone: a name typed another way is held, never created twice;
  const unmatched = probes.filter((p) => !matches.has(p.ordinal) && p.phone);
  const byPhone = await recordsByPhone(em, org, unmatched);
  // And by their name without its last word (a word the list left out, now added): held too.
  const shorter = probes.filter((p) => !matches.has(p.ordinal) && p.shortBlock);
  const byShorterName = await recordsByName(
    em,
    org,
    shorter.map((p) => ({ ...p, block: p.shortBlock! })),
  );
  for (const p of new Set([...unmatched, ...shorter])) {
    const m = matchRow(
      p,
      [],
      [],
      (p.phone && byPhone.get(p.phone)) || [],
      (p.shortBlock && byShorterName.get(blockKey(p.shortBlock))) || [],
    );
    if (m.kind !== 'NEW') matches.set(p.ordinal, m);
  }
  holdShared(matches);
  return matches;
}

const blockKey = (b: { given: string; family: string; year: number }) => `${b.given}|${b.family}|${b.year}`;

/** The organization's records with the rows' 12-digit numbers, by the hex of the keyed hash. */
async function recordsByCccd(em: EntityManager, org: string, probes: RowProbe[]): Promise<Map<string, KnownRecord[]>> {
  const hashes = [...new Set(probes.filter((p) => p.idKind === 'CCCD' && p.idHash).map((p) => p.idHash!))];
  const out = new Map<string, KnownRecord[]>();
  if (!hashes.length) return out;
  const found = await em.query<KnownRecord[]>(
    `SELECT ${KNOWN_COLUMNS} FROM member_record r
      WHERE r.id_number_hash = ANY($2::bytea[]) AND r.organization_code = $1 AND r.id_kind = 'CCCD' AND r.erased_at IS NULL
      ORDER BY r.external_id`,
    [org, hashes.map((h) => Buffer.from(h, 'hex'))],
  );
  for (const r of found) out.set(r.idHash!, [...(out.get(r.idHash!) ?? []), r]);
  return out;
}

/** The organization's records with the rows' phones (index on phone), by phone. */
async function recordsByPhone(em: EntityManager, org: string, probes: RowProbe[]): Promise<Map<string, KnownRecord[]>> {
  const phones = [...new Set(probes.map((p) => p.phone!))];
  const out = new Map<string, KnownRecord[]>();
  if (!phones.length) return out;
  const found = await em.query<KnownRecord[]>(
    `SELECT ${KNOWN_COLUMNS} FROM member_record r
      WHERE r.phone = ANY($2::text[]) AND r.organization_code = $1 AND r.erased_at IS NULL ORDER BY r.external_id`,
    [org, phones],
  );
  for (const r of found) out.set(r.phone!, [...(out.get(r.phone!) ?? []), r]);
  return out;
}

/** The organization's records of the rows' names (given and family name, folded) born in the rows' birth years. */
async function recordsByName(em: EntityManager, org: string, probes: RowProbe[]): Promise<Map<string, KnownRecord[]>> {
  const blocks = new Map(probes.filter((p) => p.block).map((p) => [blockKey(p.block!), p.block!]));
  const out = new Map<string, KnownRecord[]>();
  if (!blocks.size) return out;
  const bs = [...blocks.values()];
  // One index scan per name (OFFSET 0 keeps the subquery apart): joined, the planner sorts the whole
  // organization (1.0 s for 5,000 rows against 250,000 records; 0.25 s as written).
  const found = await em.query<(KnownRecord & { block: string })[]>(
    `SELECT r.*, k.g || '|' || k.f || '|' || k.y AS block
       FROM unnest($2::text[], $3::text[], $4::int[]) AS k(g, f, y)
      CROSS JOIN LATERAL (SELECT ${KNOWN_COLUMNS} FROM member_record r
              WHERE r.organization_code = $1 AND r.given_key = k.g AND r.family_key = k.f
                AND r.birth_date >= make_date(k.y, 1, 1) AND r.birth_date < make_date(k.y + 1, 1, 1) AND r.erased_at IS NULL
              OFFSET 0) r
      ORDER BY r."externalId"`,
    [org, bs.map((b) => b.given), bs.map((b) => b.family), bs.map((b) => b.year)],
  );
  for (const r of found) out.set(r.block, [...(out.get(r.block) ?? []), r]);
  return out;
}
