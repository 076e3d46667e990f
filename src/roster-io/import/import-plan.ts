// An import's plan (issue 17): every member row's fate, decided before anything is written, kept in
// `import_plan_row` — what the preview shows and exactly what the apply carries out. Values are kept
// as member_record stores them (ID numbers sealed, hashed and masked only), and cleared once applied.
import type { EntityManager } from 'typeorm';
import { copyRows } from '../../common/sql/copy-rows.js';
import type { EligibilityIssue } from '../../membership/organization/organization-definition.js';
import { camel, RECORD_COLUMNS } from './record-columns.js';
import { tombstoneAppliesTo } from '../../personal-data/erasure-tombstone.entity.js';

/** What the plan does with a member row. */
export type Fate = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'HELD' | 'REFUSED';
export const FATES: Fate[] = ['CREATED', 'UPDATED', 'UNCHANGED', 'HELD', 'REFUSED'];
/** The fates whose row leaves a record written (or kept as it is). */
export const WRITTEN_FATES: Fate[] = ['CREATED', 'UPDATED', 'UNCHANGED'];

/** One planned row, as `import_plan_row` keeps it. */
export interface PlanRow {
  ordinal: number;
  fate: Fate;
  sheet: string | null;
  rowNumber: number;
  externalId: string | null;
  /** The record it changes (UPDATED, UNCHANGED read whole) and its version as read: changed since, the row is refused. */
  recordId: string | null;
  recordVersion: number | null;
  /** The columns to write (snake_case, as `jsonb_populate_record` takes them): CREATED and UPDATED; a HELD row's name only. */
  values: Record<string, unknown> | null;
  /** The fields that change (UPDATED). */
  changed: string[];
  /** Why it is refused or held. */
  reason: string | null;
  /** Its warnings as its record keeps them (masked, joined). */
  warnings: string | null;
  warned: boolean;
  /** Warned of something to look at: beyond what the reader put back itself (`RowProblem.advice`). */
  looks: boolean;
  /** The organization's rule it breaks, in short (`quá 30 tuổi`): counted for the wrong organization. */
  ineligible: string | null;
  /** The facts of its `Ghi chú`, suggested on its record once written. */
  notes: unknown[] | null;
  unitPath: string | null;
  /** It has a line in the result file (its code was assigned). */
  inResult: boolean;
}

const PLAN_COLUMNS = [
  'job_id',
  'ordinal',
  'fate',
  'sheet',
  'row_number',
  'external_id',
  'record_id',
  'record_version',
  'record_values',
  'changed',
  'reason',
  'warnings',
  'warned',
  'looks',
  'ineligible',
  'notes',
  'unit_path',
  'in_result',
];

const JSON_COLUMNS = new Set(['profile', 'raw', 'import_warnings']);

/** A record's values (camelCase, as the preparer gives them) in the text forms `jsonb_populate_record` reads. */
export function planValues(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [c, t] of RECORD_COLUMNS) {
    const x = v[camel(c)];
    // As the insert of a new record takes them: no array, object or warning list is null.
    if (Buffer.isBuffer(x)) out[c] = `\\x${x.toString('hex')}`;
    else if (x === undefined || x === null) out[c] = t.endsWith('[]') || c === 'import_warnings' ? [] : JSON_COLUMNS.has(c) ? {} : null;
    else out[c] = x instanceof Date ? x.toISOString() : x;
  }
  return out;
}

/** A refused row's values: her name as read, for the preview to say whose row it is (nothing of it is written; cleared at the import). */
export const refusedValues = (fullName: string | null | undefined): Record<string, unknown> | null =>
  fullName ? { full_name: fullName } : null;

/** The planned values back in camelCase (bytea as buffers): what the history rules and the undo read. */
export function recordValues(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [c, t] of RECORD_COLUMNS) {
    if (!(c in values)) continue;
    const x = values[c];
    out[camel(c)] = t === 'bytea' && typeof x === 'string' ? Buffer.from(x.slice(2), 'hex') : x;
  }
  return out;
}

/** A batch's plan into the staging table with `COPY`, in the batch's transaction. */
export async function storePlan(em: EntityManager, jobId: string, rows: PlanRow[]): Promise<void> {
  if (!rows.length) return;
  await copyRows(
    em.queryRunner!,
    'import_plan_row',
    PLAN_COLUMNS,
    rows.map((r) => [
      jobId,
      r.ordinal,
      r.fate,
      r.sheet,
      r.rowNumber,
      r.externalId,
      r.recordId,
      r.recordVersion,
      r.values ? JSON.stringify(r.values) : null,
      r.changed,
      r.reason,
      r.warnings,
      r.warned,
      r.looks,
      r.ineligible,
      r.notes?.length ? JSON.stringify(r.notes) : null,
      r.unitPath,
      r.inResult,
    ]),
  );
}

/** The plan's rows after `from` dropped (a resumed job plans them again), with their kept lines. */
export async function dropPlanAfter(em: EntityManager, jobId: string, from: number): Promise<void> {
  await em.query(`DELETE FROM import_plan_row WHERE job_id = $1 AND ordinal > $2`, [jobId, from]);
  await em.query(`DELETE FROM import_row_error WHERE job_id = $1 AND ordinal > $2 AND outcome IS DISTINCT FROM 'SKIPPED'`, [jobId, from]);
}

