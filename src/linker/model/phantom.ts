import {
  ANY_PRECISION,
  formatVnPartialDate,
  fromStoredDate,
  latestDay,
  parsePartialDate,
  type DatePrecision,
  type PartialDate,
} from '../../common/dates/partial-date.js';
import { formatVnDay } from '../../common/dates/vn-day.js';
import type { IdNumberIssue } from '../../common/identity/id-number.js';
import type { MemberStatus } from '../../membership/status/member-status.js';
import { eligibilityFlags } from '../../membership/organization/eligibility-flags.js';
import { recordDataFlags } from '../../membership/member-record/record-data-flags.js';
import { registerDeathMessage } from '../../membership/member-record/register-death.js';
import { termsOf, type OrganizationDefinition, type Profile } from '../../membership/organization/organization-definition.js';
import type { DeathEvidence } from './phantom-deaths.js';

/**
 * Phantom ("ảo") checks (pure): the flags of one member record from what the record says, what the
 * population register says of it and what the linker found, and whether they together make it a
 * suspected phantom.
 */
export type FlagCode =
  | 'DECEASED'
  | 'NOT_IN_REGISTER'
  | 'INELIGIBLE_AGE'
  | 'INELIGIBLE_SEX'
  | 'AGED_OUT'
  | 'INACTIVE'
  | 'NO_IDENTITY'
  | 'INVALID_ID'
  | 'ID_MISMATCH'
  | 'SHARED_PHONE'
  | 'BULK_ENTRY'
  | 'DUPLICATE_IN_ORG'
  | 'MULTI_ORG'
  | 'MOVED_AWAY'
  | 'AWAY'
  | 'LEFT_WORK';

/** A flag code in words (AO: suspected phantoms, for any reason); an unknown code as it is. */
export const flagLabel = (code: string): string => (code === 'AO' ? 'Nghi ảo' : (FLAG_LABELS[code as FlagCode] ?? code));

/** Short Vietnamese names of the flags, for report headings and chart legends. */
export const FLAG_LABELS: Record<FlagCode, string> = {
  DECEASED: 'Đã mất',
  NOT_IN_REGISTER: 'Không có trong CSDL dân cư',
  INELIGIBLE_AGE: 'Không đủ/quá tuổi',
  INELIGIBLE_SEX: 'Không đúng giới tính',
  AGED_OUT: 'Đến tuổi trưởng thành',
  INACTIVE: 'Không sinh hoạt, không đóng phí',
  NO_IDENTITY: 'Thiếu thông tin định danh (không số định danh, ngày sinh đầy đủ, điện thoại)',
  INVALID_ID: 'Số định danh sai',
  ID_MISMATCH: 'Số định danh không khớp',
  SHARED_PHONE: 'Dùng chung số điện thoại',
  BULK_ENTRY: 'Nhiều hồ sơ không giấy tờ vào cùng lúc',
  DUPLICATE_IN_ORG: 'Trùng trong tổ chức',
  MULTI_ORG: 'Ở nhiều tổ chức',
  // Raised only by an accepted Ghi chú suggestion ("đã chuyển đi …"): no check of the linker finds it.
  MOVED_AWAY: 'Đã chuyển đi',
  // Raised only by an accepted Ghi chú suggestion ("đi làm ăn xa", "tạm vắng", "XKLĐ", "nhập ngũ").
  AWAY: 'Đi làm ăn xa, tạm vắng',
  // Raised only by an accepted Ghi chú suggestion of a union's roster ("nghỉ việc", "nghỉ hưu").
  LEFT_WORK: 'Đã nghỉ việc, nghỉ hưu',
};

/** PHANTOM: evidence the member is not real, alive, eligible or active. WARNING: data to check. INFO: settled through the person. */
export type FlagSeverity = 'PHANTOM' | 'WARNING' | 'INFO';

export interface Flag {
  code: FlagCode;
  severity: FlagSeverity;
  message: string;
  evidence: Record<string, unknown>;
}

