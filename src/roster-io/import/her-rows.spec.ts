import { errorSheets, openHerRow, resultSheets, sealHerRow, type HerRow, type KeptRow } from './her-rows.js';

const TEMPLATE = ['Mã hồ sơ', 'Họ và tên', 'Số CCCD'];
/** Her two-row header: STT, then `Họ và tên`, `Năm sinh` over `Nam` | `Nữ`, a CCCD column of her own wording. */
const HEADER = [
  ['STT', 'Họ và tên', 'Năm sinh', '', 'CCCD'],
  ['', '', 'Nam', 'Nữ', ''],
];
const her = (cells: string[], code = '', header = HEADER, codeAt = -1): HerRow => ({ header, cells, codeAt, code });
const kept = (over: Partial<KeptRow>): KeptRow => ({
  sheet: 'DS',
  rowNumber: 5,
  columnName: null,
  value: null,
  message: '',
  cells: [],
  her: null,
  outcome: null,
  ...over,
});

describe('the files she gets back keep her own layout', () => {
  it('seals her row and opens it the same', () => {
    const row = her(['1', 'Lò Thị Lan', '', '1985', '11185012345'], 'HPN-1');
    const sealed = sealHerRow((s) => Buffer.from(s.split('').reverse().join('')), row);
    expect(sealed.toString()).not.toContain('Lò Thị Lan');
    expect(openHerRow((b) => b.toString().split('').reverse().join(''), sealed)).toEqual(row);
  });

  it.each([
    [
      'her header rows and cells, the reason beside them',
      [
        kept({
          rowNumber: 7,
          columnName: 'CCCD',
          value: '1.11E+10',
          message: 'Số CCCD: Excel đã đổi số',
          her: her(['2', 'Cà Thị Ín', '', '1992', '1.11E+10']),
        }),
      ],
      [
        {
          name: 'DS',
          header: [
            ['STT', 'Họ và tên', 'Năm sinh', '', 'CCCD', 'Dòng trong tệp gốc', 'Cột', 'Giá trị', 'Lỗi'],
            ['', '', 'Nam', 'Nữ', '', '', '', '', ''],
          ],
          rows: [['2', 'Cà Thị Ín', '', '1992', '1.11E+10', 'DS!7', 'CCCD', '1.11E+10', 'Số CCCD: Excel đã đổi số']],
        },
      ],
    ],
    [
      'a row stored before her rows were kept: its template cells under the template header; a short row padded',
      [
        kept({ sheet: null, rowNumber: 3, message: 'Họ và tên: trống', cells: ['HS-1', '', '0123'] }),
        kept({ sheet: null, rowNumber: 4, message: 'x', cells: ['HS-2'] }),
      ],
      [
        {
          name: null,
          header: [[...TEMPLATE, 'Dòng trong tệp gốc', 'Cột', 'Giá trị', 'Lỗi']],
          rows: [
            ['HS-1', '', '0123', '3', '', '', 'Họ và tên: trống'],
            ['HS-2', '', '', '4', '', '', 'x'],
          ],
        },
      ],
    ],
  ])('error file: %s', (_what, rows, sheets) => {
    expect(errorSheets(rows, TEMPLATE)).toEqual(sheets);
  });

  it('error file: a row the database refused at the apply (kept with its place and reason only) under the template header', () => {
    const sheets = errorSheets(
      [kept({ sheet: null, rowNumber: 9, message: 'Cơ sở dữ liệu không nhận dòng này', her: her([], 'CD-9', []) })],
      TEMPLATE,
    );
    expect(sheets).toEqual([
      {
        name: null,
        header: [[...TEMPLATE, 'Dòng trong tệp gốc', 'Cột', 'Giá trị', 'Lỗi']],
        rows: [['', '', '', '9', '', '', 'Cơ sở dữ liệu không nhận dòng này']],
      },
    ]);
  });

  it('error file: one sheet per sheet of hers, in file order', () => {
    const other = [['Họ và tên', 'Mã hồ sơ']];
    const sheets = errorSheets(
      [
        kept({ sheet: 'A', her: her(['x'], '', other) }),
        kept({ sheet: 'B', her: her(['y']) }),
        kept({ sheet: 'A', her: her(['z'], '', other) }),
      ],
      TEMPLATE,
    );
    expect(sheets.map((s) => [s.name, s.rows.map((r) => r[0])])).toEqual([
      ['A', ['x', 'z']],
      ['B', ['y']],
    ]);
  });

  it('result file without her Mã hồ sơ: the code in a first column, then her cells, the outcome, why, the warnings', () => {
    const sheets = resultSheets(
      [
        kept({
          rowNumber: 3,
          outcome: 'CREATED',
          message: 'Số CCCD: đã thêm số 0',
          her: her(['1', 'Lò Thị Lan', '', '1985', '11185012345'], 'HPN-a-1'),
        }),
        kept({ rowNumber: 4, outcome: 'REJECTED', message: 'Họ và tên: trống', her: her(['2', '', '', '1990', ''], 'HPN-a-2') }),
        kept({ rowNumber: 5, outcome: 'SKIPPED', message: 'bỏ qua: dòng tổng cộng', her: her(['', 'Tổng cộng: 1'], '') }),
        kept({ rowNumber: 6, outcome: 'UPDATED', her: her(['3', 'Cà Thị Ín'], 'HPN-a-3') }),
        kept({ rowNumber: 7, outcome: 'UNCHANGED', her: her(['4', 'Lò Văn Pâng'], 'HPN-a-4') }),
      ],
      TEMPLATE,
    );
    expect(sheets).toEqual([
      {
        name: 'DS',
        header: [
          ['Mã hồ sơ', 'STT', 'Họ và tên', 'Năm sinh', '', 'CCCD', 'Kết quả', 'Lý do', 'Cảnh báo'],
          ['', '', '', 'Nam', 'Nữ', '', '', '', ''],
        ],
        rows: [
          ['HPN-a-1', '1', 'Lò Thị Lan', '', '1985', '11185012345', 'đã thêm', '', 'Số CCCD: đã thêm số 0'],
          ['HPN-a-2', '2', '', '', '1990', '', 'lỗi', 'Họ và tên: trống', ''],
          ['', '', 'Tổng cộng: 1', '', '', '', 'bỏ qua', 'bỏ qua: dòng tổng cộng', ''],
          ['HPN-a-3', '3', 'Cà Thị Ín', '', '', '', 'đã cập nhật', '', ''],
          ['HPN-a-4', '4', 'Lò Văn Pâng', '', '', '', 'không đổi', '', ''],
        ],
      },
    ]);
  });

  it('result file with her Mã hồ sơ column (assign-ids): the code written into it, her own code kept', () => {
    const header = [['Họ và tên', 'Mã hồ sơ']];
    const [sheet] = resultSheets(
      [
        kept({ outcome: 'CREATED', her: her(['Lò Thị Lan', ''], 'HPN-a-1', header, 1) }),
        kept({ outcome: 'CREATED', her: her(['Cà Thị Ín', 'HS-9'], 'HS-9', header, 1) }),
      ],
      TEMPLATE,
    );
    expect(sheet.header).toEqual([['Họ và tên', 'Mã hồ sơ', 'Kết quả', 'Lý do', 'Cảnh báo']]);
    expect(sheet.rows.map((r) => r.slice(0, 3))).toEqual([
      ['Lò Thị Lan', 'HPN-a-1', 'đã thêm'],
      ['Cà Thị Ín', 'HS-9', 'đã thêm'],
    ]);
  });
});
