import path from 'node:path';
import { projectRoot } from '../../common/files/project-root.js';
import { openRoster, type SourceRow } from '../../common/files/tabular-source.js';
import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import type { ImportSummary } from './import.types.js';
import { rowDigest, rowPlace, SheetReader, type SheetRow, type SkippedRow } from './sheet-reader.js';

const hnd = BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HND')!;
const job = { sourceName: 'ds.xlsx', sourceSha256: 'abcdef0123456789' };

async function* source(rows: SourceRow[]): AsyncGenerator<SourceRow> {
  for (const r of rows) yield await Promise.resolve(r);
}

/** Reads the rows through a SheetReader; the summary shows what it said of sheets and columns. */
async function read(rows: SourceRow[], assignIds = false, from: AsyncIterable<SourceRow> = source(rows)) {
  const summary: Pick<ImportSummary, 'sheets' | 'ignoredColumns'> = { sheets: [], ignoredColumns: [] };
  const out: SheetRow[] = [];
  const skipped: SkippedRow[] = [];
  for await (const r of new SheetReader(hnd, job, assignIds, summary, { today: '2026-12-01' }).rows(from))
    if (r.kind === 'row') out.push(r);
    else skipped.push(r);
  return { out, skipped, summary };
}

const s = (sheet: string | null, row: number, ...cells: string[]): SourceRow => ({ sheet, row, cells });