/** What a plan holds: rows by fate, those written with a warning, and the commonest rule its rows break with how many break one. */
export interface PlanTotals {
  counts: Record<Fate, number>;
  rows: number;
  /** Rows to be written (new, changed or unchanged) with a warning (a cell left empty, a leading 0 put back, a doubt): as the import's result counts them. */
  warned: number;
  ineligible: number;
  commonest: string | null;
}

export async function planTotals(em: EntityManager, jobId: string): Promise<PlanTotals> {
  const byFate = await em.query<{ fate: Fate; n: number; warned: number }[]>(
    `SELECT fate, count(*)::int AS n, count(*) FILTER (WHERE warned)::int AS warned FROM import_plan_row WHERE job_id = $1 GROUP BY fate`,
    [jobId],
  );
  const byRule = await em.query<{ ineligible: string; n: number }[]>(
    `SELECT ineligible, count(*)::int AS n FROM import_plan_row WHERE job_id = $1 AND ineligible IS NOT NULL GROUP BY ineligible ORDER BY n DESC, ineligible LIMIT 1`,
    [jobId],
  );
  const [{ n: ineligible }] = await em.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM import_plan_row WHERE job_id = $1 AND ineligible IS NOT NULL`,
    [jobId],
  );
  const counts = Object.fromEntries(FATES.map((f) => [f, byFate.find((r) => r.fate === f)?.n ?? 0])) as Record<Fate, number>;
  const warned = byFate.filter((r) => WRITTEN_FATES.includes(r.fate)).reduce((s, r) => s + r.warned, 0);
  return { counts, rows: FATES.reduce((s, f) => s + counts[f], 0), warned, ineligible, commonest: byRule[0]?.ineligible ?? null };
}

/**
 * The rows that will newly land with no unit: new records whose planned unit is empty, and records an
 * update moves there — for a secretariat kept to one unit, those landing in her own unit (`ownUnitId`),
 * the top of her subtree. A record already there (unchanged, or updated where it is) is no news: next
 * month's same list does not tell her again of the whole commune she imported last month.
 */
export async function rowsWithoutUnit(em: EntityManager, jobId: string, ownUnitId: string | null = null): Promise<number> {
  // A commune's office's rows without a unit land in her own unit (import-units `own`): no chi hội either.
  const [{ n }] = await em.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM import_plan_row p
       LEFT JOIN member_record r ON p.fate = 'UPDATED' AND r.id = p.record_id
      WHERE p.job_id = $1 AND p.fate IN ('CREATED', 'UPDATED')
        AND (p.record_values->>'unit_id' IS NULL OR p.record_values->>'unit_id' = $2::text)
        AND (p.fate = 'CREATED' OR r.unit_id::text IS DISTINCT FROM p.record_values->>'unit_id')`,
    [jobId, ownUnitId],
  );
  return n;
}

/** Beyond this share of its member rows breaking the organization's rules, a file waits for a confirmation. */
const WRONG_ORGANIZATION_SHARE = 0.8;
/** A file this small is read row by row (its warnings), never taken for another organization's roster. */
const WRONG_ORGANIZATION_MIN_ROWS = 10;

/**
 * Whether the file looks like another organization's roster (the Hội Phụ nữ's list imported into
 * the Đoàn): the reason it waits, in Vietnamese, or null.
 */
export function wrongOrganization(t: PlanTotals, organizationName: string): string | null {
  if (t.rows < WRONG_ORGANIZATION_MIN_ROWS || t.ineligible <= t.rows * WRONG_ORGANIZATION_SHARE) return null;
  const share = Math.floor((t.ineligible * 100) / t.rows);
  const n = (x: number) => x.toLocaleString('de-DE');
  return `${share}% số dòng (${n(t.ineligible)}/${n(t.rows)}) không đủ điều kiện vào ${organizationName}: ${t.commonest ?? 'không đủ điều kiện'}`;
}

/** A rule a member breaks now, in short (`quá 30 tuổi`, `tổ chức chỉ kết nạp nữ`); null for a warning or a fact of the admission day. */
export function ineligibleReason(issues: EligibilityIssue[]): string | null {
  const issue = issues.find((i) => i.severity === 'VIOLATION' && !i.atAdmission);
  if (!issue) return null;
  const age = /(quá|dưới) (?:độ tuổi tối (?:đa|thiểu) )?(\d+)/.exec(issue.message);
  if (age) return `${age[1]} ${age[2]} tuổi`;
  // Its rule alone: not the exception it names in brackets (hội viên danh dự).
  const rule = issue.message.replace(/ \(.*\)$/, '');
  const comma = rule.indexOf(', ');
  return comma > 0 ? rule.slice(comma + 2) : rule;
}

/** Of these tombstone keys (an import's new people), those of people erased on request from this organization (hex). */
export async function erasedKeys(em: EntityManager, keys: Buffer[], organization: string): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await em.query<{ h: string }[]>(
    `SELECT encode(key_hash, 'hex') AS h FROM erasure_tombstone WHERE key_hash = ANY($1) AND ${tombstoneAppliesTo('$2')}`,
    [keys, organization],
  );
  return new Set(rows.map((r) => r.h));
}
