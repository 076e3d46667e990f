import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openRoster } from '../../common/files/tabular-source.js';
import { loadAdminUnitsData } from '../../geography/admin-units-data.js';
import { CommuneDirectory } from '../../geography/commune-directory.js';
import { communeReader } from '../../geography/commune-from-address.js';
import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import type { ImportSummary } from './import.types.js';
import { SheetReader, type SheetRow, type SkippedRow } from './sheet-reader.js';

const hpn = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HPN')!;
const data = loadAdminUnitsData();
const successors = new Map<string, string[]>();
for (const s of data.successors) successors.set(s.legacyCode, [...(successors.get(s.legacyCode) ?? []), s.communeCode]);
const legacy = data.legacyCommunes.map((l) => ({ ...l, successorCodes: successors.get(l.code) ?? [] }));
const dienBien = new CommuneDirectory(data.communes, legacy, new Map(data.legacyProvinces.map((p) => [p.code, p.successorCodes])), '11');
const address = communeReader(dienBien, { provinces: data.provinces, legacyProvinces: data.legacyProvinces });

/** 14 members as a commune secretary types them: years in the Nam | Nữ columns, CCCDs as numbers, join years. */
const MEMBERS: [string, number | string | Date, string | number, string, string | number, string][] = [
  ['Lò Thị Mai', 1985, 11185012345, 'Thanh Luông', 2005, ''],
  ['Nguyễn Thị Lan (Chi hội trưởng)', new Date(Date.UTC(1979, 7, 15)), '011179012346', 'xã Thanh Luông, huyện Điện Biên', '15/5/2001', ''],
  ['QUÀNG THỊ  HOA', '12/3/1985', 11185012347, 'Thanh Luong', 2010, ''],
  ['Lường Thị Xuân', '1950', 11150012348, 'Thanh Luông', 1975, 'đã mất tháng 8/2026'],
  ['Cà Thị Dung', '15.8.1979', '', 'Thanh Luông', '3/2010', ''],
  ['Tòng Thị Phương', 1990, 912345678, 'Thanh Luông', 2012, ''],
  ['Vì Thị Hương', '20/3/04', '', 'Thanh Luông', 2022, ''],
  ['Lò Thị Hằng', 1988, 11188012350, 'Thanh Luông', 2008, 'Đã chuyển đi Lai Châu T6/2026'],
  ['Nguyễn Thị Thu', 1992, 111790123456, 'Thanh Luông', 2014, ''],
  ['Điêu Thị Ngọc', '31/02/1992', '', 'Thanh Luông', 2015, ''],
  ['Lê Thị Yến', '03/25/1990', '', 'Thanh Luông', 2011, 'CMND cũ'],
  ['Bạc Thị Thoa', 1970, '', 'xã Không Có, tỉnh Điện Biên', 1995, ''],
  ['Hoàng Thị Nga', 1966, '', 'Thanh Luông', 1990, 'cùng là hội viên Hội ND'],
  ['Phạm Thị Sen', 1958, '1.11158E+10', 'Thanh Luông', 1980, ''],
];

