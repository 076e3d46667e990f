import { randomBytes } from 'node:crypto';
import { formatPartialDate, parsePartialDate, toStoredDate, todayInVietnam } from '../../common/dates/partial-date.js';
import { refuse, type FieldProblem, type Parsed } from '../../common/errors/field-problem.js';
import { parseCode, parseFreeText } from '../../common/text/text-rules.js';
import { idNumberIssues, isMaskedIdNumber, parseIdNumber, readIdDigits, type IdNumberIssue } from '../../common/identity/id-number.js';
import { parsePersonName, parseSex, sexOfName } from '../../common/identity/person-name.js';
import { parsePhone } from '../../common/identity/phone.js';
import { POSITION_FIELD, type OrganizationDefinition, type Profile } from '../organization/organization-definition.js';
import { parseProfileValue } from '../organization/profile-fields.js';
import type { MemberRecord, RawValues } from './member-record.entity.js';
import { dateColumns, parseRecordDate, RECORD_DATES, recordDate, type DatedRecord } from './record-dates.js';

/**
 * Pure normalization of a member record's fields: the first step of `writeRecord` (record-writer.ts),
 * for the form and the import alike.
 * `undefined` leaves a field unchanged; `null` or '' clears it. Problems name the field,
 * the value and what is wrong, in Vietnamese.
 */
export interface MemberFieldsInput {
  fullName?: string | null;
  birthDate?: string | null;
  sex?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  ethnicity?: string | null;
  village?: string | null;
  joinDate?: string | null;
  lastActivityDate?: string | null;
  lastDuesDate?: string | null;
  profile?: { key: string; value: string | null }[] | null;
}

/** Vietnamese labels (the import headers) of the fields, for messages. */
export const FIELD_LABELS: Record<string, string> = {
  organization: 'Tổ chức',
  externalId: 'Mã hồ sơ',
  reason: 'Lý do',
  date: 'Ngày',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  idNumber: 'Số CCCD',
  phone: 'Số điện thoại',
  communeCode: 'Mã xã',
  communeName: 'Xã/Phường',
  ethnicity: 'Dân tộc',
  village: 'Thôn/bản',
  unit: 'Mã đơn vị',
  joinDate: 'Ngày vào',
  status: 'Trạng thái',
  lastActivityDate: 'Ngày sinh hoạt gần nhất',
  lastDuesDate: 'Ngày đóng phí gần nhất',
  profile: 'Hồ sơ riêng',
};

/** What an edit's audit line says it changed: the fields sent (the console sends only those she changed), by key and in words. */
export function editedFields(input: object): { fields: string[]; labels: string[] } {
  const meta = new Set(['reason', 'expectedVersion', 'endingMistaken', 'statusDate', 'confirmDuplicateInOrg', 'confirmErasedPerson']);
  const fields = Object.entries(input).flatMap(([k, v]) => (v === undefined || meta.has(k) ? [] : [k]));
  return { fields, labels: fields.map((k) => FIELD_LABELS[k] ?? k) };
}

export type RecordChanges = Partial<
  Pick<MemberRecord, 'fullName' | 'nameFolded' | 'familyKey' | 'givenKey' | 'sex' | 'idKind' | 'phone' | 'ethnicity' | 'village' | 'profile'>
> & Partial<DatedRecord> & {
  raw?: RawValues;
  /** The clear ID number and its entered form: the service seals them before anything is stored. */
  idNumber?: string | null;
  rawIdNumber?: string | null;
}; // prettier-ignore

export function problem(field: string, value: string | null, reason: string): FieldProblem {
  return { field, value, message: `${FIELD_LABELS[field] ?? field}: ${reason}` };
}

/** The longest Dân tộc (the longest of the 54 names is far shorter; room for "Kinh (Việt)"). */
export const MAX_ETHNICITY_LENGTH = 60;
export const MAX_EXTERNAL_ID_LENGTH = 64;

/** Mã hồ sơ: a code (letters, digits, - _ . /), the same rule for GraphQL and import. */
export function parseExternalId(input: string): Parsed<string> {
  return parseCode(input, { max: MAX_EXTERNAL_ID_LENGTH, slash: true });
}