export interface PhantomFacts {
  organization: OrganizationDefinition;
  status: MemberStatus;
  birthDate: string | null;
  birthDatePrecision: string | null;
  sex: 'MALE' | 'FEMALE' | null;
  joinDate: string | null;
  profile: Profile;
  lastActivityDate: string | null;
  lastDuesDate: string | null;
  hasIdNumber: boolean;
  idIssues: IdNumberIssue[];
  idMalformed: boolean;
  hasPhone: boolean;
  /** What the register says: not covering the record's commune, no resident fitting, or the resident matched. */
  register:
    | { kind: 'NOT_COVERED' }
    | { kind: 'NO_MATCH' }
    | { kind: 'AMBIGUOUS'; residents: number }
    | { kind: 'MATCHED'; alive: boolean; deathDate: string | null };
  /** A death the register shows without an ID number to match on (`phantom-deaths.ts`), or null. */
  death: DeathEvidence | null;
  /** Distinct persons sharing the record's phone. */
  phoneShared: number;
  /** Size of the burst of bare records entered together in the record's branch: 0 none, null when the record could not be in one (not bare, or no join day). */
  burst: number | null;
  duplicateInOrg: boolean;
  organizationsOfPerson: number;
}

/** How a death without an ID number was settled, as the start of the flag's sentence. */
const DEATH_SETTLED_BY: Record<'COMMUNE' | 'BIRTH_DATE' | 'PERSON', string> = {
  COMMUNE: 'Hồ sơ không có số định danh; CSDL dân cư có người cùng họ tên, năm sinh, cùng xã',
  BIRTH_DATE: 'Hồ sơ không có số định danh; CSDL dân cư có một người cùng họ tên, ngày sinh (ở xã khác)',
  PERSON: 'Một hồ sơ khác của cùng người khớp CSDL dân cư: người này',
};

/** Persons on one phone beyond which it is not a household's. */
export const SHARED_PHONE_PERSONS = 5;

