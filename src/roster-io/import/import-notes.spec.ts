import { maskWarning, rowWarnings } from './import-notes.js';
import type { RosterRow } from './roster-row.js';

describe('import warnings', () => {
  it.each([
    ['Số CCCD: 11185012345 được khôi phục thành 011185012345', 'Số CCCD: 111******45 được khôi phục thành 0111******45'],
    ['Số điện thoại 0912 345 678 thiếu số 0', 'Số điện thoại 091*****78 thiếu số 0'],
    ['CMND cũ 040123456', 'CMND cũ 040****56'],
    ['Ngày sinh 1985 chỉ có năm', 'Ngày sinh 1985 chỉ có năm'],
    ['Mã xã 00004', 'Mã xã 00004'],
    ["Ngày sinh: '1975.11.26' không hợp lệ", "Ngày sinh: '1975.11.26' không hợp lệ"],
    ["Ngày vào: '31.02.2016' không hợp lệ", "Ngày vào: '31.02.2016' không hợp lệ"],
    ['CCCD 001.185.012.345', 'CCCD 0011******45'],
  ])('masks ID numbers and phones: %j', (message, masked) => {
    expect(maskWarning(message)).toBe(masked);
  });

  it('keeps the cell warnings and the eligibility issues, each under its column as the file names it and the field it is about', () => {
    const row = {
      warnings: [{ column: 'Số ĐT', value: '912345678', message: 'Số điện thoại 912345678 thiếu số 0', field: 'phone' }],
      columnOf: new Map([
        ['sex', 'Phái'],
        ['birthDate', 'Năm sinh'],
      ]),
    } as unknown as RosterRow;
    const at = '2026-12-01T00:00:00.000Z';
    expect(
      rowWarnings(
        row,
        [
          { code: 'INELIGIBLE_SEX', severity: 'VIOLATION', message: 'Hội viên là nam' },
          { code: 'INELIGIBLE_AGE', severity: 'VIOLATION', message: 'Đã 80 tuổi' },
          { code: 'INELIGIBLE_AGE', severity: 'VIOLATION', message: 'Kết nạp khi 40 tuổi', atAdmission: true },
          { code: 'INELIGIBLE_SERVICE', severity: 'WARNING', message: 'Không có năm nhập ngũ' },
        ],
        at,
      ),
    ).toEqual([
      { column: 'Số ĐT', message: 'Số điện thoại 912****78 thiếu số 0', at, field: 'phone' },
      { column: 'Phái', message: 'Hội viên là nam', at, field: 'sex' },
      { column: 'Năm sinh', message: 'Đã 80 tuổi', at, field: 'birthDate' },
      { column: 'Ngày vào', message: 'Kết nạp khi 40 tuổi', at, field: 'joinDate' },
      { column: null, message: 'Không có năm nhập ngũ', at },
    ]);
  });
});