async function writeCommuneRoster(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS hội viên');
  ws.addRow(['HỘI LHPN XÃ THANH NƯA', '', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
  ws.addRow(['CHI HỘI BẢN CO MỊ', '', '', '', 'Độc lập - Tự do - Hạnh phúc']);
  ws.addRow([]);
  ws.addRow(['DANH SÁCH HỘI VIÊN HỘI LIÊN HIỆP PHỤ NỮ NĂM 2026']);
  ws.addRow(['(Kèm theo báo cáo số 12/BC-HPN ngày 15/10/2026)']);
  ws.addRow(['STT', 'Họ và tên', 'Năm sinh', '', 'Số CCCD', 'Địa chỉ', '', 'Ngày vào Hội', 'Ghi chú']);
  ws.addRow(['', '', 'Nam', 'Nữ', '', 'Thôn, bản', 'Xã', '', '']);
  ws.mergeCells('C6:D6');
  ws.mergeCells('F6:G6');
  for (const c of ['A', 'B', 'E', 'H', 'I']) ws.mergeCells(`${c}6:${c}7`);
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)']);
  MEMBERS.forEach(([name, birth, id, commune, join, note], i) => {
    ws.addRow([i + 1, name, '', birth, id, 'Bản Co Mị', commune, join, note]);
    if (i === 6) ws.addRow([]);
  });
  ws.addRow([15]);
  ws.addRow(['', 'Tổng cộng: 15 hội viên', '', { formula: 'COUNTA(D9:D23)', result: 14 }]);
  ws.addRow(['', '', '', '', '', 'Thanh Nưa, ngày 15 tháng 10 năm 2026']);
  ws.addRow(['', 'NGƯỜI LẬP BIỂU', '', '', '', 'TM. BAN CHẤP HÀNH']);
  ws.addRow(['', '', '', '', '', 'CHỦ TỊCH']);
  ws.addRow([]);
  ws.addRow(['', 'Lò Thị Thanh', '', '', '', 'Nguyễn Thị Hà']);
  await wb.xlsx.writeFile(file);
}

async function readRoster(file: string) {
  const summary: Pick<ImportSummary, 'sheets' | 'ignoredColumns'> = { sheets: [], ignoredColumns: [] };
  const reader = new SheetReader(hpn, { sourceName: 'ds.xlsx', sourceSha256: 'abcdef0123456789' }, true, summary, {
    today: '2026-12-01',
    address,
  });
  const members: SheetRow[] = [];
  const skipped: SkippedRow[] = [];
  for await (const r of reader.rows((await openRoster(file)).rows)) (r.kind === 'row' ? members : skipped).push(r as never);
  return { members, skipped, summary };
}

describe('a commune roster as a secretary keeps it (.xlsx written by exceljs, read through the parser worker)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'commune-roster-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads 14 of 14 members and nothing of the title, totals or signature rows', async () => {
    const file = path.join(dir, 'ds.xlsx');
    await writeCommuneRoster(file);
    const { members, skipped, summary } = await readRoster(file);
    expect(summary.sheets).toEqual([{ name: 'DS hội viên', headerRow: 6, note: null }]);
    expect(summary.ignoredColumns).toEqual([]);
    // Her village, kept beside the commune it names (it was read and dropped before).
    expect(new Set(members.map((m) => m.row.fields.village))).toEqual(new Set(['Bản Co Mị']));
    expect(members.map((m) => m.row.fields.fullName)).toEqual([
      'Lò Thị Mai', 'Nguyễn Thị Lan', 'Quàng Thị Hoa', 'Lường Thị Xuân', 'Cà Thị Dung', 'Tòng Thị Phương', 'Vì Thị Hương',
      'Lò Thị Hằng', 'Nguyễn Thị Thu', 'Điêu Thị Ngọc', 'Lê Thị Yến', 'Bạc Thị Thoa', 'Hoàng Thị Nga', 'Phạm Thị Sen',
    ]); // prettier-ignore
    expect(
      members.filter((m) => m.row.problems.length || m.row.fields.sex !== 'Nữ').map((m) => [m.row.fields.fullName, m.row.problems]),
    ).toEqual([]);
    expect(skipped.map((s) => [s.source.row, s.reason.replace(/ \('.*$/, '')])).toEqual([
      [8, 'bỏ qua: dòng đánh số cột (1), (2), (3)…'],
      [24, 'bỏ qua: dòng chỉ có số thứ tự (STT), không có hội viên'],
      [25, 'bỏ qua: dòng tổng cộng'],
      [26, 'bỏ qua: dòng địa danh, ngày tháng'],
      [27, 'bỏ qua: dòng chữ ký hoặc tiêu đề'],
      [28, 'bỏ qua: dòng chữ ký hoặc tiêu đề'],
      [30, "bỏ qua: chỉ có họ tên 'Lò Thị Thanh' sau khi danh sách đã hết (tên người ký)"],
    ]);
  });

  it('reads the values as Excel left them: zeros put back, every date form, year-only join dates, communes from addresses', async () => {
    const { members } = await readRoster(path.join(dir, 'ds.xlsx'));
    const by = (name: string) => members.find((m) => m.row.fields.fullName === name)!.row;
    expect(by('Lò Thị Mai').fields).toMatchObject({
      idNumber: '011185012345',
      birthDate: '1985',
      joinDate: '2005',
      communeCode: '03328',
    });
    expect(by('Lò Thị Mai').warnings.map((w) => w.column)).toEqual(['Số CCCD']); // a year-only join date is kept as a year: nothing to warn of
    expect(by('Nguyễn Thị Lan').fields).toMatchObject({ birthDate: '1979-08-15', joinDate: '15/5/2001', communeCode: '03328' });
    expect(by('Nguyễn Thị Lan').warnings[0].message).toContain('Chi hội trưởng');
    expect(by('Quàng Thị Hoa').fields).toMatchObject({ birthDate: '1985-03-12', communeCode: '03328' });
    // `3/2010`: a month of a year, kept as typed (the record writer stores it with MONTH precision); nothing to warn of.
    expect(by('Cà Thị Dung').fields).toMatchObject({ birthDate: '1979-08-15', joinDate: '3/2010' });
    expect(by('Cà Thị Dung').warnings.map((w) => w.column)).not.toContain('Ngày vào');
    expect(by('Vì Thị Hương').fields.birthDate).toBe('2004-03-20');
    expect(by('Lê Thị Yến').fields.birthDate).toBe('1990-03-25');
    // Lost digits, an impossible date, an unknown commune: the cell left empty, the member kept, the problem a warning.
    expect(by('Nguyễn Thị Thu').fields.idNumber).toBeUndefined();
    // A 12-digit number cell with all its digits: no card carries it (no province 111), said as for text, not as E+.
    expect(by('Nguyễn Thị Thu').warnings[0].message).toMatch(/mã tỉnh 111 không tồn tại/);
    expect(by('Phạm Thị Sen').fields.idNumber).toBeUndefined();
    expect(by('Phạm Thị Sen').warnings[0].message).toMatch(/^Số CCCD '1.11158E\+10': Excel đã đổi số này sang dạng lũy thừa/);
    expect(by('Điêu Thị Ngọc').fields.birthDate).toBeUndefined();
    expect(by('Điêu Thị Ngọc').warnings.map((w) => w.column)).toContain('Nữ');
    expect(by('Bạc Thị Thoa').fields.communeCode).toBeUndefined();
    expect(by('Bạc Thị Thoa').warnings.find((w) => w.column === 'Xã')?.value).toBe('xã Không Có, tỉnh Điện Biên');
    expect(by('Lường Thị Xuân').notes.map((n) => n.kind)).toEqual(['DIED']);
    expect(by('Lò Thị Hằng').notes.map((n) => [n.kind, n.detail])).toEqual([['MOVED_AWAY', 'Lai Châu']]);
    expect(by('Lê Thị Yến').notes.map((n) => n.kind)).toEqual(['OLD_ID_CARD']);
    expect(by('Hoàng Thị Nga').notes.map((n) => n.kind)).toEqual(['ALSO_MEMBER']);
  });
});
