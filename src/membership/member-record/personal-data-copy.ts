import { formatVnPartialDate, fromStoredDate, type DatePrecision } from '../../common/dates/partial-date.js';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { MEMBER_STATUS_INFO } from '../status/member-status.js';
import type { MemberRecord, RawValues } from './member-record.entity.js';
import { MembershipEventKind, type MembershipEvent } from './membership-event.entity.js';

/**
 * The copy of a person's data that the data subject reads (Nghị định 13/2023, the right to see one's
 * own data): every field stored about her, named in Vietnamese, dates as she writes them, the ID
 * number in full. The machine-readable copy (JSON) is the API's; this one is handed to her. Pure.
 */

export interface CopySource {
  record: Omit<MemberRecord, 'idNumberSealed' | 'idNumberRawSealed' | 'idNumberHash'>;
  organizationName: string;
  /** Its dues as its members say them (hội phí, đoàn phí, đoàn phí công đoàn). */
  duesTerm: string;
  /** The commune's name (the record keeps its code). */
  communeName: string | null;
  /** The organization's own fields by key, as its forms name them (`position` → `Chức vụ`). */
  profileLabels: Record<string, string>;
  idNumber: string | null;
  idNumberAsEntered: string | null;
  history: MembershipEvent[];
  exportedAt: Date;
}

const EVENT: Record<MembershipEventKind, string> = {
  [MembershipEventKind.ADMITTED]: 'Kết nạp / vào danh sách',
  [MembershipEventKind.TRANSFERRED]: 'Chuyển sinh hoạt',
  [MembershipEventKind.STATUS_CHANGED]: 'Đổi trạng thái',
  [MembershipEventKind.ENDED]: 'Kết thúc sinh hoạt',
};

const SEX: Record<string, string> = { MALE: 'Nam', FEMALE: 'Nữ' };

/** The fields whose form as first written is kept (`RawValues`). */
const AS_WRITTEN: Record<keyof RawValues, string> = { fullName: 'Họ và tên', phone: 'Số điện thoại', commune: 'Xã/phường' };

const day = (iso: string | null, precision: DatePrecision | null): string | null =>
  iso ? formatVnPartialDate(fromStoredDate(iso, precision ?? 'DAY')) : null;
const status = (s: string | null): string | null => (s ? (MEMBER_STATUS_INFO[s as keyof typeof MEMBER_STATUS_INFO]?.label ?? s) : null);

/**
 * The copy: a title, then each of her records (the asked one first, then those of her other organizations):
 * her fields (an empty one says so), what the files she was imported from said, her history.
 */
export function personalDataCopyText(copies: CopySource[]): string {
  const lines = ['BẢN SAO DỮ LIỆU CÁ NHÂN', `Hệ thống Liên Thông — xuất lúc ${vietnamTime(copies[0].exportedAt)} (giờ Việt Nam)`];
  if (copies.length > 1) lines.push(`Người này có ${copies.length} hồ sơ trong hệ thống: mỗi hồ sơ một phần dưới đây.`);
  copies.forEach((c, i) =>
    lines.push('', ...(copies.length > 1 ? [`PHẦN ${i + 1}: HỒ SƠ CỦA ${c.organizationName.toUpperCase()}`] : []), ...recordLines(c)),
  );
  return lines.join('\n') + '\n';
}

/** One record's lines. */
function recordLines(c: CopySource): string[] {
  const r = c.record;
  const field = (label: string, value: string | null | undefined) => `${label}: ${value?.trim() ? value : '(không có)'}`;
  const lines = [
    field('Tổ chức', `${c.organizationName} (${r.organizationCode})`),
    field('Mã hồ sơ', r.externalId),
    field('Họ và tên', r.fullName),
    field('Ngày sinh', day(r.birthDate, r.birthDatePrecision)),
    field('Giới tính', r.sex ? SEX[r.sex] : null),
    field('Số định danh (CCCD/CMND)', c.idNumber),
    ...(c.idNumberAsEntered && c.idNumberAsEntered !== c.idNumber ? [field('Số định danh như đã ghi khi nhập', c.idNumberAsEntered)] : []),
    field('Số điện thoại', r.phone),
    field('Xã/phường', r.communeCode ? `${c.communeName ?? ''} (mã ${r.communeCode})`.trim() : null),
    ...(r.communeEnteredCode && r.communeEnteredCode !== r.communeCode ? [field('Mã xã như đã ghi khi nhập', r.communeEnteredCode)] : []),
    field('Thôn/bản', r.village),
    field('Dân tộc', r.ethnicity),
    field('Chi hội / đơn vị', r.unit ? `${r.unit.name} (${r.unit.code})` : null),
    field('Ngày vào', day(r.joinDate, r.joinDatePrecision)),
    field('Trạng thái', status(r.status)),
    field('Sinh hoạt gần nhất', day(r.lastActivityDate, r.lastActivityDatePrecision)),
    field(`Đóng ${c.duesTerm} gần nhất`, day(r.lastDuesDate, r.lastDuesDatePrecision)),
    field('Ghi vào hệ thống lúc', vietnamTime(r.createdAt)),
    field('Sửa lần cuối lúc', vietnamTime(r.updatedAt)),
  ];
  const profile = Object.entries(r.profile ?? {}).filter(([, v]) => v !== null && v !== '');
  const value = (v: unknown) => (v === true ? 'có' : v === false ? 'không' : String(v));
  if (profile.length)
    lines.push('', 'Thông tin riêng của tổ chức:', ...profile.map(([k, v]) => `  ${c.profileLabels[k] ?? k}: ${value(v)}`));
  const raw = Object.entries(r.raw ?? {}).filter(([, v]) => v !== null && v !== '');
  if (raw.length)
    lines.push('', 'Như đã ghi khi nhập:', ...raw.map(([k, v]) => `  ${AS_WRITTEN[k as keyof RawValues] ?? k}: ${String(v)}`));
  if (r.importWarnings?.length)
    lines.push('', 'Lưu ý khi nhập:', ...r.importWarnings.map((w) => `  ${w.column ? `${w.column}: ` : ''}${w.message}`));
  lines.push('', 'Quá trình sinh hoạt:');
  if (!c.history.length) lines.push('  (không có)');
  for (const e of c.history) {
    const when = e.effectiveDate ? day(e.effectiveDate, 'DAY') : vietnamTime(e.recordedAt);
    const change = e.fromStatus || e.toStatus ? ` (${[status(e.fromStatus), status(e.toStatus)].filter(Boolean).join(' → ')})` : '';
    lines.push(`  ${when} — ${EVENT[e.kind] ?? e.kind}${change}${e.reason ? `: ${e.reason}` : ''}`);
  }
  return lines;
}
