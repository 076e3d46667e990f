import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { importColumns, matchHeader, type HeaderMatch } from '../roster-columns.js';
import { codeForUnitName } from '../../membership/unit/unit-code.js';
import { readRosterRow } from './roster-row.js';
import { unusedColumns, withMapping } from './her-header.js';

const org = (code: string) => BUILT_IN_ORGANIZATIONS.find((o) => o.code === code)!;
const unitColumn = (m: HeaderMatch | null) => [...(m?.fields ?? [])].find(([, c]) => c.key === 'unit');

describe("a roster's branch column (the member's chi hội, chi đoàn, tổ)", () => {
  it.each(['Chi hội', 'chi hoi', 'CHI ĐOÀN', 'Tổ', 'Đơn vị', 'Tổ công đoàn', 'TO CONG DOAN', 'Chi hội / tổ hội'])(
    '"%s" is read as the unit, by name',
    (header) => {
      const m = matchHeader(['Họ và tên', 'Ngày sinh', header], org('HPN'));
      const [at, col] = unitColumn(m) ?? [];
      expect([at, col?.unitByName]).toEqual([2, true]);
    },
  );

  it('reads the Chi hội column as the unit when an Đơn vị column stands before it (a veteran’s army unit, E141 - F312)', () => {
    const m = matchHeader(['STT', 'Họ và tên', 'Năm sinh', 'Đơn vị', 'Chi hội'], org('CCB'));
    const [at, col] = unitColumn(m)!;
    expect([at, col.unitByName]).toEqual([4, true]);
    expect(m!.unknown).toEqual(['Đơn vị']);
    // Alone, Đơn vị is still her unit.
    expect(unitColumn(matchHeader(['Họ và tên', 'Năm sinh', 'Đơn vị'], org('CCB')))![0]).toBe(2);
  });

  it('keeps the template’s Mã đơn vị a code column, and a file with both reads the code', () => {
    const m = matchHeader(['Họ và tên', 'Mã đơn vị', 'Chi hội'], org('HPN'));
    const [at, col] = unitColumn(m)!;
    expect([at, !!col.unitByName]).toEqual([1, false]);
    expect(m!.unknown).toEqual(['Chi hội']);
  });

  it('reads a unit cell the same way under Mã đơn vị and under a branch header: a code or a name; neither refuses the row', () => {
    const ctx = { today: '2026-12-03' };
    const read = (column: string, cell: string) =>
      readRosterRow({ cells: ['Lò Thị Ỏn', cell] }, matchHeader(['Họ và tên', column], org('HPN'))!, ctx)!;
    for (const column of ['Chi hội', 'Mã đơn vị']) {
      const byName = read(column, 'Chi hội Bản Mới');
      expect([byName.unit, byName.problems]).toEqual(['Chi hội Bản Mới', []]);
      expect(read(column, 'CHI-01').problems).toEqual([]);
      expect(read(column, 'CHI 01!').problems.map((p) => p.message)).toEqual([expect.stringContaining("'CHI 01!' không hợp lệ")]);
    }
    // What differs is only what an unknown unit is created as (a branch column's by its name).
    expect([read('Chi hội', 'X').unitByName, read('Mã đơn vị', 'X').unitByName]).toEqual([true, undefined]);
  });

  it('lists every column read as nothing, and a column she gives a field is read as that field', () => {
    const rows = [['STT', 'Họ và tên', 'Ngày sinh', 'Nhóm sở thích', 'Tổ dân phố số']];
    const m = matchHeader(rows[0], org('HND'))!;
    expect(unusedColumns(m, rows)).toEqual(['Nhóm sở thích', 'Tổ dân phố số']);
    const mapped = withMapping(m, rows, [{ header: 'Tổ dân phố số', field: 'unit' }], importColumns(org('HND')));
    expect(unusedColumns(mapped, rows)).toEqual(['Nhóm sở thích']);
    expect([mapped.fields.get(4)?.key, mapped.fields.get(4)?.unitByName]).toEqual(['unit', true]);
  });

  it.each([
    ['00004', 'Chi hội 1', '00004-CHI-HOI-1'],
    ['00004', 'Thôn Đồng Tâm', '00004-THON-DONG-TAM'],
    // Cut to 32 characters between words, never mid-word (…-TIEU, not …-TIEU-H).
    ['03124', 'Tổ công đoàn trường Tiểu học Thanh Nưa số 2', '03124-TO-CONG-DOAN-TRUONG-TIEU'],
    ['03334', 'Hội LHPN phường Mường Thanh', '03334-HOI-LHPN-PHUONG-MUONG'],
  ])('gives a unit created from the name %s/%s the code %s', async (commune, name, code) => {
    expect(await codeForUnitName(commune, name, () => Promise.resolve(false))).toBe(code);
  });

  it('numbers a second unit of the same name in the same place, within 32 characters', async () => {
    const taken = new Set(['00004-CHI-HOI-1', '00004-CHI-HOI-1-2', '03124-TO-CONG-DOAN-TRUONG-TIEU']);
    const isTaken = (c: string) => Promise.resolve(taken.has(c));
    expect(await codeForUnitName('00004', 'Chi hội 1', isTaken)).toBe('00004-CHI-HOI-1-3');
    expect(await codeForUnitName('03124', 'Tổ công đoàn trường Tiểu học Thanh Nưa số 2', isTaken)).toBe('03124-TO-CONG-DOAN-TRUONG-2');
  });
});
