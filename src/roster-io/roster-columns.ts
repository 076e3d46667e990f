import { headerKey } from '../common/files/header-key.js';
import {
  POSITION_FIELD,
  type OrganizationDefinition,
  type ProfileFieldDefinition,
} from '../membership/organization/organization-definition.js';

/** A column of the roster template: the Vietnamese header, and the other names it is known by. */
export interface RosterColumn {
  key: RosterField | `profile.${string}`;
  header: string;
  aliases: string[];
  /** Shown in the template's example row. */
  example: string;
  /** The organization's own field a profile column holds: its type says how a cell is read (a DATE as a date cell, as the membership dates are). */
  profileField?: ProfileFieldDefinition;
  /**
   * The unit column under a branch header (`Chi hội`, `Tổ`). Every unit column reads a unit's code or
   * its name the same way (reading/unit-cell.ts, import-units.ts); under a branch header an unknown
   * unit is created (`--create-units`) by its name, never with the cell as its code.
   */
  unitByName?: boolean;
}

export type RosterField =
  | 'externalId'
  | 'fullName'
  | 'familyMiddle'
  | 'middleName'
  | 'givenName'
  | 'birthDate'
  | 'sex'
  | 'idNumber'
  | 'phone'
  | 'communeCode'
  | 'communeName'
  | 'ethnicity'
  /** `Thôn, bản` (or under `Địa chỉ`): the member's village within the commune. */
  | 'village'
  | 'unit'
  | 'joinDate'
  | 'status'
  | 'lastActivityDate'
  | 'lastDuesDate'
  /** Free address text (`Quê quán`, `Nơi ở`, `Xã` under `Địa chỉ`): the commune is read from it. */
  | 'address'
  /** `Ghi chú`: facts suggested on the record (note-facts.ts). */
  | 'note'
  /** `Nam` | `Nữ` under `Năm sinh` or `Giới tính`: the year (or a mark) in the column of the person's sex. */
  | 'bySexMale'
  | 'bySexFemale';

/** The template, in its order (issue "Rosters in and out"); profile columns follow. */
export const CORE_COLUMNS: RosterColumn[] = [
  { key: 'externalId', header: 'Mã hồ sơ', aliases: ['ma_ho_so', 'ma_hs', 'ma hs', 'so ho so', 'ma so'], example: 'HS-0001' },
  { key: 'fullName', header: 'Họ và tên', aliases: ['ho_ten', 'ho_va_ten', 'ho ten', 'ten day du', 'ho va ten khai sinh', 'ho ten khai sinh', 'ho va ten hoi vien', 'ho va ten doan vien'], example: 'Nguyễn Thị Hòa' },
  { key: 'birthDate', header: 'Ngày sinh', aliases: ['ngay_sinh', 'nam sinh', 'ngay thang nam sinh', 'sinh ngay', 'ngay, thang, nam sinh'], example: '12/03/1985' },
  { key: 'sex', header: 'Giới tính', aliases: ['gioi_tinh', 'phai', 'nam/nu'], example: 'Nữ' },
  { key: 'idNumber', header: 'Số CCCD', aliases: ['so_cccd', 'cccd', 'so dinh danh', 'so_dinh_danh', 'so cmnd', 'cmnd', 'cccd/cmnd', 'so cccd/cmnd', 'so cmnd/cccd', 'so can cuoc', 'can cuoc cong dan', 'so dinh danh ca nhan', 'so ddcn', 'ddcn', 'ma dinh danh'], example: '001185012345' },
  { key: 'phone', header: 'Số điện thoại', aliases: ['so_dien_thoai', 'sdt', 'dien thoai', 'so dt', 'dt'], example: '0912345678' },
  { key: 'communeCode', header: 'Mã xã', aliases: ['ma_xa', 'ma xa/phuong', 'ma phuong xa'], example: '00004' },
  { key: 'village', header: 'Thôn/bản', aliases: ['thon', 'thon, ban', 'thon_ban', 'thon xom', 'xom', 'ban', 'thon, to dan pho', 'thon/to', 'to dan pho', 'ap', 'khu pho', 'thon ban xom', 'ten thon'], example: 'Thôn Đông' },
  { key: 'ethnicity', header: 'Dân tộc', aliases: ['dan_toc'], example: 'Kinh' },
  { key: 'unit', header: 'Mã đơn vị', aliases: ['ma_don_vi', 'ma chi hoi', 'ma chi doan'], example: 'CHI-01' },
  { key: 'joinDate', header: 'Ngày vào', aliases: ['ngay_vao', 'ngay vao hoi', 'ngay vao doan', 'ngay ket nap', 'ngay gia nhap', 'nam vao hoi', 'nam ket nap', 'ngay thang nam vao hoi', 'thoi gian vao hoi', 'ngay vao cong doan', 'ngay gia nhap cong doan', 'nam vao cong doan'], example: '15/05/2010' },
  { key: 'status', header: 'Trạng thái', aliases: ['trang_thai', 'tinh trang'], example: 'Đang sinh hoạt' },
  { key: 'lastActivityDate', header: 'Ngày sinh hoạt gần nhất', aliases: ['ngay_sinh_hoat_gan_nhat', 'sinh hoat gan nhat'], example: '10/10/2026' },
  { key: 'lastDuesDate', header: 'Ngày đóng phí gần nhất', aliases: ['ngay_dong_phi_gan_nhat', 'dong phi gan nhat', 'ngay dong hoi phi'], example: '10/10/2026' },
]; // prettier-ignore

