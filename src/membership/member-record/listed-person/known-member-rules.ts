// Whether an organization already lists the person a new listing is about (issue 17, item 3): one
// rule for a roster row without its own Mã hồ sơ and for the form's new member, as pure functions
// over the listing's record columns and the organization's candidate records (known-members.ts finds them).
import {
  BirthLevel,
  CommuneLevel,
  compareBirth,
  compareCommunes,
  compareNames,
  compareValues,
  linkDate,
  linkName,
  NameLevel,
  oneWordLonger,
  shorterGiven,
  SimpleLevel,
  type LinkDate,
  type LinkName,
} from '../../../common/identity/identity-compare.js';
import { foldText } from '../../../common/text/vietnamese-text.js';
import { ENDING_STATUSES, type MemberStatus } from '../../status/member-status.js';

/** A row as matching reads it (its number as the hex of its keyed hash). */
export interface RowProbe {
  ordinal: number;
  fullName: string;
  birth: LinkDate | null;
  idHash: string | null;
  idKind: string | null;
  communeCode: string | null;
  communeCandidates: string[];
  phone: string | null;
  /** The blocking key of the name query: given and family name, folded, and the birth year. */
  block: { given: string; family: string; year: number } | null;
  /** The same key for the name without its last word (Lường Thị Thu Trang → Lường Thị Thu): a record listed with a word less. */
  shortBlock?: { given: string; family: string; year: number } | null;
  /** The row's digest (hex) as if it carried a record's code: equal to that record's `importDigest`, it is the line last imported into it. */
  lineAs?: (code: string) => string;
  /** Where within the commune the listing is: the unit it lands in (her chi hội), its village (thôn, bản). */
  unitId?: string | null;
  village?: string | null;
  sex?: string | null;
  joinDate?: LinkDate | null;
}

/** A record of the organization that may be the row's (never an erased one: the query leaves them out). */
export interface KnownRecord {
  id: string;
  externalId: string;
  fullName: string;
  birthDate: string | null;
  birthDatePrecision: string | null;
  idHash: string | null;
  idKind: string | null;
  communeCode: string | null;
  communeCandidates: string[];
  phone: string | null;
  status: MemberStatus;
  /** The digest (hex) of the line last imported into it. */
  importDigest?: string | null;
  unitId?: string | null;
  village?: string | null;
  sex?: string | null;
  joinDate?: string | null;
  joinDatePrecision?: string | null;
}