/** Dân tộc: a short name in Vietnamese letters (no digits, no formula, nothing hidden). */
export function parseEthnicity(input: string): Parsed<string> {
  const text = parseFreeText(input, { max: MAX_ETHNICITY_LENGTH, latinOnly: true });
  if (!text.ok) return text;
  if (/[^\p{L}\p{M} '().,-]/u.test(text.value) || !/\p{L}/u.test(text.value))
    return refuse(`'${text.value}' không phải tên dân tộc (chỉ gồm chữ cái, dấu cách và ' - ( ))`);
  return text;
}

/** The longest village name kept (thôn, bản, xóm, tổ dân phố, with its number or its old name in brackets). */
export const MAX_VILLAGE_LENGTH = 100;

/** Thôn, bản: free text of letters, digits and the punctuation of an address ("Tổ 5", "Bản Na Sang (cũ: Na Sang 2)"). */
export function parseVillage(input: string): Parsed<string> {
  const text = parseFreeText(input, { max: MAX_VILLAGE_LENGTH, latinOnly: true });
  if (!text.ok) return text;
  if (/[^\p{L}\p{M}\p{N} '().,/-]/u.test(text.value) || !/[\p{L}\p{N}]/u.test(text.value))
    return refuse(`'${text.value}' không phải tên thôn, bản (chỉ gồm chữ, số, dấu cách và ' - , . / ( ))`);
  return text;
}

const blank = (v: string | null | undefined): v is null | '' => v === null || (typeof v === 'string' && v.trim() === '');

export function normalizeMemberFields(
  input: MemberFieldsInput,
  ctx: { definition: OrganizationDefinition; today: string; current?: Pick<MemberRecord, 'profile' | 'raw'> },
): { changes: RecordChanges; problems: FieldProblem[] } {
  const changes: RecordChanges = {};
  const raw: RawValues = { ...(ctx.current?.raw ?? {}) };
  const problems: FieldProblem[] = [];
  const take = <T>(field: string, value: string, parsed: Parsed<T>, apply: (v: T) => void) => {
    if (parsed.ok) apply(parsed.value);
    else problems.push(problem(field, value, parsed.reason));
  };

  if (input.fullName !== undefined) {
    const v = input.fullName ?? '';
    take('fullName', v, parsePersonName(v), (n) => {
      Object.assign(changes, { fullName: n.fullName, nameFolded: n.folded, familyKey: n.familyKey, givenKey: n.givenKey });
      raw.fullName = v;
    });
  }

  // Every date field by one rule: a year or a month alone kept with its precision (record-dates.ts).
  for (const field of Object.keys(RECORD_DATES) as (keyof typeof RECORD_DATES)[]) {
    const v = input[field];
    if (v === undefined) continue;
    if (blank(v)) Object.assign(changes, dateColumns(field, null));
    else take(field, v, parseRecordDate(field, v, ctx.today), (d) => Object.assign(changes, dateColumns(field, d)));
  }

  if (input.sex !== undefined) {
    if (blank(input.sex)) changes.sex = null;
    else take('sex', input.sex, parseSex(input.sex), (s) => (changes.sex = s));
  }

  if (input.idNumber !== undefined) {
    const v = input.idNumber;
    if (blank(v)) {
      Object.assign(changes, { idNumber: null, idKind: null, rawIdNumber: null });
    } else if (isMaskedIdNumber(v)) {
      /* a masked value typed back: unchanged */
    } else
      take('idNumber', v, parseIdNumber(v), (id) => {
        Object.assign(changes, { idNumber: id.digits, idKind: id.kind, rawIdNumber: v });
      });
  }

  if (input.phone !== undefined) {
    const v = input.phone;
    if (blank(v)) {
      changes.phone = null;
      delete raw.phone;
    } else
      take('phone', v, parsePhone(v), (p) => {
        changes.phone = p.number;
        raw.phone = v;
      });
  }

  if (input.ethnicity !== undefined) {
    if (blank(input.ethnicity)) changes.ethnicity = null;
    else take('ethnicity', input.ethnicity, parseEthnicity(input.ethnicity), (e) => (changes.ethnicity = e));
  }

  if (input.village !== undefined) {
    if (blank(input.village)) changes.village = null;
    else take('village', input.village, parseVillage(input.village), (v) => (changes.village = v));
  }

  if (input.profile) changes.profile = mergeProfile(input.profile, ctx.definition, ctx.current?.profile ?? {}, problems);
  ownJoinDate(input, ctx, changes);

  changes.raw = raw;
  return { changes, problems };
}

/**
 * The organization's own name for Ngày vào (Đoàn's Ngày vào Đoàn) and the join date are one date: given
 * without a Ngày vào, it is the join date (and the Kết nạp event's); a Ngày vào given without it (the
 * console's form, which shows one field) carries it along, so the two never drift apart.
 */
function ownJoinDate(
  input: MemberFieldsInput,
  ctx: { definition: OrganizationDefinition; today: string; current?: Pick<MemberRecord, 'profile'> },
  changes: RecordChanges,
): void {
  const own = ctx.definition.joinDateField;
  if (!own) return;
  const entered = input.profile?.find((e) => e.key === own);
  if (!entered && input.joinDate !== undefined) {
    const d = blank(input.joinDate) ? null : parseRecordDate('joinDate', input.joinDate, ctx.today);
    if (d && !d.ok) return;
    const { [own]: _old, ...rest } = changes.profile ?? ctx.current?.profile ?? {};
    changes.profile = d ? { ...rest, [own]: formatPartialDate(d.value) } : rest;
    return;
  }
  const value = entered?.value;
  if (!value || blank(value) || !blank(input.joinDate ?? null)) return;
  const d = parseRecordDate('joinDate', value, ctx.today);
  // An unreadable one is refused once, as the profile field it is.
  if (d.ok) Object.assign(changes, dateColumns('joinDate', d.value));
}

/** The organization's own profile fields, entered over the current ones (an empty value removes one). */
function mergeProfile(
  entries: { key: string; value: string | null }[],
  definition: OrganizationDefinition,
  current: Profile,
  problems: FieldProblem[],
): Profile {
  const fields = [POSITION_FIELD, ...definition.profileFields];
  const profile: Profile = { ...current };
  for (const { key, value } of entries) {
    const def = fields.find((f) => f.key === key);
    if (!def) {
      const known = fields.map((f) => `${f.key} (${f.label})`).join(', ');
      problems.push(problem('profile', key, `trường '${key}' không có trong hồ sơ ${definition.code}; các trường: ${known}`));
      continue;
    }
    const parsed = parseProfileValue(def, value ?? '');
    if (!parsed.ok) problems.push({ field: `profile.${key}`, value, message: `${def.label}: ${parsed.reason}` });
    else if (parsed.value === null) delete profile[key];
    else profile[key] = parsed.value;
  }
  return profile;
}

/**
 * What the stored 12-digit number contradicts in the record as it now stands: its province or
 * century, the birth year, the sex — the record's, or, when it gives none, the one her name's middle
 * word says ("Thị", "Văn": `sexOfName`).
 */
export function deriveIdIssues(
  record: Pick<MemberRecord, 'sex' | 'birthDate' | 'birthDatePrecision'> & { idNumber: string | null; fullName?: string | null },
  today: string,
): IdNumberIssue[] {
  if (!record.idNumber) return [];
  const id = readIdDigits(record.idNumber);
  if (!id.ok) return [];
  const birth = recordDate(record, 'birthDate');
  const sex = record.sex ?? sexOfName(record.fullName);
  return idNumberIssues(id.value, { sex, birthYear: birth?.year ?? null }, Number(today.slice(0, 4)));
}

/**
 * The sex a record that gives none takes from its CCCD (DOMAIN.md: the 4th digit says century and
 * sex): only from a card none of whose digits the record contradicts (its province, century, year,
 * her name's Thị or Văn: then the digit is the doubt, not her).
 */
export function sexOfIdNumber(
  record: Pick<MemberRecord, 'sex' | 'birthDate' | 'birthDatePrecision'> & { idNumber: string | null; fullName?: string | null },
  today: string,
): MemberRecord['sex'] {
  if (record.sex || !record.idNumber) return null;
  const id = readIdDigits(record.idNumber);
  if (!id.ok || !id.value.sex || deriveIdIssues(record, today).length) return null;
  return id.value.sex;
}

/** A code for a record added without one (a form left empty): the organization, the day, 24 random bits. */
export function newExternalId(organization: string): string {
  return `${organization}-${todayInVietnam().slice(2).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/** A partial date typed in a form field, stored (yyyy-mm-dd), or its problem added under the field; null when empty. */
export function dateOrProblem(field: string, value: string | null | undefined, problems: FieldProblem[]): string | null {
  if (!value) return null;
  const d = parsePartialDate(value);
  if (!d.ok) {
    problems.push(problem(field, value, d.reason));
    return null;
  }
  return toStoredDate(d.value);
}