/**
 * The branch headers rosters use for the member's unit (accents, case, spaces and punctuation do not
 * count): read as the unit column, by the unit's code or name as `Mã đơn vị` is (import-units.ts).
 */
export const BRANCH_HEADERS = [
  'Chi hội', 'Chi đoàn', 'Tổ', 'Đơn vị', 'Tổ công đoàn', 'Chi hội/tổ hội', 'Tổ hội',
  'Tên chi hội', 'Tên chi đoàn', 'Thuộc chi hội', 'Sinh hoạt tại chi hội', 'Đơn vị sinh hoạt', 'Chi hội/đơn vị',
]; // prettier-ignore

/** The unit as a branch column names it: what a column of hers read as `unit` by name is. */
export const UNIT_BY_NAME: RosterColumn = { key: 'unit', header: 'Chi hội/đơn vị', aliases: BRANCH_HEADERS, example: '', unitByName: true };

/** Accepted on import, not written by the template or the export. */
/** A name split over columns, in the order its parts are joined (`Họ` `Chữ đệm` `Tên`). */
export const SPLIT_NAME_FIELDS = ['familyMiddle', 'middleName', 'givenName'] as const;

export const EXTRA_IMPORT_COLUMNS: RosterColumn[] = [
  UNIT_BY_NAME,
  // `Nam` | `Nữ` as columns of their own in a one-row header (marks or the year in the column of the sex).
  { key: 'bySexMale', header: 'Nam', aliases: [], example: '' },
  { key: 'bySexFemale', header: 'Nữ', aliases: [], example: '' },
  { key: 'familyMiddle', header: 'Họ và tên đệm', aliases: ['ho_va_ten_dem', 'ho dem', 'ho va dem', 'ho_dem', 'ho'], example: '' },
  // The middle name in a column of its own, between `Họ` and `Tên`.
  { key: 'middleName', header: 'Chữ đệm', aliases: ['ten dem', 'dem', 'chu lot', 'ten lot', 'lot'], example: '' },
  { key: 'givenName', header: 'Tên', aliases: ['ten'], example: '' },
  {
    key: 'communeName',
    header: 'Xã/Phường',
    aliases: ['xa_phuong', 'xa', 'phuong', 'phuong/xa', 'ten xa', 'xa phuong thi tran'],
    example: '',
  },
  {
    key: 'address',
    header: 'Địa chỉ',
    aliases: ['dia_chi', 'que quan', 'noi o', 'noi o hien nay', 'cho o hien nay', 'noi thuong tru', 'dia chi thuong tru', 'thuong tru'],
    example: '',
  },
  { key: 'note', header: 'Ghi chú', aliases: ['ghi_chu'], example: '' },
];

