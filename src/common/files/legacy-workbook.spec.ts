import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import XLSX from 'xlsx';
import { openRoster, type SourceRow } from './tabular-source.js';

/** What older programs save as "Excel", read through the same door as every roster (a child process parses it). */
describe('workbooks of older programs: .xls, a web page saved as .xls, XML Spreadsheet 2003', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-legacy-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = async (name: string, bytes: Buffer | string, sheet: string | null = null) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    const source = await openRoster(path.join(dir, name), { sheet });
    const rows: SourceRow[] = [];
    for await (const r of source.rows) rows.push(r);
    return { kind: source.kind, rows };
  };

  // As an old provincial web system's "Xuất Excel" writes it: a page with one table, the CCCD kept as text by Excel's own style.
  const page = (charset: string) => `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}"><style>.text { mso-number-format:"\\@"; }</style></head>
<body><table border="1">
<tr><td colspan="4" align="center"><b>DANH SÁCH HỘI VIÊN HỘI NÔNG DÂN XÃ NÀ NHÂN</b></td></tr>
<tr><th>STT</th><th>Họ và tên</th><th>Ngày sinh</th><th>Số CCCD</th></tr>
<tr><td>1</td><td>Lò&nbsp;Văn Pọm</td><td>12/03/1975</td><td class="text">011075012345</td></tr>
<tr><td>2</td><td>Quàng Thị Ín &amp; con</td><td>1980</td><td class="text">011180054321</td></tr>
</table></body></html>`;

  it("reads a web page's table saved as .xls, its codes and dates as typed, its entities decoded", async () => {
    const { kind, rows } = await read('xuat.xls', Buffer.from(page('utf-8')));
    expect(kind).toBe('xlsx');
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ['DANH SÁCH HỘI VIÊN HỘI NÔNG DÂN XÃ NÀ NHÂN']],
      [2, ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD']],
      [3, ['1', 'Lò Văn Pọm', '12/03/1975', '011075012345']],
      [4, ['2', 'Quàng Thị Ín & con', '1980', '011180054321']],
    ]);
  });

  // As Excel 2003 writes "XML Spreadsheet 2003": typed cells, a chi hội merged down, a hidden row, a hidden sheet.
  const xml = `<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <Styles><Style ss:ID="d"><NumberFormat ss:Format="dd/mm/yyyy"/></Style></Styles>
 <Worksheet ss:Name="Chi hội 1"><Table>
  <Row><Cell><Data ss:Type="String">Họ và tên</Data></Cell><Cell><Data ss:Type="String">Ngày sinh</Data></Cell>
   <Cell><Data ss:Type="String">Số CCCD</Data></Cell><Cell><Data ss:Type="String">Chi hội</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">Hà Thị Mơ</Data></Cell><Cell ss:StyleID="d"><Data ss:Type="DateTime">1979-05-06T00:00:00.000</Data></Cell>
   <Cell><Data ss:Type="Number">11179012345</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">Thôn 3</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">Vi Thị Hằng</Data></Cell><Cell><Data ss:Type="String">1982</Data></Cell></Row>
  <Row ss:Hidden="1"><Cell><Data ss:Type="String">Lý Thị Ẩn</Data></Cell></Row>
 </Table></Worksheet>
 <Worksheet ss:Name="Đã chuyển đi"><Table><Row><Cell><Data ss:Type="String">Đinh Thị Đi</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>`;

  it('reads an XML Spreadsheet 2003: dates as dates, a number as Excel kept it, merged and hidden rows and sheets said', async () => {
    const { rows } = await read('bang-2003.xls', xml);
    const [head, mo, hang, hidden, moved] = rows;
    expect(head.cells).toEqual(['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Chi hội']);
    expect(mo).toMatchObject({ sheet: 'Chi hội 1', row: 2, cells: ['Hà Thị Mơ', '1979-05-06', '11179012345', 'Thôn 3'] });
    expect(mo.values).toEqual(['Hà Thị Mơ', new Date(Date.UTC(1979, 4, 6)), 11179012345, 'Thôn 3']);
    expect(hang).toMatchObject({ row: 3, cells: ['Vi Thị Hằng', '1982'], merged: [null, null, null, 'Thôn 3'] });
    expect(hidden).toMatchObject({ row: 4, cells: ['Lý Thị Ẩn'], hidden: 'row' });
    expect(moved).toMatchObject({ sheet: 'Đã chuyển đi', cells: ['Đinh Thị Đi'], hidden: 'sheet' });
  });

  it('reads an Excel 97–2003 workbook (written by SheetJS): a date cell as a date, one sheet asked for by name', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Họ và tên', 'Ngày sinh', 'Số CCCD'],
      ['Lường Văn Ơn', 27_129, 11174012345],
    ]);
    (ws.B2 as XLSX.CellObject).z = 'dd/mm/yyyy';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Ghi chú']]), 'Bìa');
    XLSX.utils.book_append_sheet(wb, ws, 'Danh sách');
    const bytes = XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
    const { rows } = await read('cu.xls', bytes, 'Danh sách');
    expect(rows.map((r) => [r.sheet, r.cells])).toEqual([
      ['Danh sách', ['Họ và tên', 'Ngày sinh', 'Số CCCD']],
      ['Danh sách', ['Lường Văn Ơn', '1974-04-10', '11174012345']],
    ]);
    await expect(read('cu-2.xls', bytes, 'Chi hội 9')).rejects.toThrow(
      "không có trang tính 'Chi hội 9' trong tệp; các trang: Bìa, Danh sách",
    );
    // Cut short (an upload broken off): said, with what to do.
    for (const end of [1536, Math.floor(bytes.length * 0.75)])
      await expect(read('cu-hong.xls', bytes.subarray(0, end))).rejects.toThrow(
        /^(?:'cu-hong.xls' là tệp Office 97–2003 nhưng không có bảng tính Excel nào bên trong .*hoặc bị hỏng|tệp Excel 'cu-hong.xls' bị hỏng hoặc không đọc được).*rồi gửi lại$/,
      );
  });
});