describe('reading a roster sheet by sheet', () => {
  it('skips a sheet without a header row (said so), finds the header under a title, numbers data rows across sheets', async () => {
    const { out, summary } = await read([
      s('Bìa', 1, 'DANH SÁCH HỘI VIÊN', ''),
      s('DS', 1, 'DANH SÁCH CHI HỘI 1', '', ''),
      s('DS', 2, 'Họ và tên', 'Ghi chú', 'Mã hồ sơ'),
      s('DS', 3, 'Nguyễn Văn An', 'x', 'HS-1'),
      s('DS', 4, '', '', ''),
      s('DS2', 1, 'Mã hồ sơ', 'Họ và tên'),
      s('DS2', 2, 'HS-2', 'Lê Thị Bình'),
    ]);
    expect(summary.sheets).toEqual([
      { name: 'Bìa', headerRow: null, note: 'không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…): bỏ qua' },
      { name: 'DS', headerRow: 2, note: null },
      { name: 'DS2', headerRow: 1, note: null },
    ]);
    // Ghi chú is read now (its facts are suggested on the record): no longer an ignored column.
    expect(summary.ignoredColumns).toEqual([]);
    expect(out.map((r) => [r.ordinal, r.row.externalId, rowPlace(r.source)])).toEqual([
      [1, 'HS-1', 'dòng 3 (trang DS)'],
      [2, 'HS-2', 'dòng 2 (trang DS2)'],
    ]);
  });

  it("puts a row's cells in the template's columns (Mã hồ sơ first, missing columns empty)", async () => {
    const { out } = await read([s(null, 1, 'Họ và tên', 'Mã hồ sơ', 'Giới tính'), s(null, 2, 'Nguyễn Văn An', 'HS-1', 'Nam')]);
    const cells = out[0].templateCells();
    expect(cells.slice(0, 4)).toEqual(['HS-1', 'Nguyễn Văn An', '', 'Nam']);
    expect(cells.slice(4).every((c) => c === '')).toBe(true);
  });

  it('gives a row without a code the same code from the same file (assignIds), and drops its missing-code problem', async () => {
    const rows = [s(null, 1, 'Họ và tên', 'Mã hồ sơ'), s(null, 2, 'Nguyễn Văn An', ''), s(null, 3, 'Lê Thị Bình', 'HS-9')];
    const { out } = await read(rows, true);
    expect(out.map((r) => r.row.externalId)).toEqual(['HND-abcdef01-1', 'HS-9']);
    expect(out[0].row.problems).toEqual([]);
    expect(out[0].templateCells()[0]).toBe('HND-abcdef01-1');
    const without = await read(rows);
    expect(without.out[0].row.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Mã hồ sơ:/)]);
  });

  it('assigns codes to a sheet without Mã hồ sơ, asked or not (issue 16), and refuses a file with no header at all', async () => {
    const noCode = [s('DS', 1, 'Họ và tên', 'Giới tính'), s('DS', 2, 'Nguyễn Văn An', 'Nam')];
    await expect(read(noCode)).resolves.toMatchObject({ out: [{ ordinal: 1, row: { externalId: 'HND-abcdef01-1' } }] });
    await expect(read(noCode, true)).resolves.toMatchObject({ out: [{ ordinal: 1 }] });
    await expect(read([s(null, 1, 'a', 'b'), s(null, 2, 'c', 'd')])).rejects.toThrow(
      "không tìm thấy dòng tiêu đề (Mã hồ sơ, Họ và tên…) trong tệp 'ds.xlsx'",
    );
  });

  it('says a workbook typed in an old font encoding (.VnTime: TCVN3) is one, and how to convert it, rather than that it has no header', async () => {
    const tcvn3 = [
      s('DS', 1, 'HéI LHPN X· THANH Y£N'),
      s('DS', 2, 'DANH S¸CH HéI VI£N N¡M 2026'),
      s('DS', 4, 'STT', 'Hä vµ tªn', 'N¨m sinh', 'Giíi tÝnh', 'D©n téc', '§Þa chØ'),
      s('DS', 5, '1', 'NguyÔn ThÞ H\u00ad¬ng', '1975', 'N÷', 'Kinh', 'B¶n Phñ, x· Thanh Yªn'),
      s('DS', 6, '2', 'Lß ThÞ ¸nh', '1982', 'N÷', 'Th¸i', 'B¶n Phñ, x· Thanh Yªn'),
    ];
    await expect(read(tcvn3)).rejects.toThrow("'ds.xlsx' có vẻ được gõ bằng bảng mã TCVN3 (phông .Vn…/VNI-…), không phải Unicode");
  });

  it('puts the members beside a chi hội merged down their rows in that chi hội, and no other column so', async () => {
    const header = s('DS', 1, 'Họ và tên', 'Năm sinh', 'Chi hội', 'Ghi chú');
    const { out } = await read([
      header,
      s('DS', 2, 'Lò Văn Một', '1970', 'Chi hội Bản Phủ', 'Tổ trưởng'),
      { ...s('DS', 3, 'Lò Văn Hai', '1971'), merged: [null, null, 'Chi hội Bản Phủ', 'Tổ trưởng'] },
    ]);
    expect(out.map((r) => [r.row.fields.fullName, r.row.unit ?? null, r.source.cells[3] ?? ''])).toEqual([
      ['Lò Văn Một', 'Chi hội Bản Phủ', 'Tổ trưởng'],
      ['Lò Văn Hai', 'Chi hội Bản Phủ', ''],
    ]);
  });

  it('says a sheet holds a second table beside the first (its name column again), and that it was not read', async () => {
    const { out, summary } = await read([
      s('DS', 1, 'STT', 'Họ và tên', 'Năm sinh', '', 'STT', 'Họ và tên', 'Năm sinh'),
      s('DS', 2, '1', 'Lò Thị Một', '1970', '', '1', 'Lò Thị Sáu', '1975'),
    ]);
    expect(out.map((r) => r.row.fields.fullName)).toEqual(['Lò Thị Một']);
    expect(summary.sheets[0].note).toBe(
      "có hai bảng cạnh nhau (cột 'Họ và tên' lặp lại ở cột F): chỉ đọc bảng bên trái; bảng từ cột F chưa được nhập — hãy chuyển bảng đó xuống dưới bảng đầu (cùng thứ tự cột) hoặc sang một trang tính riêng rồi nhập lại",
    );
  });

  it('skips a row she struck through (a name crossed off), saying so, and reads the rest', async () => {
    const { out, skipped } = await read([
      s('DS', 1, 'Họ và tên', 'Năm sinh'),
      { ...s('DS', 2, 'Lò Văn Gạch', '1971'), struck: true },
      s('DS', 3, 'Lò Văn Còn', '1970'),
    ]);
    expect(out.map((r) => r.row.fields.fullName)).toEqual(['Lò Văn Còn']);
    expect(skipped.map((r) => [r.source.row, r.reason])).toEqual([[2, expect.stringContaining('dòng bị gạch ngang trong tệp')]]);
  });

  it('keeps her row under her header (two rows), where her Mã hồ sơ is, and whether it goes into a result file', async () => {
    const { out, skipped } = await read([
      s('DS', 1, 'STT', 'Họ và tên', 'Năm sinh', ''),
      s('DS', 2, '', '', 'Nam', 'Nữ'),
      s('DS', 3, '1', 'Lò Thị Lan', '', '1985'),
      s('DS', 4, '', 'Tổng cộng: 1 hội viên', '', ''),
      s('B', 1, 'Mã hồ sơ', 'Họ và tên'),
      s('B', 2, 'HS-1', 'Cà Văn Pâng'),
    ]);
    expect(out.map((r) => [r.her(), r.inResult])).toEqual([
      [
        {
          header: [
            ['STT', 'Họ và tên', 'Năm sinh', ''],
            ['', '', 'Nam', 'Nữ'],
          ],
          cells: ['1', 'Lò Thị Lan', '', '1985'],
          codeAt: -1,
          code: 'HND-abcdef01-1',
        },
        true,
      ],
      [{ header: [['Mã hồ sơ', 'Họ và tên']], cells: ['HS-1', 'Cà Văn Pâng'], codeAt: 0, code: 'HS-1' }, false],
    ]);
    expect(skipped.map((r) => [r.after, r.her().cells, r.inResult])).toEqual([[1, ['', 'Tổng cộng: 1 hội viên', '', ''], true]]);
    // Asked to assign codes, every row goes into the result file.
    expect((await read([s(null, 1, 'Mã hồ sơ', 'Họ và tên'), s(null, 2, 'HS-1', 'Cà Văn Pâng')], true)).out[0].inResult).toBe(true);
  });

  it('keeps her cells as she typed them: a date cell as dd/mm/yyyy text, not the ISO form it is read in; text exactly', async () => {
    const typed: SourceRow = {
      ...s('DS', 2, 'Lò Thị Lan', '1985-03-12', '12/3/1985', '011185012345'),
      values: ['Lò Thị Lan', new Date(Date.UTC(1985, 2, 12)), '12/3/1985', '011185012345'],
    };
    const { out } = await read([s('DS', 1, 'Họ và tên', 'Ngày sinh', 'Ngày vào Hội', 'Số CCCD'), typed]);
    expect(out[0].her().cells).toEqual(['Lò Thị Lan', '12/03/1985', '12/3/1985', '011185012345']);
    // The reader still reads the date cell.
    expect(out[0].row.fields.birthDate).toBe('1985-03-12');
  });

  it('reads a result or error file brought back: our own columns known and left out, their cells never making what a row is', async () => {
    const header = [
      'Mã hồ sơ',
      'STT',
      'Họ và tên',
      'Năm sinh',
      '',
      'Kết quả',
      'Lý do',
      'Cảnh báo',
      'Dòng trong tệp gốc',
      'Cột',
      'Giá trị',
      'Lỗi',
    ];
    const { out, skipped, summary } = await read([
      s('DS', 1, ...header),
      s('DS', 2, '', '', '', 'Nam', 'Nữ', '', '', ''),
      s('DS', 3, '', '(1)', '(2)', '(3)', '(4)', 'bỏ qua', 'bỏ qua: dòng đánh số cột (1), (2), (3)…', ''),
      s('DS', 4, 'HND-1', '1', 'Lò Thị Lan', '', '1985', 'đã thêm', '', 'Số CCCD: thiếu', 'DS!9', 'Số CCCD', 'x', 'Lỗi'),
      s('DS', 5, '', 'Cộng', '1 hội viên', '', '', 'bỏ qua', "bỏ qua: dòng tổng cộng ('Cộng 1 hội viên')", ''),
    ]);
    expect(summary.ignoredColumns).toEqual([]);
    expect(skipped.map((r) => r.reason)).toEqual(['bỏ qua: dòng đánh số cột (1), (2), (3)…', "bỏ qua: dòng tổng cộng ('Cộng 1 hội viên')"]);
    expect(out.map((r) => [r.row.externalId, r.row.problems])).toEqual([['HND-1', []]]);
    // Her row as she had it, without our columns (the new file adds its own).
    expect(out[0].her()).toEqual({
      header: [
        ['Mã hồ sơ', 'STT', 'Họ và tên', 'Năm sinh', ''],
        ['', '', '', 'Nam', 'Nữ'],
      ],
      cells: ['HND-1', '1', 'Lò Thị Lan', '', '1985'],
      codeAt: 0,
      code: 'HND-1',
    });
  });

  it('digests the Ghi chú facts too: a row whose only change is its note is not unchanged; a note without facts digests as no note', async () => {
    const { out } = await read([
      s(null, 1, 'Mã hồ sơ', 'Họ và tên', 'Ghi chú'),
      s(null, 2, 'HS-1', 'Nguyễn Văn An', 'Đã chuyển đi Lai Châu T6/2026'),
      s(null, 3, 'HS-1', 'Nguyễn Văn An', 'đã mất tháng 8/2026'),
      s(null, 4, 'HS-1', 'Nguyễn Văn An', ''),
    ]);
    const [moved, died, none] = out.map((r) => rowDigest(r.row));
    expect(moved.equals(died)).toBe(false);
    expect(moved.equals(none)).toBe(false);
    const plain = (await read([s(null, 1, 'Mã hồ sơ', 'Họ và tên'), s(null, 2, 'HS-1', 'Nguyễn Văn An')])).out[0];
    expect(rowDigest(plain.row).equals(none)).toBe(true);
  });

  it('digests what a row says: the same values give the same 16 bytes, another value another', async () => {
    const { out } = await read([
      s(null, 1, 'Mã hồ sơ', 'Họ và tên', 'Ghi chú'),
      s(null, 2, 'HS-1', 'Nguyễn Văn An', 'a'),
      s(null, 3, 'HS-1', 'Nguyễn Văn An', 'b'),
      s(null, 4, 'HS-1', 'Nguyễn Văn Ân', 'a'),
    ]);
    const [a, b, c] = out.map((r) => rowDigest(r.row));
    expect(a).toHaveLength(16);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('reads a phone alone on the line under a member with no phone as hers (her second line, the rest merged); never over her own', async () => {
    const { out, skipped } = await read([
      s('DS', 1, 'Mã hồ sơ', 'Họ và tên', 'Ngày sinh', 'Số điện thoại'),
      s('DS', 2, 'HS-1', 'Lò Thị Một', '1985', ''),
      s('DS', 3, '', '', '', '0350 280 569'),
      s('DS', 4, 'HS-2', 'Lò Thị Hai', '1986', '0912345678'),
      s('DS', 5, '', '', '', '0987 654 321'),
      s('DS', 6, 'HS-3', 'Lò Thị Ba', '1987', ''),
      s('DS', 7, '', '', '', ''),
      s('DS', 8, '', '', '', '0911 222 333'),
    ]);
    expect(out.map((r) => [r.ordinal, r.row.externalId, r.row.fields.phone ?? null])).toEqual([
      [1, 'HS-1', '0350 280 569'],
      [2, 'HS-2', '0912345678'],
      [3, 'HS-3', null],
    ]);
    expect(skipped.map((l) => [l.source.row, l.after, l.reason])).toEqual([
      [3, 1, expect.stringMatching(/^dòng chỉ có số điện thoại \('035\*+569'\), ngay dưới hội viên ở dòng 2/)],
      [5, 2, expect.stringMatching(/^bỏ qua: dòng chỉ có số điện thoại/)],
      [8, 3, expect.stringMatching(/^bỏ qua: dòng chỉ có số điện thoại/)],
    ]);
  });

  describe('odd workbooks other programs write (test/fixtures/odd-xlsx, made by make-odd-xlsx.py)', () => {
    const odd = (name: string) => path.join(projectRoot(), 'test/fixtures/odd-xlsx', name);
    const readFile = async (name: string) => read([], false, (await openRoster(odd(name))).rows);
    const said = (r: SheetRow) => [...r.row.problems, ...r.row.warnings].map((p) => `${p.column}: ${p.message}`);

    it('refuses, in their own field, formulas saved without a result (never read as empty): open in Excel/LibreOffice and save', async () => {
      const { out } = await readFile('uncached-formulas.openpyxl.xlsx');
      expect(out.map((r) => [r.source.row, r.row.externalId, r.row.fields.fullName ?? null])).toEqual([
        [2, 'F-1', 'Nguyễn Văn An'],
        [3, 'F-2', null],
        [4, '', 'Trần Văn Cường'],
      ]);
      const [, f2, f3] = out;
      // The name refuses the row; the birth date is a warning (the field left empty).
      expect(f2.row.problems.map((p) => [p.column, p.value, p.message])).toEqual([
        [
          'Họ và tên',
          '=F2',
          "Họ và tên (ô B3): ô là công thức '=F2' nhưng tệp không lưu kết quả của công thức (tệp do một chương trình không tính công thức tạo ra), nên không đọc được giá trị: hãy mở tệp bằng Excel hoặc LibreOffice, bấm Lưu (Save) rồi gửi lại",
        ],
      ]);
      expect(f2.row.warnings.map((p) => p.message)).toEqual([
        expect.stringMatching(/^Ngày sinh \(ô C3\): ô là công thức '=DATE\(1986,4,5\)'/),
      ]);
      expect(f2.row.fields.birthDate).toBeUndefined();
      expect(said(f3)).toEqual([expect.stringMatching(/^Mã hồ sơ: Mã hồ sơ \(ô A4\): ô là công thức '="F-"&"3"'.*bấm Lưu/)]);
    });

    it('reads a row of formulas saved without results right under the header as a row (refused), not as a blank line', async () => {
      const formulas = (row: number, ...f: string[]): SourceRow => ({
        ...s('DS', row, '', ''),
        unreadable: f.map((formula, at) => ({ at, formula })),
      });
      const { out } = await read([
        s('DS', 1, 'Mã hồ sơ', 'Họ và tên'),
        formulas(2, '"FM0"', '"Hoàng Thị "&"Yến A"'),
        formulas(3, '"FM1"', '"Lò Thị Ỏn"'),
      ]);
      expect(out.map((r) => [r.source.row, r.row.problems.map((p) => p.column)])).toEqual([
        [2, ['Mã hồ sơ', 'Họ và tên']],
        [3, ['Mã hồ sơ', 'Họ và tên']],
      ]);
    });

    it('skips rows she hid and a sheet she hid (members who moved away), saying so, and reads the rows in sight', async () => {
      const { out, skipped, summary } = await readFile('hidden.openpyxl.xlsx');
      expect(out.map((r) => r.row.externalId)).toEqual(['H-1', 'H-4']);
      expect(skipped.map((r) => [r.source.sheet, r.source.row, r.reason])).toEqual([
        ['DS', 3, expect.stringMatching(/^bỏ qua: dòng đang ẩn trong tệp .*bỏ ẩn dòng/)],
        ['DS', 4, expect.stringMatching(/^bỏ qua: dòng đang ẩn/)],
        ['Đã chuyển đi', 2, expect.stringMatching(/^trang tính đang ẩn trong tệp: các hội viên trong trang này không được nhập/)],
      ]);
      expect(summary.sheets.map((sh) => [sh.name, sh.note])).toEqual([
        ['DS', null],
        ['Đã chuyển đi', expect.stringMatching(/^trang tính đang ẩn/)],
      ]);
    });

    it('refuses a shared string the file lacks in its field; reads a 1904-dated workbook right; refuses cells without positions', async () => {
      const past = await readFile('shared-string-past.xlsx');
      expect(past.out.map((r) => [r.row.externalId, r.row.fields.fullName ?? null, said(r)])).toEqual([
        [
          'S-1',
          null,
          [expect.stringMatching(/^Họ và tên: Họ và tên \(ô B2\): ô trỏ tới chuỗi số 99 nhưng bảng chuỗi dùng chung.*lưu lại dạng \.xlsx/)],
        ],
        ['S-2', 'Nguyễn Văn An', []],
      ]);
      // 29656 counted from 1904 is 12/03/1985 (from 1900, 11/03/1981): the workbook part comes after the sheet.
      const d1904 = await readFile('date1904-late.xlsx');
      expect(d1904.out.map((r) => r.row.fields.birthDate)).toEqual(['1985-03-12']);
      await expect(readFile('no-positions.xlsx')).rejects.toThrow(
        /'no-positions.xlsx' có dòng hoặc ô không ghi vị trí .*hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng \.xlsx/,
      );
    });
  });
});