/**
 * `Quê quán`, `Nguyên quán`: where she comes from, read as her address only in a file with no column of where she
 * lives, and not a workplace's (matchHeaderCells).
 */
const HOMETOWN_HEADERS = new Set(['quequan', 'nguyenquan']);
/**
 * `Đơn vị` alone: a member's unit, unless the file has a chi hội column too — then it is something else
 * (a veteran's army unit, a worker's employer), and the chi hội column is the unit.
 */
const GENERIC_UNIT_HEADERS = new Set(['donvi']);
/** Whether her header is a bare `Đơn vị` (what else it may mean, see above). */
export const isBareUnitHeader = (header: string): boolean => GENERIC_UNIT_HEADERS.has(headerKey(header));
/** The columns that say where a member lives (and a hometown then does not). */
const PLACE_KEYS = ['address', 'communeName', 'communeCode'];

/** The row-number column (`STT`): known, never stored, never listed as ignored (row-kind.ts tells an STT-only row). */
export const ROW_NUMBER_HEADERS = new Set(['stt', 'tt', 'sott', 'sothutu']);

/** The columns our error file adds after hers (her-rows.ts): where, which column, which value, what to do. */
export const ERROR_COLUMNS = ['Dòng trong tệp gốc', 'Cột', 'Giá trị', 'Lỗi'];
/** The columns our result file adds after hers: what became of the row, why (refused or skipped), the warnings kept on the record. */
export const RESULT_COLUMNS = ['Kết quả', 'Lý do', 'Cảnh báo'];
/** The names the roster export writes beside the commune's and the unit's codes (the codes are what is read). */
export const EXPORT_NAME_COLUMNS = { commune: 'Tên xã/phường', unit: 'Tên đơn vị' } as const;
/**
 * Our own columns in a file brought back: known, never read (what the error and result columns say
 * is the last import's, not hers; the export's names follow the codes beside them).
 */
const OUR_COLUMNS = new Set([...ERROR_COLUMNS, ...RESULT_COLUMNS, ...Object.values(EXPORT_NAME_COLUMNS)].map(headerKey));

export function templateColumns(def: OrganizationDefinition): RosterColumn[] {
  return [
    ...CORE_COLUMNS,
    ...[POSITION_FIELD, ...def.profileFields].map((f) => ({
      key: `profile.${f.key}` as const,
      header: f.label,
      aliases: f.key === 'position' ? [f.key, 'chuc danh', 'chuc vu trong hoi'] : [f.key, ...(f.aliases ?? [])],
      example: f.key === 'position' ? 'Chi hội trưởng' : f.type === 'BOOLEAN' ? 'Không' : '',
      profileField: f,
    })),
  ];
}

export interface HeaderMatch {
  /** Column index → field. */
  fields: Map<number, RosterColumn>;
  /** Headers that matched nothing (reported once, not an error). */
  unknown: string[];
  /** The STT column, if any. */
  rowNumber: number | null;
  /** Our own columns (an error or result file brought back): not listed as unknown, their cells blanked before a row is read. */
  ours: number[];
  /** Column index → her header as her file writes it (both rows of a two-row header): what a row's messages name. */
  texts?: Map<number, string>;
}

/** A header cell: its own text and, under a merged header of two rows, the text of the cell above it. */
export interface HeaderCell {
  parent: string | null;
  text: string;
}

/**
 * Reads a row as the header row when it names `Mã hồ sơ` or `Họ và tên` (or the split name) and at
 * least one more template column; otherwise null (a title row, a blank row, data).
 */
export function matchHeader(cells: string[], def: OrganizationDefinition): HeaderMatch | null {
  return matchHeaderCells(
    cells.map((text) => ({ parent: null, text: text ?? '' })),
    def,
  );
}

/** Every column an import reads: the template's, then those accepted on import only. */
export function importColumns(def: OrganizationDefinition): RosterColumn[] {
  return [...templateColumns(def), ...EXTRA_IMPORT_COLUMNS];
}

/** What a column of her file can be read as (one column per field: the unit by name is the unit). */
export function mappableColumns(def: OrganizationDefinition): RosterColumn[] {
  return importColumns(def).filter((c) => c !== UNIT_BY_NAME);
}

