import type { EntityManager } from 'typeorm';
import { inScope, type RecordScope } from '../../access/record-scope.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ENDING_STATUSES, MemberStatus } from '../status/member-status.js';
import { countedListing, RAISED_BY_IMPORT, type RaisedBy } from './double-listing.js';

export { RAISED_BY_FORM } from './double-listing.js';

/** The commune directory, as far as naming a commune by its code. */
export type CommuneNames = { commune(code: string): { name: string } | null };

/**
 * A person listed twice in one organization (issue 17): the rule that flags both listings, which the
 * import and the "Thêm hội viên" form share, and the form's question before it makes the second one.
 */

/** What she confirmed when the form asked before saving a new member. */
export interface Confirmations {
  /** The person had their data erased and agreed to be filed again. */
  confirmErasedPerson?: boolean | null;
  /** Her CCCD is already another record of the organization: save anyway (both are flagged). */
  confirmDuplicateInOrg?: boolean | null;
}

/** Another counted listing of the organization with the CCCD about to be saved, as the form names it. */
export interface SameCccdListing {
  externalId: string;
  fullName: string;
  idNumberMasked: string | null;
  unitName: string | null;
  unitPath: string | null;
  communeCode: string | null;
}

/** The organization's counted listings with this CCCD (its keyed hash), by Mã hồ sơ; `except` a record being edited. */
export async function listingsWithCccd(
  em: EntityManager,
  org: string,
  hash: Buffer,
  except: string | null = null,
): Promise<SameCccdListing[]> {
  return em.query<SameCccdListing[]>(
    `SELECT r.external_id AS "externalId", r.full_name AS "fullName", r.id_number_masked AS "idNumberMasked",
            u.name AS "unitName", u.path AS "unitPath", r.commune_code AS "communeCode"
       FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
      WHERE r.id_number_hash = $2 AND r.organization_code = $1 AND r.id_kind = 'CCCD' AND ${countedListing('r')}
        AND ($3::uuid IS NULL OR r.id <> $3)
      ORDER BY r.external_id LIMIT 5`,
    [org, hash, except],
  );
}

/**
 * Before the form saves a new member whose CCCD another record of her organization already has: the
 * question, as a CONFLICT naming that record — its Mã hồ sơ, name and unit when the caller may read
 * it, only its commune otherwise; the number masked — answered by sending again with
 * `confirmDuplicateInOrg`. `communes` names a commune by its code.
 */
export function sameCccdQuestion(org: string, twins: SameCccdListing[], readable: RecordScope, communes: CommuneNames): DomainError {
  const named = twins.map((t) =>
    inScope(readable, { organizationCode: org, unitPath: t.unitPath })
      ? `${t.externalId} — ${t.fullName}${t.unitName ? ` (${t.unitName})` : ''}`
      : `một hồ sơ ngoài phạm vi của tài khoản này${t.communeCode ? ` (${communes.commune(t.communeCode)?.name ?? t.communeCode})` : ''}`,
  );
  const question =
    `Đã có hồ sơ ${named.join('; ')} cùng số CCCD ${twins[0].idNumberMasked ?? ''} trong tổ chức — vẫn lưu? ` +
    `Nếu vẫn lưu, cả hai hồ sơ được gắn cảnh báo "Trùng trong tổ chức" để quyết định giữ hồ sơ nào.`;
  return new DomainError('CONFLICT', `${question} (Để vẫn lưu: gửi lại với confirmDuplicateInOrg = true.)`, [
    { field: 'confirmDuplicateInOrg', value: null, message: question },
  ]);
}

/** Whether a record in this status is a listing the organization counts (a temporary or ended one is not). */
export const countedStatus = (status: MemberStatus | null | undefined): boolean =>
  (status ?? MemberStatus.ACTIVE) !== MemberStatus.TEMPORARY && !ENDING_STATUSES.includes(status ?? MemberStatus.ACTIVE);

/**
 * The form's check before it saves a member (new, or edited: `id` set): whether her CCCD is already
 * another counted listing of the organization (then the record is flagged with it once saved:
 * `flagDuplicateListings`); unless she confirmed, the question (`sameCccdQuestion`) is thrown
 * instead. A temporary or ended listing is no second listing, and a 9-digit CMND no evidence of one person.
 */
export async function secondListingOf(
  em: EntityManager,
  org: string,
  columns: { id?: string; idKind?: string | null; idNumberHash?: Buffer | null; status?: MemberStatus | null },
  ask: { confirmed: boolean; readable: RecordScope; communes: CommuneNames },
): Promise<boolean> {
  if (columns.idKind !== 'CCCD' || !columns.idNumberHash || !countedStatus(columns.status)) return false;
  const twins = await listingsWithCccd(em, org, columns.idNumberHash, columns.id ?? null);
  if (twins.length && !ask.confirmed) throw sameCccdQuestion(org, twins, ask.readable, ask.communes);
  return twins.length > 0;
}

