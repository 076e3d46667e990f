import type { FieldProblem } from '../../common/errors/field-problem.js';
import type { CommuneResolution } from '../../geography/commune-directory.js';
import type { SecretVault } from '../../personal-data/secret-vault.js';
import { tombstoneKeys } from '../../personal-data/tombstone-keys.js';
import { MemberStatus } from '../status/member-status.js';
import type { OrganizationDefinition } from '../organization/organization-definition.js';
import { deriveIdIssues, normalizeMemberFields, parseExternalId, problem, sexOfIdNumber, type MemberFieldsInput } from './member-input.js';
import type { MemberRecord } from './member-record.entity.js';

/**
 * The one way input becomes stored columns — for the form's create and update and for the import:
 * fields normalized, the ID number sealed (its entered form kept when it differs), the commune
 * read, the ID issues derived, and for a new record the keys an earlier erasure would have left.
 * Pure but for the vault; the commune directory is a lookup in memory.
 */

export interface CommuneInput {
  communeCode?: string | null;
  communeName?: string | null;
}

/** What a form or a roster row says about a record. `undefined` leaves a field unchanged. */
export interface RecordInput extends MemberFieldsInput, CommuneInput {
  /** Mã hồ sơ of a new record from the form (the import reads its code with the row). */
  externalId?: string;
  status?: MemberStatus | null;
}

/** Where the writer runs: the organization, the day, the stored record (none: a new one) and the tools. */
export interface RecordWriteContext {
  definition: OrganizationDefinition;
  today: string;
  current?: MemberRecord;
  vault: Pick<SecretVault, 'seal' | 'open' | 'hash' | 'sealIdNumber'>;
  communes: CommuneLookup;
  /**
   * The form settles a record whose old commune was split: a name alone picks among the
   * successors of the old code. The import does not (today it reads the name on its own).
   */
  settleSplitCommune: boolean;
  /** Compute a new record's tombstone keys (the import skips the two HMACs while no one was ever erased). */
  withTombstoneKeys: boolean;
}

export interface CommuneLookup {
  resolve(input: { code?: string | null; name?: string | null }): CommuneResolution;
}

/** The commune columns and the raw form they were read from. */
export interface CommuneColumns {
  values: { communeCode: string | null; communeEnteredCode: string | null; communeCandidates: string[] };
  raw: { commune: string | undefined };
}

/** What the form's edit sends beyond the fields: why, the version read, and whether a return takes back an ending made by mistake. */
export type RecordEdit = Omit<RecordInput, 'externalId'> & {
  reason?: string | null;
  expectedVersion?: number | null;
  endingMistaken?: boolean | null;
  /** The day a status change took effect (dd/mm/yyyy); none: today. */
  statusDate?: string | null;
};

export interface RecordWrite {
  /** What is wrong, by field (Vietnamese); when any, `columns` is null. */
  problems: FieldProblem[];
  /** The columns to store: for a new record all it says; for a stored one only what the input touches. */
  columns: Partial<MemberRecord> | null;
  /** The commune read (also when the row has problems: the import creates a row's unit in it). */
  communeCode: string | null;
  /** For a new record with `withTombstoneKeys`: the keys to look for among erasures. */
  tombstoneKeys: { kind: 'ID_NUMBER' | 'NAME_BIRTH'; hash: Buffer }[];
}

