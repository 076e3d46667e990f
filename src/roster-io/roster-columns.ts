import { headerKey } from '../common/files/header-key.js';
import { POSITION_FIELD, type OrganizationDefinition } from '../membership/organization/organization-definition.js';

/** A column of the roster template: the Vietnamese header, and the other names it is known by. */
export interface RosterColumn {
  key: RosterField | `profile.${string}`;
  header: string;
  aliases: string[];
  /** Shown in the template's example row. */
  example: string;
}

export type RosterField =
  | 'externalId'
  | 'fullName'
  | 'familyMiddle'
  | 'givenName'
  | 'birthDate'
  | 'sex'
  | 'idNumber'
  | 'phone'
  | 'communeCode'
  | 'communeName'
  | 'ethnicity'
  | 'unit'
  | 'joinDate'
  | 'status'
  | 'lastActivityDate'
  | 'lastDuesDate';

/** The template, in its order (issue "Rosters in and out"); profile columns follow. */
export const CORE_COLUMNS: RosterColumn[] = [
  { key: 'externalId', header: 'Mã hồ sơ', aliases: ['ma_ho_so', 'ma_hs', 'ma hs', 'so ho so', 'ma so'], example: 'HS-0001' },
  { key: 'fullName', header: 'Họ và tên', aliases: ['ho_ten', 'ho_va_ten', 'ho ten', 'ten day du'], example: 'Nguyễn Thị Hòa' },
  { key: 'birthDate', header: 'Ngày sinh', aliases: ['ngay_sinh', 'nam sinh', 'ngay thang nam sinh'], example: '12/03/1985' },
  { key: 'sex', header: 'Giới tính', aliases: ['gioi_tinh', 'phai'], example: 'Nữ' },
  { key: 'idNumber', header: 'Số CCCD', aliases: ['so_cccd', 'cccd', 'so dinh danh', 'so_dinh_danh', 'so cmnd', 'cmnd', 'cccd/cmnd', 'so cccd/cmnd'], example: '001185012345' },
  { key: 'phone', header: 'Số điện thoại', aliases: ['so_dien_thoai', 'sdt', 'dien thoai', 'so dt', 'dt'], example: '0912345678' },
  { key: 'communeCode', header: 'Mã xã', aliases: ['ma_xa', 'ma xa/phuong', 'ma phuong xa'], example: '00004' },
  { key: 'ethnicity', header: 'Dân tộc', aliases: ['dan_toc'], example: 'Kinh' },
  { key: 'unit', header: 'Mã đơn vị', aliases: ['ma_don_vi', 'ma chi hoi', 'ma chi doan', 'don vi'], example: 'CHI-01' },
  { key: 'joinDate', header: 'Ngày vào', aliases: ['ngay_vao', 'ngay vao hoi', 'ngay vao doan', 'ngay ket nap', 'ngay gia nhap'], example: '15/05/2010' },
  { key: 'status', header: 'Trạng thái', aliases: ['trang_thai', 'tinh trang'], example: 'Đang sinh hoạt' },
  { key: 'lastActivityDate', header: 'Ngày sinh hoạt gần nhất', aliases: ['ngay_sinh_hoat_gan_nhat', 'sinh hoat gan nhat'], example: '10/10/2026' },
  { key: 'lastDuesDate', header: 'Ngày đóng phí gần nhất', aliases: ['ngay_dong_phi_gan_nhat', 'dong phi gan nhat', 'ngay dong hoi phi'], example: '10/10/2026' },
]; // prettier-ignore

/** Accepted on import, not written by the template or the export. */
export const EXTRA_IMPORT_COLUMNS: RosterColumn[] = [
  { key: 'familyMiddle', header: 'Họ và tên đệm', aliases: ['ho_va_ten_dem', 'ho dem', 'ho va dem', 'ho_dem', 'ho'], example: '' },
  { key: 'givenName', header: 'Tên', aliases: ['ten'], example: '' },
  {
    key: 'communeName',
    header: 'Xã/Phường',
    aliases: ['xa_phuong', 'xa', 'phuong', 'phuong/xa', 'ten xa', 'xa phuong thi tran'],
    example: '',
  },
];

export function templateColumns(def: OrganizationDefinition): RosterColumn[] {
  return [
    ...CORE_COLUMNS,
    ...[POSITION_FIELD, ...def.profileFields].map((f) => ({
      key: `profile.${f.key}` as const,
      header: f.label,
      aliases: [f.key],
      example: f.key === 'position' ? 'Chi hội trưởng' : f.type === 'BOOLEAN' ? 'Không' : '',
    })),
  ];
}

export interface HeaderMatch {
  /** Column index → field. */
  fields: Map<number, RosterColumn>;
  /** Headers that matched nothing (reported once, not an error). */
  unknown: string[];
}

/**
 * Reads a row as the header row when it names `Mã hồ sơ` or `Họ và tên` (or the split name) and at
 * least one more template column; otherwise null (a title row, a blank row, data).
 */
export function matchHeader(cells: string[], def: OrganizationDefinition): HeaderMatch | null {
  // A column's own header wins over another column's alias (DTN's "Ngày vào Đoàn" is its own column).
  const all = [...templateColumns(def), ...EXTRA_IMPORT_COLUMNS];
  const byKey = new Map<string, RosterColumn>();
  for (const c of all) if (!byKey.has(headerKey(c.header))) byKey.set(headerKey(c.header), c);
  for (const c of all) for (const name of c.aliases) if (!byKey.has(headerKey(name))) byKey.set(headerKey(name), c);
  const fields = new Map<number, RosterColumn>();
  const unknown: string[] = [];
  const taken = new Set<string>();
  cells.forEach((cell, i) => {
    const text = cell.trim();
    if (!text) return;
    const col = byKey.get(headerKey(text));
    if (col && !taken.has(col.key)) {
      fields.set(i, col);
      taken.add(col.key);
    } else unknown.push(text);
  });
  const has = (k: string) => taken.has(k);
  const named = has('fullName') || has('givenName');
  if (!(has('externalId') || named) || fields.size < 2) return null;
  return { fields, unknown };
}