/** The columns by folded header (a column's own header wins over another column's alias: DTN's "Ngày vào Đoàn"). */
export function columnsByKey(def: OrganizationDefinition): Map<string, RosterColumn> {
  const all = importColumns(def);
  const byKey = new Map<string, RosterColumn>();
  for (const c of all) if (!byKey.has(headerKey(c.header))) byKey.set(headerKey(c.header), c);
  for (const c of all) for (const name of c.aliases) if (!byKey.has(headerKey(name))) byKey.set(headerKey(name), c);
  return byKey;
}

/** matchHeader over cells that may sit under a merged parent (header-rows.ts says which column each means). */
export function matchHeaderCells(cells: HeaderCell[], def: OrganizationDefinition, columnOf = plainColumn): HeaderMatch | null {
  const byKey = columnsByKey(def);
  const fields = new Map<number, RosterColumn>();
  const unknown: string[] = [];
  const taken = new Set<string>();
  const ours: number[] = [];
  let rowNumber: number | null = null;
  // Her hometown is where she lives only when the file says nothing else of it: read after every other column.
  const hometown = (cell: HeaderCell) => HOMETOWN_HEADERS.has(headerKey(cell.parent ?? cell.text));
  // …and a bare `Đơn vị` after the branch columns: a `Chi hội` beside it is the member's unit.
  const last = (cell: HeaderCell) => (hometown(cell) ? 2 : GENERIC_UNIT_HEADERS.has(headerKey(cell.text)) ? 1 : 0);
  const order = [...cells.keys()].sort((a, b) => last(cells[a]) - last(cells[b]) || a - b);
  order.forEach((i) => {
    const cell = cells[i];
    const text = cell.text.trim();
    if (!text) return;
    if (!cell.parent && ROW_NUMBER_HEADERS.has(headerKey(text))) {
      rowNumber ??= i;
      return;
    }
    let col = columnOf(cell, byKey);
    // …and never on a workplace's list (Công đoàn): a worker's hometown is often a province away from where she lives.
    if (col && hometown(cell) && (def.workplaceMembership || PLACE_KEYS.some((k) => taken.has(k)))) col = undefined;
    // `Họ` | `Họ đệm` | `Tên`: the second family-name column is the middle name.
    if (col?.key === 'familyMiddle' && taken.has('familyMiddle')) col = byKey.get(headerKey('Chữ đệm'));
    if (col && !taken.has(col.key)) {
      fields.set(i, col);
      taken.add(col.key);
    } else if (!cell.parent && OUR_COLUMNS.has(headerKey(text))) ours.push(i);
    else unknown.push(cell.parent ? `${cell.parent.trim()}: ${text}` : text);
  });
  const has = (k: string) => taken.has(k);
  const named = has('fullName') || has('givenName');
  if (!(has('externalId') || named) || fields.size < 2) return null;
  return { fields, unknown, rowNumber, ours };
}

function plainColumn(cell: HeaderCell, byKey: Map<string, RosterColumn>): RosterColumn | undefined {
  return columnNamed(cell.text, byKey);
}

/**
 * The column a header's text names: as written; else without what it adds in brackets (`Địa chỉ
 * (thôn/xóm)`); else by the one column its alternatives name (`Số ĐDCN/CCCD`, `SĐT; Zalo`), never
 * when they name two. Pure.
 */
export function columnNamed(text: string, byKey: Map<string, RosterColumn>): RosterColumn | undefined {
  const exact = byKey.get(headerKey(text));
  if (exact) return exact;
  const bare = text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').trim();
  if (bare && bare !== text.trim()) return columnNamed(bare, byKey);
  const named = new Set(
    text
      .split(/[/;|]/)
      .map((part) => byKey.get(headerKey(part)))
      .filter((c): c is RosterColumn => !!c),
  );
  if (named.size === 1) return [...named][0];
  // `Thôn/Chi hội`: a commune's chi hội, one to a thôn and named after it — the chi hội it names.
  const keys = [...named].map((c) => c.key).sort();
  return keys.join() === 'unit,village' ? [...named].find((c) => c.key === 'unit') : undefined;
}