function monthsBetween(fromIso: string, toIso: string): number {
  const [fy, fm, fd] = fromIso.split('-').map(Number);
  const [ty, tm, td] = toIso.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** A date as the snapshot gives it (`2025`, `2025-03`, `2025-03-15`), read back. */
function readGiven(given: string): PartialDate {
  const read = parsePartialDate(given, ANY_PRECISION);
  if (!read.ok) throw new Error(`stored date '${given}' unreadable`);
  return read.value;
}

export function phantomFlags(f: PhantomFacts, today: string): Flag[] {
  const flags: Flag[] = [];
  // One flag per code: a second reason for the same code joins the first.
  const add = (code: FlagCode, severity: FlagSeverity, message: string, evidence: Record<string, unknown> = {}) => {
    const same = flags.find((f) => f.code === code);
    if (!same) flags.push({ code, severity, message, evidence });
    else {
      same.message = `${same.message}; ${message}`;
      if (severity === 'PHANTOM') same.severity = 'PHANTOM';
    }
  };
  const r = f.register;
  const on = (d: string | null) => (d ? ` ngày ${formatVnDay(d)}` : '');
  if (r.kind === 'MATCHED' && !r.alive) add('DECEASED', 'PHANTOM', registerDeathMessage(r.deathDate), { deathDate: r.deathDate });
  else if (f.death?.kind === 'SETTLED')
    add('DECEASED', 'PHANTOM', `${DEATH_SETTLED_BY[f.death.by]} đã mất${on(f.death.deathDate)}`, { ...f.death });
  else if (f.death?.kind === 'UNSETTLED')
    add(
      'DECEASED',
      'WARNING',
      `Có thể đã mất: ${f.death.dead} trong ${f.death.dead + f.death.alive} người trùng họ tên, năm sinh trong CSDL dân cư đã mất, chưa phân biệt được`,
      { ...f.death },
    );
  if (r.kind === 'NO_MATCH')
    add('NOT_IN_REGISTER', 'WARNING', 'Không tìm thấy người này trong CSDL dân cư của xã (theo số định danh, họ tên và năm sinh)');
  const birth = f.birthDate ? fromStoredDate(f.birthDate, (f.birthDatePrecision ?? 'DAY') as DatePrecision) : null;
  const eligibility = { birth, sex: f.sex, joinDate: f.joinDate, status: f.status, profile: f.profile };
  for (const x of eligibilityFlags(f.organization, eligibility, today)) add(x.code, x.severity, x.message);
  // A date given as a year or a month is held at its latest day: no activity "since 2025" is not since 1 January.
  const lastKnown =
    [f.lastActivityDate, f.lastDuesDate]
      .filter((d): d is string => !!d)
      .map((given) => ({ given, latest: latestDay(readGiven(given)) }))
      .sort((a, b) => a.latest.localeCompare(b.latest))
      .at(-1) ?? null;
  if (lastKnown && monthsBetween(lastKnown.latest, today) >= f.organization.inactivityMonths)
    add(
      'INACTIVE',
      'PHANTOM',
      `Không sinh hoạt, không đóng phí từ ${formatVnPartialDate(readGiven(lastKnown.given))} (quá ${f.organization.inactivityMonths} tháng)`,
      { lastKnown: lastKnown.given },
    );
  const data = { hasIdNumber: f.hasIdNumber, birth, hasPhone: f.hasPhone, idMalformed: f.idMalformed, idIssues: f.idIssues };
  for (const x of recordDataFlags(data)) add(x.code, x.severity, x.message, x.evidence);
  if (f.phoneShared >= SHARED_PHONE_PERSONS)
    add('SHARED_PHONE', 'WARNING', `Một số điện thoại ghi cho ${f.phoneShared} người khác nhau`, { persons: f.phoneShared });
  if (f.burst)
    add(
      'BULK_ENTRY',
      'WARNING',
      // Its branch in the organization's word (a Công đoàn's tổ); its members may live in other communes than this one.
      `Một trong ${f.burst} hồ sơ không có giấy tờ cùng vào một ${termsOf(f.organization).branch} trong vài ngày`,
      { burst: f.burst },
    );
  for (const x of personFlags(f.duplicateInOrg, f.organizationsOfPerson)) add(x.code, x.severity, x.message);
  return flags;
}

/** The flags a record owes to its person alone (INFO: they never make it a phantom), re-read at once when a decision regroups persons. */
export function personFlags(duplicateInOrg: boolean, organizationsOfPerson: number): Flag[] {
  const flags: Flag[] = [];
  if (duplicateInOrg)
    flags.push({
      code: 'DUPLICATE_IN_ORG',
      severity: 'INFO',
      message: 'Người này còn một hồ sơ khác đang sinh hoạt trong cùng tổ chức',
      evidence: {},
    });
  if (organizationsOfPerson > 1)
    flags.push({ code: 'MULTI_ORG', severity: 'INFO', message: `Người này sinh hoạt ở ${organizationsOfPerson} tổ chức`, evidence: {} });
  return flags;
}

/** The codes of `personFlags`: the flags a regrouping of persons rewrites. */
export const PERSON_FLAG_CODES: FlagCode[] = ['DUPLICATE_IN_ORG', 'MULTI_ORG'];

/**
 * Bursts: in one branch, bare records (no number, no phone, no activity or dues) whose join dates
 * fall within `days` of each other, at least `min` of them. Returns each record's burst size (0: none).
 * A record without a join date (or with a year alone, which the caller passes as none) is in no burst.
 */
export function bursts(records: { unit: string | null; joinDate: string | null; bare: boolean }[], days = 7, min = 8): number[] {
  const out = new Array<number>(records.length).fill(0);
  const byUnit = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (!r.bare || !r.unit || !r.joinDate) return;
    const list = byUnit.get(r.unit);
    if (list) list.push(i);
    else byUnit.set(r.unit, [i]);
  });
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  for (const list of byUnit.values()) {
    list.sort((x, y) => records[x].joinDate!.localeCompare(records[y].joinDate!));
    let start = 0;
    for (let end = 0; end <= list.length; end++) {
      // A run ends where the next join date is more than `days` after the previous one.
      if (end === list.length || (end > start && day(records[list[end]].joinDate!) - day(records[list[end - 1]].joinDate!) > days)) {
        if (end - start >= min) for (let k = start; k < end; k++) out[list[k]] = end - start;
        start = end;
      }
    }
  }
  return out;
}