/** What a new listing is, against the organization's records. */
export type KnownMatch =
  /** The same member: the row updates this record (and takes its code); the form asks before a second one. */
  | { kind: 'RECORD'; recordId: string; externalId: string; how: 'CCCD' | 'STRONG' | 'PLACE' | 'DECIDED' | 'SAME_LINE' }
  /** Doubtful: held for the secretariat's decision (the import's preview; the form's question). */
  | { kind: 'HOLD'; reason: string; candidates: { recordId: string; externalId: string }[] }
  /** Nobody known: a new record. */
  | { kind: 'NEW' };

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * A listing's record columns (a roster row's prepared values, the form's columns) as matching reads
 * them. `communeIfNone`: the commune a listing without one lands in (her own unit's).
 */
export function probeOfColumns(
  ordinal: number,
  v: Record<string, unknown>,
  communeIfNone?: string | null,
  lineAs?: (code: string) => string,
): RowProbe {
  const birth = linkDate(str(v.birthDate), str(v.birthDatePrecision));
  const hash = v.idNumberHash;
  const shorter = shorterGiven(str(v.nameFolded) ?? '');
  return {
    ordinal,
    fullName: str(v.fullName) ?? '',
    birth,
    idHash: Buffer.isBuffer(hash) ? hash.toString('hex') : null,
    idKind: str(v.idKind),
    // A row without a commune is in the commune it will land in (her own unit's): last week's import put it there.
    communeCode: str(v.communeCode) ?? communeIfNone ?? null,
    communeCandidates: Array.isArray(v.communeCandidates) ? (v.communeCandidates as string[]) : [],
    phone: str(v.phone),
    block: birth && str(v.givenKey) ? { given: str(v.givenKey)!, family: str(v.familyKey) ?? '', year: birth.year } : null,
    shortBlock: birth && shorter ? { given: shorter, family: str(v.familyKey) ?? '', year: birth.year } : null,
    lineAs,
    unitId: str(v.unitId),
    village: str(v.village),
    sex: str(v.sex),
    joinDate: linkDate(str(v.joinDate), str(v.joinDatePrecision)),
  };
}

/**
 * Names as the linker compares them, read once and only for a row with candidates (the linker's
 * reading of a name costs tens of µs: most rows of an import have no candidate at all).
 */
const LINK_NAMES = new WeakMap<object, LinkName>();
function linkNameOf(x: RowProbe | KnownRecord): LinkName {
  let n = LINK_NAMES.get(x);
  if (!n) LINK_NAMES.set(x, (n = linkName(x.fullName)));
  return n;
}
const sameName = (p: RowProbe, r: KnownRecord): NameLevel => compareNames(linkNameOf(p), linkNameOf(r));

/** A membership that has ended (the same person listed again is matched to it all the same). */
const ended = (r: KnownRecord) => ENDING_STATUSES.includes(r.status);
const ref = (r: KnownRecord) => ({ recordId: r.id, externalId: r.externalId });
const codes = (rs: KnownRecord[]) => rs.map((r) => `'${r.externalId}'`).join(', ');
const hold = (reason: string, rs: KnownRecord[]): KnownMatch => ({ kind: 'HOLD', reason, candidates: rs.map(ref) });

/**
 * The row's record, from the records with its CCCD (`byCccd`) and its namesakes born the same year
 * (`byName`). The same 12-digit number is the same person, unless the names clearly differ (a
 * number mistyped onto someone else: held). Else the linker's strong evidence within one
 * organization: the same name, the same full birth date (never a year alone, nor the 01/01 of an
 * undated birth) and the same commune or phone, with exactly one record. A name with a birth year
 * that namesakes may share is doubtful: held for the secretariat, never merged.
 */
export function matchRow(
  p: RowProbe,
  byCccd: KnownRecord[],
  byName: KnownRecord[],
  byPhone: KnownRecord[] = [],
  byShorterName: KnownRecord[] = [],
): KnownMatch {
  // The very line last imported into one record (next month's unchanged list): that record, whatever its evidence.
  const same = sameLine(p, [...byCccd, ...byName, ...byPhone, ...byShorterName]);
  if (same) return { kind: 'RECORD', ...ref(same), how: 'SAME_LINE' };
  if (p.idKind === 'CCCD' && p.idHash && byCccd.length) return byNumber(p, byCccd);
  const strong = byName.filter((r) => !numbersDiffer(p, r) && isStrong(p, r));
  if (strong.length === 1) return { kind: 'RECORD', ...ref(strong[0]), how: 'STRONG' };
  if (strong.length > 1) return hold(`trùng họ tên, ngày sinh và xã/số điện thoại với ${strong.length} hồ sơ (${codes(strong)})`, strong);
  const placed = alonePlaced(p, byName);
  if (placed) return { kind: 'RECORD', ...ref(placed), how: 'PLACE' };
  // Another number is another person, unless all else is strong evidence (a corrected number: held).
  const doubtful = byName.filter((r) => (numbersDiffer(p, r) ? isStrong(p, r) : isDoubtful(p, r)));
  if (doubtful.length) return hold(`có thể là hồ sơ ${codes(doubtful)} (${whatAgrees(p, doubtful[0])})`, doubtful);
  // A name typed another way (one letter, the marks, the middle name) with the same phone and birth year: held, never a second record.
  const near = byPhone.filter((r) => !numbersDiffer(p, r) && isNearByPhone(p, r));
  if (near.length) return hold(`có thể là hồ sơ ${codes(near)} (${nearByPhoneReason(p, near[0])})`, near);
  return wordMore(p, [...byPhone, ...byShorterName]);
}

/**
 * A record whose name is the row's with a last word less or more (a word the list left out, now
 * added), born the same day or year, not in another commune, or with the same phone: held, never a
 * second record, never merged (the two may be two people).
 */
function wordMore(p: RowProbe, records: KnownRecord[]): KnownMatch {
  const near = [...new Map(records.map((r) => [r.id, r])).values()].filter((r) => {
    if (numbersDiffer(p, r) || !oneWordLonger(p.fullName, r.fullName)) return false;
    const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
    if (compareValues(p.phone, r.phone) === SimpleLevel.SAME) return birth !== BirthLevel.DIFFERENT && birth !== BirthLevel.DAY_DIFFERS;
    const sameBirth = [BirthLevel.SAME_DAY, BirthLevel.SWAPPED, BirthLevel.SAME_YEAR, BirthLevel.PLACEHOLDER].includes(birth);
    return sameBirth && communes(p, r) !== CommuneLevel.DIFFERENT;
  });
  if (!near.length) return { kind: 'NEW' };
  const r = near[0];
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  const agrees = [
    birth === BirthLevel.SAME_DAY ? 'cùng ngày sinh' : 'cùng năm sinh',
    ...(communes(p, r) === CommuneLevel.SAME ? ['cùng xã'] : []),
    ...(compareValues(p.phone, r.phone) === SimpleLevel.SAME ? ['cùng số điện thoại'] : []),
  ];
  const reason = `có thể là hồ sơ ${codes(near)} (họ tên trong hồ sơ là '${r.fullName}', khác một chữ cuối; ${agrees.join(', ')}): nếu là một người, chọn hồ sơ đó; nếu không, thêm người mới`;
  return hold(reason, near);
}

/** The one record whose last imported line is this row, word for word (two namesakes listed alike: neither). */
function sameLine(p: RowProbe, records: KnownRecord[]): KnownRecord | null {
  if (!p.lineAs) return null;
  const same = new Map(records.filter((r) => r.importDigest && r.importDigest === p.lineAs!(r.externalId)).map((r) => [r.id, r]));
  return same.size === 1 ? [...same.values()][0] : null;
}

/** What a listing and a record of the organization have in common, in words (the name, the birth, the commune, the phone). */
export function agreesWith(p: RowProbe, r: KnownRecord): string[] {
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  return [
    sameName(p, r) === NameLevel.SAME ? 'trùng họ tên' : `họ tên gần giống ('${r.fullName}')`,
    birth === BirthLevel.SAME_DAY ? 'ngày sinh' : birth === BirthLevel.SWAPPED ? 'ngày sinh đảo ngày/tháng' : 'năm sinh',
    ...(communes(p, r) === CommuneLevel.SAME ? ['xã'] : []),
    ...(compareValues(p.phone, r.phone) === SimpleLevel.SAME ? ['số điện thoại'] : []),
  ];
}

/** Why a namesake is not yet the same person: what agrees, and what would settle it. */
function whatAgrees(p: RowProbe, r: KnownRecord): string {
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  const agrees = agreesWith(p, r);
  // Whose date is only a year: hers, or the listed record's (she completed it).
  const vague = p.birth && !p.birth.yearOnly ? 'hồ sơ đã có chỉ ghi năm sinh (hoặc 01/01)' : 'chỉ có năm sinh (hoặc 01/01)';
  // What is still missing, never what already agrees.
  const missing = [
    ...(compareValues(p.phone, r.phone) === SimpleLevel.SAME ? [] : ['cùng số điện thoại']),
    ...(communes(p, r) === CommuneLevel.SAME ? [] : ['cùng xã']),
  ].join(' và ');
  const need =
    birth === BirthLevel.SAME_DAY
      ? 'cần cùng xã hoặc cùng số điện thoại, hoặc số CCCD'
      : `${vague}: cần ngày sinh đầy đủ ở cả hai, ${missing ? `hoặc ${missing}, ` : ''}hoặc số CCCD`;
  const differs = whatDiffers(p, r);
  return `${agrees.join(', ')}${differs.length ? `; khác ${differs.join(', ')}` : ''}; chưa đủ căn cứ là một người — ${need}`;
}

/** Another spelling of the name (not another name) with the same phone and a birth in the same year (or none to compare). */
function isNearByPhone(p: RowProbe, r: KnownRecord): boolean {
  if (compareValues(p.phone, r.phone) !== SimpleLevel.SAME || sameName(p, r) === NameLevel.DIFFERENT) return false;
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  return birth !== BirthLevel.DIFFERENT && birth !== BirthLevel.DAY_DIFFERS;
}

/** Why a listing that shares a record's phone is held, as it is: the name the same or near, the birth the same or not known. */
function nearByPhoneReason(p: RowProbe, r: KnownRecord): string {
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  const name = sameName(p, r) === NameLevel.SAME ? 'trùng họ tên' : `họ tên gần giống ('${r.fullName}')`;
  const born =
    birth === BirthLevel.MISSING
      ? p.birth
        ? 'hồ sơ đã có chưa ghi ngày sinh'
        : 'dòng này chưa ghi ngày sinh'
      : birth === BirthLevel.SAME_DAY
        ? 'cùng ngày sinh'
        : birth === BirthLevel.NEAR_YEAR
          ? 'năm sinh lệch một năm'
          : 'cùng năm sinh';
  return `cùng số điện thoại, ${name}, ${born}`;
}

/** The records with the row's CCCD: one (or one still live among several) is the row's, unless its name is another's. */
function byNumber(p: RowProbe, byCccd: KnownRecord[]): KnownMatch {
  const live = byCccd.filter((r) => !ended(r));
  const record = byCccd.length === 1 ? byCccd[0] : live.length === 1 ? live[0] : null;
  if (!record) return hold(`số CCCD này có ở ${byCccd.length} hồ sơ của tổ chức (${codes(byCccd)})`, byCccd);
  if (sameName(p, record) === NameLevel.DIFFERENT) return hold(`cùng số CCCD với hồ sơ '${record.externalId}' nhưng khác họ tên`, [record]);
  return { kind: 'RECORD', ...ref(record), how: 'CCCD' };
}

/** Both carry a 12-digit number and the numbers differ: not evidence of one person (a corrected number is held). */
const numbersDiffer = (p: RowProbe, r: KnownRecord) => p.idKind === 'CCCD' && r.idKind === 'CCCD' && !!p.idHash && p.idHash !== r.idHash;

const communes = (p: RowProbe, r: KnownRecord) =>
  compareCommunes({ code: p.communeCode, candidates: p.communeCandidates }, { code: r.communeCode, candidates: r.communeCandidates });

/**
 * The same name and the same full birth date with the same commune, phone or ID number; or, with a
 * year alone or 01/01 (what namesakes share), the same phone in the same commune — namesakes of one
 * year do not share a phone number too — or the same ID number.
 */
function isStrong(p: RowProbe, r: KnownRecord): boolean {
  if (sameName(p, r) !== NameLevel.SAME) return false;
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  const sameCommune = communes(p, r) === CommuneLevel.SAME;
  const samePhone = compareValues(p.phone, r.phone) === SimpleLevel.SAME;
  // The same number of any kind (an old 9-digit CMND too: a 12-digit one matched before this) with the same name.
  const sameNumber = !!p.idHash && p.idHash === r.idHash;
  if (birth === BirthLevel.SAME_DAY) return sameCommune || samePhone || sameNumber;
  return (birth === BirthLevel.SAME_YEAR || birth === BirthLevel.PLACEHOLDER) && ((sameCommune && samePhone) || sameNumber);
}

/**
 * A year alone (or 01/01) with the same name in the same commune and the same place within it —
 * the chi hội the listing lands in, or its village (thôn, bản) — where the organization lists no
 * other namesake of that year in the commune, and nothing says two people (another number, phone,
 * sex, village or year of joining): the member her list names again (an upland bản's roster without
 * phones or days, sent each month without its codes). Two rows of one file taken for her are both
 * held (`holdShared`); a namesake in another chi hội of the commune still holds the row.
 */
function alonePlaced(p: RowProbe, byName: KnownRecord[]): KnownRecord | null {
  const inCommune = byName.filter((r) => communes(p, r) !== CommuneLevel.DIFFERENT);
  if (inCommune.length !== 1) return null;
  const r = inCommune[0];
  if (sameName(p, r) !== NameLevel.SAME || communes(p, r) !== CommuneLevel.SAME) return null;
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  if (birth !== BirthLevel.SAME_YEAR && birth !== BirthLevel.PLACEHOLDER) return null;
  const sameUnit = !!p.unitId && p.unitId === r.unitId;
  const sameVillage = !!fold(p.village) && fold(p.village) === fold(r.village);
  if (!sameUnit && !sameVillage) return null;
  return differ(p.idHash, r.idHash) || whatDiffers(p, r).length ? null : r;
}

const fold = (v: string | null | undefined) => (v ? foldText(v) : null);
const SEX_WORD: Record<string, string> = { MALE: 'Nam', FEMALE: 'Nữ' };
/** Both give it, and not the same. */
const differ = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a !== b;

/** What a listing and a record both give and disagree on (the sex, the phone, the village, the year of joining), in words. */
function whatDiffers(p: RowProbe, r: KnownRecord): string[] {
  const joined = compareBirth(p.joinDate ?? null, linkDate(r.joinDate ?? null, r.joinDatePrecision ?? null));
  const joinedApart = !!p.joinDate && !!r.joinDate && ![BirthLevel.SAME_DAY, BirthLevel.SAME_YEAR, BirthLevel.PLACEHOLDER].includes(joined);
  return [
    ...(differ(p.sex, r.sex) ? [`giới tính (hồ sơ ghi ${SEX_WORD[r.sex!] ?? r.sex})`] : []),
    ...(differ(p.phone, r.phone) ? ['số điện thoại'] : []),
    ...(differ(fold(p.village), fold(r.village)) ? [`thôn/bản (hồ sơ ghi '${r.village}')`] : []),
    ...(joinedApart ? ['ngày vào'] : []),
  ];
}

/** A namesake born that year (or that day) who may be the row's person: not one with another full birth date, nor in another commune. */
function isDoubtful(p: RowProbe, r: KnownRecord): boolean {
  const birth = compareBirth(p.birth, linkDate(r.birthDate, r.birthDatePrecision));
  const sameBirth =
    birth === BirthLevel.SAME_DAY || birth === BirthLevel.SWAPPED || birth === BirthLevel.SAME_YEAR || birth === BirthLevel.PLACEHOLDER;
  const elsewhere = communes(p, r) === CommuneLevel.DIFFERENT && compareValues(p.phone, r.phone) !== SimpleLevel.SAME;
  return sameBirth && !elsewhere && sameName(p, r) !== NameLevel.DIFFERENT;
}

/** Why a row is held whose record another line of her file already is (the line imported into it last time). */
export const anotherLineIs = (code: string) =>
  `cũng khớp hồ sơ '${code}', mà một dòng khác của tệp ghi y như lần nhập trước: nếu là một người, xóa dòng này khỏi tệp; nếu là người khác, chọn "Người khác: thêm hồ sơ mới" (hoặc ghi thêm số CCCD, số điện thoại cho dễ phân biệt)`;

/**
 * Two rows of one batch taken for one record: neither is merged, both are held (one of them is someone
 * else) — unless one of them is the very line last imported into it (SAME_LINE): that one stays the
 * record's, and only the others are held. A person written twice in last month's file, one line
 * imported and the other held, is asked about once next month, not twice.
 */
export function holdShared(matches: Map<number, KnownMatch>): void {
  const rows = new Map<string, number[]>();
  for (const [ordinal, m] of matches) if (m.kind === 'RECORD') rows.set(m.recordId, [...(rows.get(m.recordId) ?? []), ordinal]);
  for (const ordinals of rows.values()) {
    if (ordinals.length < 2) continue;
    const m = matches.get(ordinals[0]) as Extract<KnownMatch, { kind: 'RECORD' }>;
    const candidates = [{ recordId: m.recordId, externalId: m.externalId }];
    const same = ordinals.filter((o) => (matches.get(o) as Extract<KnownMatch, { kind: 'RECORD' }>).how === 'SAME_LINE');
    if (same.length === 1) {
      for (const o of ordinals) if (o !== same[0]) matches.set(o, { kind: 'HOLD', reason: anotherLineIs(m.externalId), candidates });
      continue;
    }
    const reason = `${ordinals.length} dòng của tệp cùng khớp hồ sơ '${m.externalId}': chọn một dòng là hồ sơ đó, dòng kia là người khác — hoặc xóa dòng ghi trùng khỏi tệp để lần sau không phải hỏi lại`;
    for (const o of ordinals) matches.set(o, { kind: 'HOLD', reason, candidates });
  }
}