/**
 * After an import's apply or the form's save: the records written that share a CCCD with another
 * live record of the same organization (another code, or another name in the same file) are flagged
 * DUPLICATE_IN_ORG, both of them, for a decision — with the other listing's Mã hồ sơ. A flag the
 * secretariat called a false alarm is not raised again; a link run keeps the flag while the listing
 * is double (linker/batch/link-store.ts). `raisedBy`: who raised it (the import, or the form). Returns
 * how many records were flagged.
 */
export async function flagDuplicateListings(
  em: EntityManager,
  org: string,
  recordIds: string[],
  raisedBy: RaisedBy = RAISED_BY_IMPORT,
): Promise<number> {
  if (!recordIds.length) return 0;
  // Two index lookups, the grouping here: as one statement the planner chose scans that took 13 s
  // and more a chunk once the organization held 100,000 records.
  const written = await em.query<{ hash: Buffer }[]>(
    `SELECT DISTINCT r.id_number_hash AS hash FROM member_record r
      WHERE r.id = ANY($2::uuid[]) AND r.organization_code = $1 AND r.id_kind = 'CCCD' AND r.id_number_hash IS NOT NULL AND ${countedListing('r')}`,
    [org, recordIds],
  );
  if (!written.length) return 0;
  const listings = await em.query<{ id: string; external_id: string; hash: string }[]>(
    `SELECT o.id, o.external_id, encode(o.id_number_hash, 'hex') AS hash FROM member_record o
      WHERE o.id_number_hash = ANY($2::bytea[]) AND o.organization_code = $1 AND o.id_kind = 'CCCD' AND ${countedListing('o')}
      ORDER BY o.external_id`,
    [org, written.map((w) => w.hash)],
  );
  const byHash = new Map<string, { id: string; external_id: string }[]>();
  for (const l of listings) byHash.set(l.hash, [...(byHash.get(l.hash) ?? []), l]);
  const rows = [...byHash.values()]
    .filter((same) => same.length > 1)
    .flatMap((same) =>
      same.map((r) => {
        const others = same.filter((o) => o.id !== r.id);
        return [
          r.id,
          others.map((o) => o.external_id).join(', '),
          JSON.stringify(others.map((o) => ({ recordId: o.id, externalId: o.external_id }))),
        ];
      }),
    );
  if (!rows.length) return 0;
  const flagged = await em.query<{ record_id: string }[]>(
    `INSERT INTO record_flag (record_id, code, severity, message, evidence)
     SELECT t.record_id, 'DUPLICATE_IN_ORG', 'WARNING',
            'Cùng số CCCD với hồ sơ ' || t.codes || ' trong tổ chức: hai hồ sơ của một người, hay một số CCCD ghi nhầm? Cần quyết định giữ hồ sơ nào',
            json_build_object('raisedBy', $4::text, 'otherListings', t.listings::json)::jsonb
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(record_id, codes, listings)
      WHERE NOT EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = t.record_id AND x.code = 'DUPLICATE_IN_ORG' AND x.resolution = 'FALSE_ALARM')
     ON CONFLICT (record_id, code) DO UPDATE SET severity = EXCLUDED.severity, message = EXCLUDED.message, evidence = EXCLUDED.evidence
     RETURNING record_id`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), raisedBy],
  );
  if (!flagged.length) return 0;
  // The record's flag codes, for the lists and counts before the next run (a record not yet linked gets them from the run).
  await em.query(
    `UPDATE record_person SET flags = ARRAY(SELECT DISTINCT c FROM unnest(flags || ARRAY['DUPLICATE_IN_ORG'::varchar]) AS c ORDER BY c)
      WHERE record_id = ANY($1::uuid[]) AND NOT 'DUPLICATE_IN_ORG' = ANY(flags)`,
    [flagged.map((f) => f.record_id)],
  );
  return flagged.length;
}

/**
 * A listing ended (struck off as the one written twice, or for any reason): the other listing of its
 * CCCD, now the organization's only one, is listed twice no more — its DUPLICATE_IN_ORG flag goes
 * now, from Cảnh báo's person row too, as the next link run would drop it.
 */
export async function settleDuplicateListings(em: EntityManager, org: string, hash: Buffer | null): Promise<void> {
  if (!hash) return;
  const left = await em.query<{ id: string }[]>(
    `SELECT r.id FROM member_record r WHERE r.organization_code = $1 AND r.id_number_hash = $2 AND r.id_kind = 'CCCD' AND ${countedListing('r')}`,
    [org, hash],
  );
  if (left.length !== 1) return;
  await em.query(`DELETE FROM record_flag WHERE record_id = $1 AND code = 'DUPLICATE_IN_ORG'`, [left[0].id]);
  await em.query(`UPDATE record_person SET flags = array_remove(flags, 'DUPLICATE_IN_ORG') WHERE record_id = $1`, [left[0].id]);
}
