import type { DataSource } from 'typeorm';
import { scopeWhere, type RecordScope } from '../access/record-scope.js';
import { escapeLike } from '../common/sql/escape-like.js';
import { parsePeriod } from '../common/dates/period.js';

/**
 * What an administrator types as the audit log's subject, read as the ids its lines hold: the text
 * itself (a raw id), the account of that username, and the member records with that Mã hồ sơ (in
 * any organization the caller may read) with their persons. An erased record's code is gone
 * (`XOA-…`), so its lines are found by its id only.
 */
export async function subjectIdsOf(db: DataSource, typed: string, scope: RecordScope): Promise<string[]> {
  const text = typed.trim();
  // ILIKE without a wildcard: the same code in any case, served by the code's trigram index (an
  // upper() of every code read the whole table: 400 ms at 1M records, against 2 ms).
  const where = [`r.external_id ILIKE $1`, `r.erased_at IS NULL`];
  const params: unknown[] = [escapeLike(text)];
  scopeWhere(scope, where, params);
  const username = `$${params.push(text)}`;
  const rows = await db.query<{ id: string }[]>(
    `WITH rec AS (SELECT r.id FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE ${where.join(' AND ')})
     SELECT id::text AS id FROM rec
     UNION SELECT p.person_id::text FROM record_person p JOIN rec ON rec.id = p.record_id
     UNION SELECT a.id::text FROM app_user a WHERE lower(a.username) = lower(${username})`,
    params,
  );
  return [...new Set([text, ...rows.map((r) => r.id)])];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Mã hồ sơ of the records a page of lines names (MEMBER_RECORD lines), where the record exists and is not erased. */
export async function recordCodesOf(db: DataSource, ids: string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (!uuids.length) return new Map();
  const rows = await db.query<{ id: string; code: string }[]>(
    `SELECT id::text AS id, external_id AS code FROM member_record WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`,
    [uuids],
  );
  return new Map(rows.map((r) => [r.id, r.code]));
}

/**
 * The Mã hồ sơ of the records of the persons a page of lines names (PERSON lines: a person's page read), up to three
 * each ("HPN-12, CD-3, +2"): an administrator reads whose page it was, not a person's id.
 */
export async function personCodesOf(db: DataSource, ids: string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (!uuids.length) return new Map();
  const rows = await db.query<{ id: string; codes: string[]; n: number }[]>(
    `SELECT p.person_id::text AS id, (array_agg(r.external_id ORDER BY r.organization_code, r.external_id))[1:3] AS codes, count(*)::int AS n
       FROM record_person p JOIN member_record r ON r.id = p.record_id AND r.erased_at IS NULL
      WHERE p.person_id = ANY($1::uuid[]) GROUP BY p.person_id`,
    [uuids],
  );
  return new Map(rows.map((r) => [r.id, `${r.codes.join(', ')}${r.n > 3 ? `, +${r.n - 3}` : ''}`]));
}

/** The reports a page of lines names (REPORT lines), by period and area: "Quý III/2026 — Toàn tỉnh", not an id. */
export async function reportNamesOf(db: DataSource, ids: string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (!uuids.length) return new Map();
  const rows = await db.query<{ id: string; period: string; scope_label: string }[]>(
    `SELECT id::text AS id, period, scope_label FROM report_snapshot WHERE id = ANY($1::uuid[])`,
    [uuids],
  );
  return new Map(rows.map((r) => [r.id, `${parsePeriod(r.period).label} — ${r.scope_label}`]));
}
