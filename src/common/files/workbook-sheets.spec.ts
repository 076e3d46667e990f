import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { openRoster, type SourceRow } from './tabular-source.js';
import { readWorkbookSheets, workbookSheets } from './workbook-sheets.js';
import { readEntryHead, readZipDirectory } from './zip-directory.js';
import { scratchDir } from '../../../test/support/scratch.js';

const scratch = scratchDir('sheets');

const FIXTURES = path.join(process.cwd(), 'test', 'fixtures');
const roster = (name: string) => path.join(FIXTURES, 'rosters', name);

async function rowsOf(file: string, sheet: string | null = null): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const r of (await openRoster(file, { sheet })).rows) rows.push(r);
  return rows;
}

/** A zip of `parts` stored (not deflated) in the order given, as a writer with its own part order would lay it out. */
function storedZip(parts: [string, Buffer][]): Buffer {
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const n = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    head.copy(central, 16, 14, 26);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('the sheets a workbook lists', () => {
  it('finds each sheet part by a relative target (Excel, LibreOffice) or an absolute one (openpyxl), in the order of workbook.xml', () => {
    const workbook =
      '<workbook><sheets><sheet xmlns:r="urn:r" name="Chi đoàn" sheetId="1" r:id="rId2"/>' +
      '<x:sheet r:id=\'rId1\' sheetId=\'2\' name=\'A &amp; B\'/><sheet name="Lạc" sheetId="3" r:id="rId9"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Target="/xl/worksheets/sheet1.xml" Id="rId2"/>' +
      '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Target="styles.xml"/></Relationships>';
    expect(workbookSheets(workbook, rels)).toEqual([
      { name: 'Chi đoàn', part: 'xl/worksheets/sheet1.xml' },
      { name: 'A & B', part: 'xl/worksheets/sheet2.xml' },
      { name: 'Lạc', part: null },
    ]);
  });

  it.each([
    [roster('dtn-noong-ung.openpyxl.xlsx'), [{ name: 'Chi đoàn', part: 'xl/worksheets/sheet1.xml' }]],
    [roster('hpn-thanh-nua.openpyxl.xlsx'), [{ name: 'DS hội viên', part: 'xl/worksheets/sheet1.xml' }]],
    [
      path.join(FIXTURES, 'other-writer.xlsx'),
      [
        { name: 'Chi hội Bản Phăng', part: 'xl/worksheets/sheet1.xml' },
        { name: 'Chi hội Bản Che', part: 'xl/worksheets/sheet2.xml' },
      ],
    ],
  ])('reads them from the zip of %s', async (file, sheets) => {
    expect(await readWorkbookSheets(file)).toEqual(sheets);
  });
});

describe('a workbook read by the name its program gave each sheet', () => {
  it.each([
    ['dtn-noong-ung.openpyxl.xlsx', 'Chi đoàn'],
    ['hpn-thanh-nua.openpyxl.xlsx', 'DS hội viên'],
  ])(
    '%s (sheets before the workbook part, absolute targets) yields rows of sheet %s, and that sheet alone when asked',
    async (file, sheet) => {
      const all = await rowsOf(roster(file));
      expect(new Set(all.map((r) => r.sheet))).toEqual(new Set([sheet]));
      expect(await rowsOf(roster(file), sheet)).toEqual(all);
      await expect(rowsOf(roster(file), 'Sheet1')).rejects.toThrow(`không có trang tính 'Sheet1' trong tệp '${file}'; các trang: ${sheet}`);
    },
  );

  it('names the sheets of a workbook whose part comes after the sheets it names, whatever the parser has met first', async () => {
    const original = path.join(FIXTURES, 'other-writer.xlsx');
    const bytes = readFileSync(original);
    const readAt = (at: number, length: number) => Promise.resolve(bytes.subarray(at, at + length));
    const entries = await readZipDirectory(bytes.length, readAt);
    const part = async (name: string) =>
      [
        name,
        await readEntryHead(
          entries.find((e) => e.name === name)!,
          1e6,
          readAt,
        ),
      ] as [string, Buffer];
    // Shared strings and relationships first: the parser then streams each sheet before it has read workbook.xml.
    const order = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const file = path.join(scratch, 'sheets-late-workbook.xlsx');
    writeFileSync(
      file,
      storedZip(await Promise.all([...order, 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml', 'xl/workbook.xml'].map(part))),
    );
    const sheets = [...new Set((await rowsOf(file)).map((r) => r.sheet))];
    expect(sheets.sort()).toEqual(['Chi hội Bản Che', 'Chi hội Bản Phăng']);
    expect((await rowsOf(file, 'Chi hội Bản Che')).every((r) => r.sheet === 'Chi hội Bản Che')).toBe(true);
    await expect(rowsOf(file, 'Sheet1')).rejects.toThrow('các trang: Chi hội Bản Phăng, Chi hội Bản Che');
  });

  it('reads the texts of a workbook whose shared strings come last, after the sheets that use them', async () => {
    const original = path.join(FIXTURES, 'other-writer.xlsx');
    const bytes = readFileSync(original);
    const readAt = (at: number, length: number) => Promise.resolve(bytes.subarray(at, at + length));
    const entries = await readZipDirectory(bytes.length, readAt);
    const last = entries.filter((e) => e.name !== 'xl/sharedStrings.xml').concat(entries.filter((e) => e.name === 'xl/sharedStrings.xml'));
    const file = path.join(scratch, 'sheets-late-strings.xlsx');
    writeFileSync(
      file,
      storedZip(await Promise.all(last.map(async (e) => [e.name, await readEntryHead(e, 1e6, readAt)] as [string, Buffer]))),
    );
    expect((await rowsOf(file)).map((r) => r.cells)).toEqual((await rowsOf(original)).map((r) => r.cells));
    expect((await rowsOf(file)).flatMap((r) => r.cells).includes('Họ và tên')).toBe(true);
  });
});

describe('a crafted workbook', () => {
  it('reads a sheet part once however many sheets point to it', async () => {
    const rel = (n: number) => `<Relationship Id="rId${n}" Type="worksheet" Target="worksheets/sheet1.xml"/>`;
    const file = path.join(scratch, 'crafted-same-part.xlsx');
    writeFileSync(
      file,
      storedZip([
        [
          'xl/workbook.xml',
          Buffer.from(
            `<workbook><sheets>${[1, 2, 3].map((n) => `<sheet name="S${n}" sheetId="${n}" r:id="rId${n}"/>`).join('')}</sheets></workbook>`,
          ),
        ],
        ['xl/_rels/workbook.xml.rels', Buffer.from(`<Relationships>${[1, 2, 3].map(rel).join('')}</Relationships>`)],
        [
          'xl/worksheets/sheet1.xml',
          Buffer.from(
            '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Lò Thị Lan</t></is></c></row></sheetData></worksheet>',
          ),
        ],
      ]),
    );
    expect((await rowsOf(file)).map((r) => [r.sheet, r.cells])).toEqual([['S1', ['Lò Thị Lan']]]);
  });
});

describe('what the secretary marked in her workbook', () => {
  it('tells a row whose every filled cell is struck through (a name crossed off), not one with a single struck cell', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('DS');
    ws.addRow(['STT', 'Họ và tên', 'Năm sinh']);
    ws.addRow([1, 'Lò Văn Gạch', 1971]).eachCell((c) => (c.font = { strike: true }));
    ws.addRow([2, 'Lò Văn Nửa', 1972]).getCell(2).font = { strike: true };
    const file = path.join(scratch, 'struck-ds.xlsx');
    await book.xlsx.writeFile(file);
    expect((await rowsOf(file)).map((r) => [r.row, r.struck ?? false])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });
});

describe('a chi hội written once, merged down beside its members', () => {
  it('gives each row inside the merged range the text of its first cell', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('DS');
    ws.addRow(['STT', 'Họ và tên', 'Chi đoàn']);
    ws.addRow([1, 'Lò Văn Một', 'Chi đoàn Bản Co Mận']);
    ws.addRow([2, 'Lò Văn Hai', '']);
    ws.addRow([3, 'Lò Văn Ba', '']);
    ws.addRow([4, 'Lò Văn Bốn', 'Chi đoàn Bản Phủ']);
    ws.mergeCells('C2:C4');
    const file = path.join(scratch, 'merged-ds.xlsx');
    await book.xlsx.writeFile(file);
    expect((await rowsOf(file)).map((r) => r.merged?.[2] ?? null)).toEqual([
      null,
      null,
      'Chi đoàn Bản Co Mận',
      'Chi đoàn Bản Co Mận',
      null,
    ]);
  });
});

describe('a broken workbook', () => {
  it('reads a sheet whose relationship is missing from the sheet part no other sheet names, under its own name', async () => {
    const file = path.join(scratch, 'broken-no-rels.xlsx');
    const sheet = (name: string) =>
      Buffer.from(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${name}</t></is></c></row></sheetData></worksheet>`);
    writeFileSync(
      file,
      storedZip([
        [
          'xl/workbook.xml',
          Buffer.from(
            '<workbook><sheets><sheet name="Chi hội 1" sheetId="1" r:id="rId1"/><sheet name="Chi hội 2" sheetId="2" r:id="rId9"/></sheets></workbook>',
          ),
        ],
        [
          'xl/_rels/workbook.xml.rels',
          Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        ],
        ['xl/worksheets/sheet1.xml', sheet('Lò Thị Một')],
        ['xl/worksheets/sheet2.xml', sheet('Lò Thị Hai')],
      ]),
    );
    expect((await rowsOf(file)).map((r) => [r.sheet, r.cells[0]])).toEqual([
      ['Chi hội 1', 'Lò Thị Một'],
      ['Chi hội 2', 'Lò Thị Hai'],
    ]);
  });
});

describe('every sheet of a workbook, whoever wrote it and however busy the machine', () => {
  it('reads all four sheets of a SheetJS workbook (inline strings, sheets before workbook.xml), eight readings at once', async () => {
    const book = XLSX.utils.book_new();
    const sheets = ['Ngọc Khánh', 'Khu phố 2', 'Hội LHPN phường Ba Đình', 'Sheet4'];
    for (const [i, name] of sheets.entries())
      XLSX.utils.book_append_sheet(
        book,
        XLSX.utils.aoa_to_sheet([
          [`DANH SÁCH HỘI VIÊN ${name.toUpperCase()}`],
          ['STT', 'Họ và tên', 'Ngày sinh'],
          [1, `Hội viên ${i + 1}`, '1990'],
        ]),
        name,
      );
    const file = path.join(scratch, 'sheetjs-cac-chi-hoi.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    // Exceljs's own unzip ended after the first sheet in about half the readings under load (seen in CI).
    const readings = await Promise.all(Array.from({ length: 8 }, () => rowsOf(file)));
    for (const rows of readings)
      expect(rows.filter((r) => r.row === 3).map((r) => [r.sheet, r.cells[1]])).toEqual(sheets.map((s, i) => [s, `Hội viên ${i + 1}`]));
  });
});
