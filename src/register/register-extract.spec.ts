import type { FieldProblem } from '../common/errors/field-problem.js';
import { extractHeader, readExtractRow, type ResolveCommune } from './register-extract.js';

const HEADER = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Mã xã', 'Tình trạng', 'Ngày mất'];
/** A commune lookup that knows one code. */
const resolve: ResolveCommune = (code: string | null, problems: FieldProblem[]) => {
  if (code && code !== '00001') problems.push({ field: 'communeCode', value: code, message: `Mã xã: '${code}' không có` });
  return { communeCode: code === '00001' ? code : null, communeEnteredCode: code };
};
const read = (row: Partial<Record<(typeof HEADER)[number], string>>) =>
  readExtractRow(
    HEADER.map((h) => row[h] ?? ''),
    extractHeader(HEADER)!,
    '2026-11-21',
    resolve,
  );

describe('the register extract', () => {
  it.each([
    [HEADER, 7],
    [['ho_ten', 'ngay_sinh', 'so_cccd'], 3],
    [['Họ và tên', 'Ngày sinh'], null],
    [['Ngày sinh', 'Giới tính', 'Số CCCD', 'Mã xã'], null],
    [['Danh sách trích xuất', '', ''], null],
  ])('finds the header in %j (%s columns)', (cells, size) => {
    expect(extractHeader(cells)?.size ?? null).toBe(size);
  });

  it('reads a good row into stored values', () => {
    const r = read({
      'Họ và tên': 'Lò Văn Pâng',
      'Ngày sinh': '1980',
      'Giới tính': 'nam',
      'Mã xã': '00001',
      'Tình trạng': 'Đã mất',
      'Ngày mất': '02/03/2024',
    });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value).toMatchObject({
      fullName: 'Lò Văn Pâng',
      birthDatePrecision: 'YEAR',
      sex: 'MALE',
      idDigits: null,
      commune: { communeCode: '00001', communeEnteredCode: '00001' },
      alive: false,
      deathDate: '2024-03-02',
    });
  });

  it.each([
    [{ 'Tình trạng': '' }, true],
    [{ 'Tình trạng': 'Còn sống' }, true],
    [{ 'Tình trạng': 'chết' }, false],
  ])('reads the state %j as alive = %s', (row, alive) => {
    const r = read({ 'Họ và tên': 'Lò Văn Pâng', ...row });
    expect(r.ok ? r.value.alive : 'refused').toBe(alive);
  });

  it('gives every reason a row is refused, in column order', () => {
    const r = read({
      'Họ và tên': '',
      'Giới tính': 'X',
      'Số CCCD': '123',
      'Mã xã': '99999',
      'Tình trạng': 'mất tích',
      'Ngày mất': '01/01/2030',
    });
    expect(r.ok).toBe(false);
    const reasons = r.ok ? [] : r.message.split('; ').map((m) => m.split(':')[0]);
    expect(reasons).toEqual(['Họ và tên', 'Giới tính', 'Số CCCD', 'Mã xã', 'Tình trạng', 'Ngày mất']);
    expect(r.ok ? '' : r.message).toContain('Ngày mất: ở tương lai');
  });
});