export function writeRecord(input: RecordInput, ctx: RecordWriteContext): RecordWrite {
  const { current } = ctx;
  const { changes, problems } = normalizeMemberFields(input, { definition: ctx.definition, today: ctx.today, current });
  if (input.fullName === null) problems.push(problem('fullName', null, 'không được để trống'));
  const code = input.externalId === undefined ? null : parseExternalId(input.externalId);
  if (code && !code.ok) problems.push(problem('externalId', input.externalId!, code.reason));
  const touchesCommune = input.communeCode !== undefined || input.communeName !== undefined;
  const commune = touchesCommune || !current ? readCommune(communeToRead(input, ctx), ctx.communes, problems) : null;
  const out: RecordWrite = { problems, columns: null, communeCode: commune?.values.communeCode ?? null, tombstoneKeys: [] };
  if (problems.length) return out;

  const { idNumber, rawIdNumber, ...plain } = changes;
  const columns: Partial<MemberRecord> = { ...plain };
  if (code?.ok) columns.externalId = code.value;
  if (idNumber !== undefined || !current) Object.assign(columns, ctx.vault.sealIdNumber(idNumber ?? null));
  // The entered form is sealed only when it differs from the number (most cells hold just the 12 digits).
  if (rawIdNumber !== undefined || !current)
    columns.idNumberRawSealed = rawIdNumber && rawIdNumber !== idNumber ? ctx.vault.seal(rawIdNumber) : null;
  if (commune) Object.assign(columns, commune.values, { raw: { ...changes.raw, ...commune.raw } });
  if (input.status) columns.status = input.status;
  else if (!current) columns.status = MemberStatus.ACTIVE;
  const merged = { ...current, ...columns };
  const clearId = idNumber !== undefined ? idNumber : current?.idNumberSealed ? ctx.vault.open(current.idNumberSealed) : null;
  const asStored = {
    sex: merged.sex ?? null,
    birthDate: merged.birthDate ?? null,
    birthDatePrecision: merged.birthDatePrecision ?? null,
    idNumber: clearId,
    fullName: merged.fullName ?? null,
  };
  // Her list without a Giới tính column: the card says it (a Hội Phụ nữ member whose CCCD says Nam is then seen).
  const idSex = sexOfIdNumber(asStored, ctx.today);
  if (idSex) columns.sex = asStored.sex = idSex;
  columns.idIssues = deriveIdIssues(asStored, ctx.today);
  out.columns = columns;
  if (!current && ctx.withTombstoneKeys)
    out.tombstoneKeys = tombstoneKeys(ctx.vault, {
      idNumber: idNumber ?? null,
      nameFolded: merged.nameFolded ?? null,
      birthDate: merged.birthDate ?? null,
      birthDatePrecision: merged.birthDatePrecision ?? null,
    });
  return out;
}

/** A commune name alone, on a record whose old commune was split, is read beside the old code (the form's rule). */
function communeToRead(input: CommuneInput, ctx: RecordWriteContext): CommuneInput {
  const r = ctx.current;
  const unsettled = !!r && r.communeCode === null && r.communeCandidates.length > 0 && input.communeCode === undefined;
  return ctx.settleSplitCommune && unsettled && input.communeName
    ? { communeCode: r.communeEnteredCode, communeName: input.communeName }
    : input;
}

/** Reads a commune code and/or name as entered (old codes, split communes); problems name the field. */
export function readCommune(input: CommuneInput, communes: CommuneLookup, problems: FieldProblem[]): CommuneColumns {
  const code = input.communeCode?.trim() || null;
  const name = input.communeName?.trim() || null;
  const none = {
    values: { communeCode: null, communeEnteredCode: null, communeCandidates: [] as string[] },
    raw: { commune: undefined as string | undefined },
  };
  if (!code && !name) return none;
  const entered = [code, name].filter(Boolean).join(' ');
  if (code && !/^\d{1,5}$/.test(code)) {
    problems.push(problem('communeCode', code, `'${code}' không phải mã xã (tối đa 5 chữ số)`));
    return none;
  }
  const r = communes.resolve({ code, name });
  if (r.kind === 'NOT_FOUND') {
    problems.push(
      code
        ? problem('communeCode', code, `mã xã '${code}' không có trong danh mục xã mới hay cũ`)
        : problem('communeName', name, `không tìm thấy xã/phường '${name}'`),
    );
    return none;
  }
  return {
    values: {
      communeCode: r.commune?.code ?? null,
      communeEnteredCode: r.enteredCode,
      communeCandidates: r.commune ? [] : r.candidates.map((c) => c.code),
    },
    raw: { commune: entered },
  };
}
