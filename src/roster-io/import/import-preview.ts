// The preview of an import (issue 17): its plan as the console shows it before the secretary
// confirms — counts by fate, her columns' mapping, whether the file looks like another
// organization's, and the rows page by page (fate, code, the fields that change, why). Nothing in it
// is in clear that the record keeps sealed (reasons and warnings are masked); each read is logged.
import type { SuggestionKindEnum } from '../roster-io.types.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../access/principal.js';
import { unitPathLimit, writeScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import type { ImportJob, SheetNote } from '../import-job.entity.js';
import { formatPartialDate, fromStoredDate, type DatePrecision } from '../../common/dates/partial-date.js';
import { maskPhone } from '../../common/identity/phone.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/status/member-status.js';
import { decisionsByPlace, placeKey } from './held-decisions.js';
import { ImportJobs } from './import-jobs.js';
import type { Fate } from './import-plan.js';
import { overtakenMessage, overtaking } from './overtaken-preview.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import { changedLabels } from './changed-labels.js';

/**
 * The rows a page of the preview shows: all (null), those of one fate, or those she has to look at (`TO_LOOK`: held,
 * refused, changed, with a Ghi chú to decide, or warned of more than a zero put back).
 */
export const TO_LOOK = 'TO_LOOK';
export type PreviewFilter = Fate | typeof TO_LOOK | null;

export interface PreviewRow {
  ordinal: number;
  sheet: string | null;
  row: number;
  fate: Fate;
  code: string | null;
  /** The member's name as the file gives it, or as listed when the row leaves her unchanged; null for a refused row. */
  fullName: string | null;
  changed: string[];
  /** Those fields by her columns' Vietnamese headers (changed-labels.ts). */
  changedLabels: string[];
  /** A row that moves its member to another unit: the unit she is in, and the one the file names. */
  unitBefore: string | null;
  unitAfter: string | null;
  /** A new member's unit (its name), when it is not the caller's own: the chi hội her row puts her in. */
  unitNew: string | null;
  /** Whether that unit (or `unitAfter`) is one the confirmation creates. */
  unitCreated: boolean;
  reason: string | null;
  warnings: string | null;
  /** What its Ghi chú says (DIED, MOVED_AWAY…): suggested on the record once written, never applied. */
  noteKinds: SuggestionKindEnum[];
  /** A held row's candidates: the records it may be (her decision names one, or someone else). */
  candidates: HeldCandidate[];
  /** What her file says of a held row that tells a namesake apart (phone masked). */
  said: { birthDate: string | null; unit: string | null; phone: string | null } | null;
  /** Her decision on the row, kept on the job (code null: someone else); null when she made none. */
  decision: { code: string | null } | null;
  /** An updated row's name, birth date, ID number (masked), phone, village and join date, before and after, where they change (what she checks a change by). */
  edits: { field: EditedField; before: string | null; after: string | null }[];
}

/** A stored date and its precision as the roster gives it (`1990`, `1990-05-06`). */
export const dateText = (iso: string | null, precision: string | null) =>
  iso ? formatPartialDate(fromStoredDate(iso.slice(0, 10), precision as DatePrecision | null)) : null;

type EditedField = 'fullName' | 'birthDate' | 'idNumber' | 'phone' | 'village' | 'joinDate' | 'status';

/** The fields shown before and after, with the record's columns they are read from (a date with its precision; an ID number by its mask). */
const EDITED: [EditedField, string, string | null][] = [
  ['fullName', 'full_name', null],
  ['birthDate', 'birth_date', 'birth_date_precision'],
  ['idNumber', 'id_number_masked', null],
  ['phone', 'phone', null],
  ['village', 'village', null],
  ['joinDate', 'join_date', 'join_date_precision'],
  // A status changed by her file (Đã mất, Xóa tên): the membership ends — shown by its label, before and after.
  ['status', 'status', null],
];

/** The plan's changed key of an edited field (an ID number's is its hash's). */
const changedKey = (f: EditedField) => (f === 'idNumber' ? 'idNumberHash' : f);

/** SQL: each edited field's value now (`<column>_before`) and as planned (`<column>_after`). */
const EDIT_COLUMNS = EDITED.flatMap(([, c, p]) =>
  [c, p].flatMap((x) => (x ? [`r.${x}::text AS ${x}_before`, `p.record_values->>'${x}' AS ${x}_after`] : [])),
).join(', ');

/** The edits of a row, from the columns the query reads: a phone masked (its last digits tell one number from another). */
function editsOf(r: EditColumns): PreviewRow['edits'] {
  const value = (c: string, p: string | null, when: 'before' | 'after') => {
    const v = r[`${c}_${when}`];
    if (p) return dateText(v, r[`${p}_${when}`]);
    if (c === 'status' && v) return MEMBER_STATUS_INFO[v as MemberStatus]?.label ?? v;
    return c === 'phone' && v ? maskPhone(v) : v;
  };
  return EDITED.filter(([f, , p]) => r.changed.includes(changedKey(f)) || (p && r.changed.includes(`${f}Precision`))).map(
    ([field, c, p]) => ({
      field,
      before: value(c, p, 'before'),
      after: value(c, p, 'after'),
    }),
  );
}

type EditColumns = { changed: string[] } & Record<string, string | null>;

/** A record a held row may be: its code, and (within her scope) what tells it apart. */
export interface HeldCandidate {
  code: string;
  /** Null when the record is in a unit outside her scope (its code alone is shown). */
  fullName: string | null;
  /** As the roster gives it: `1990` or `1990-05-06`. */
  birthDate: string | null;
  unit: string | null;
  status: string | null;
  /** Masked. */
  phone: string | null;
  /** Thôn, bản as written: what tells two namesakes of one commune apart. */
  village: string | null;
  /** Its membership has ended (a died or struck-off namesake is hardly the row's member). */
  ended: boolean;
}

/** A candidate as the query reads it (its unit's path decides what she may see of it). */
type CandidateRow = HeldCandidate & { unitPath: string | null; precision: DatePrecision | null };

/** What she may see of a held row's candidate: a record outside her scope by its code alone. */
function seenCandidate(c: CandidateRow, own: string | null): HeldCandidate {
  if (own !== null && !c.unitPath?.startsWith(own))
    return { code: c.code, fullName: null, birthDate: null, unit: null, status: null, phone: null, village: null, ended: false };
  const birthDate = dateText(c.birthDate, c.precision);
  const phone = c.phone ? maskPhone(c.phone) : null;
  const ended = !!c.status && !!MEMBER_STATUS_INFO[c.status as MemberStatus]?.ends;
  return { code: c.code, fullName: c.fullName, birthDate, unit: c.unit, status: c.status, phone, village: c.village, ended };
}

export interface ImportPreview {
  jobId: string;
  status: string;
  counts: Record<string, number>;
  /** Rows to be written with a warning (a cell left empty, a leading 0 put back, a doubt), as the import's result will count them. */
  warned: number;
  mapping: { header: string; field: string }[];
  /** Her columns read as nothing: each may be given a field (confirmImport's mapping). */
  unusedColumns: string[];
  /** Her columns read as her secretariat corrected the same headers before (a console preview). */
  rememberedColumns: string[];
  /** Member rows (created, updated or unchanged) that will land with no unit. */
  withoutUnit: number;
  /** Heading lines among her members naming their chi hội: then rows without a unit are under a heading no unit has. */
  sectionHeadings: number;
  /** The names of the units the confirmation will create (`createUnits`). */
  unitsToCreate: string[];
  /** The plan was made creating units (`createUnits`): a row still without a unit is one that could not be created. */
  createUnits: boolean;
  wrongOrganization: string | null;
  /** Set when a later import changed the list since this plan was made: why it must be planned again before it is applied. */
  overtaken: string | null;
  /** What the reading says of a sheet: skipped, or a part of it not read. */
  sheetNotes: SheetNote[];
  rows: PreviewRow[];
  /** The ordinal to ask after for the next page (null: no more). */
  next: number | null;
}

/**
 * A row's new unit where it is one the confirmation creates: a preview created it in a transaction
 * rolled back, so no unit has its id — its name is kept on the plan (`unitsCreatedById`).
 */
export function unitToCreate(
  r: Pick<PreviewRow, 'fate' | 'changed' | 'unitNew' | 'unitAfter'>,
  planned: string | null,
  created: Record<string, string> = {},
): Pick<PreviewRow, 'unitNew' | 'unitAfter' | 'unitCreated'> {
  const name = planned !== null && Object.hasOwn(created, planned) ? created[planned] : null;
  if (name === null) return { unitNew: r.unitNew, unitAfter: r.unitAfter, unitCreated: false };
  if (r.fate === 'CREATED') return { unitNew: r.unitNew ?? name, unitAfter: r.unitAfter, unitCreated: true };
  if (r.changed.includes('unitId')) return { unitNew: r.unitNew, unitAfter: r.unitAfter ?? name, unitCreated: true };
  return { unitNew: r.unitNew, unitAfter: r.unitAfter, unitCreated: false };
}

@Injectable()
export class ImportPreviews {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** A page of a job's plan (rows after the ordinal `after`, of one fate if asked) that the caller's scope covers; the read is logged. */
  async read(job: ImportJob, caller: Principal, first: number, after = 0, fate: PreviewFilter = null): Promise<ImportPreview> {
    const scope = writeScope(caller);
    const own = unitPathLimit(scope);
    const rows = await this.db.query<
      (Omit<PreviewRow, 'unitCreated' | 'changedLabels' | 'edits'> & { unit_path: string | null; planned_unit: string | null })[]
    >(
      `SELECT p.ordinal, p.sheet, p.row_number AS row, p.fate, p.external_id AS code, p.changed, p.reason, p.warnings,
              coalesce(p.record_values->>'full_name', r.full_name,
                (SELECT x.full_name FROM member_record x
                  WHERE p.fate = 'UNCHANGED' AND p.record_id IS NULL AND x.organization_code = $5 AND x.external_id = p.external_id)) AS "fullName",
              CASE WHEN 'unitId' = ANY(p.changed) THEN (SELECT u.name FROM unit u WHERE u.id = r.unit_id) END AS "unitBefore",
              CASE WHEN 'unitId' = ANY(p.changed) THEN (SELECT u.name FROM unit u WHERE u.id = (p.record_values->>'unit_id')::uuid) END AS "unitAfter",
              CASE WHEN p.fate = 'CREATED' THEN (SELECT u.name FROM unit u WHERE u.id = (p.record_values->>'unit_id')::uuid AND u.path IS DISTINCT FROM $4) END AS "unitNew",
              p.record_values->>'unit_id' AS planned_unit,
              ARRAY(SELECT DISTINCT f->>'kind' FROM jsonb_array_elements(coalesce(p.notes, '[]')) f ORDER BY 1) AS "noteKinds",
              (SELECT coalesce(json_agg(json_build_object('code', c.external_id, 'fullName', c.full_name, 'birthDate', c.birth_date::text,
                        'precision', c.birth_date_precision, 'unit', cu.name, 'unitPath', cu.path, 'status', c.status, 'phone', c.phone, 'village', c.village)
                        ORDER BY c.external_id), '[]')
                 FROM member_record c LEFT JOIN unit cu ON cu.id = c.unit_id
                WHERE p.fate = 'HELD' AND c.organization_code = $5 AND c.erased_at IS NULL
                  AND c.external_id IN (SELECT jsonb_array_elements_text(p.record_values->'candidates'))) AS candidates,
              CASE WHEN p.fate = 'HELD' THEN p.record_values->'said' END AS said,
              ${EDIT_COLUMNS}
         FROM import_plan_row p LEFT JOIN member_record r ON r.id = p.record_id AND r.erased_at IS NULL
        WHERE p.job_id = $1 AND p.ordinal > $2 AND ($4::text IS NULL OR starts_with(p.unit_path, $4)) AND ($6::text IS NULL OR p.fate = $6 OR ($6 = '${TO_LOOK}' AND (p.fate IN ('HELD', 'REFUSED', 'UPDATED') OR p.looks OR p.notes IS NOT NULL)))
        ORDER BY p.ordinal LIMIT $3`,
      [job.id, after, first + 1, own, job.organizationCode, fate],
    );
    const decisions = decisionsByPlace(ImportJobs.keptDecisions(job));
    const def = await this.organizations.get(job.organizationCode);
    const page = (scope.kind === 'NONE' ? [] : rows.slice(0, first)).map(({ planned_unit, ...r }) => ({
      ...r,
      changedLabels: changedLabels(def, r.changed),
      ...unitToCreate(r, planned_unit, job.plan?.unitsCreatedById),
      edits: r.fate === 'UPDATED' ? editsOf(r as unknown as EditColumns) : [],
      candidates: (r.candidates as CandidateRow[]).map((c) => seenCandidate(c, own)),
      decision: decisions.has(placeKey(r.sheet, r.row)) ? { code: decisions.get(placeKey(r.sheet, r.row)) ?? null } : null,
    }));
    const late = await overtaking(this.db, job);
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'IMPORT_PREVIEW',
      subjectId: job.id,
      organization: job.organizationCode,
      detail: { rows: page.length },
    });
    return {
      jobId: job.id,
      status: job.status,
      counts: job.plan?.counts ?? {},
      warned: job.plan?.warned ?? 0,
      mapping: job.plan?.mapping ?? [],
      unusedColumns: job.plan?.unusedColumns ?? [],
      rememberedColumns: job.plan?.remembered ?? [],
      withoutUnit: job.plan?.withoutUnit ?? 0,
      sectionHeadings: job.plan?.sectionHeadings ?? 0,
      unitsToCreate: job.plan?.unitsCreated ?? [],
      createUnits: !!ImportJobs.readAs(job).createUnits,
      wrongOrganization: job.plan?.wrongOrganization ?? null,
      overtaken: late ? overtakenMessage(late) : null,
      sheetNotes: job.plan?.sheetNotes ?? [],
      rows: page,
      next: rows.length > first ? page[page.length - 1].ordinal : null,
    };
  }
}
