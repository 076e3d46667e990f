import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Cfb from 'cfb';
import XLSX from 'xlsx';
import { openProblem, partHeadProblem, refusedByMagic, rosterFileKind, workbookSizeProblem, XLSX_LIMITS } from './roster-file-kind.js';
import { sheetNames } from './workbook-sheets.js';
import type { ZipEntry } from './zip-directory.js';

const entry = (name: string, uncompressedSize: number, compressedSize = uncompressedSize / 10): ZipEntry => ({
  name,
  method: 8,
  compressedSize,
  uncompressedSize,
  localHeaderOffset: 0,
});

describe('what a roster file is, judged by its content', () => {
  it('refuses empty files, PDF, images, UTF-16 text, binary and OLE2 files with what to do', () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refusedByMagic(Buffer.alloc(0), '.csv', 'a.csv')).toContain('tệp rỗng');
    expect(refusedByMagic(Buffer.from('%PDF-1.7'), '.csv', 'a.csv')).toContain('tệp PDF');
    expect(refusedByMagic(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), '.xlsx', 'a.xlsx')).toContain('tệp ảnh');
    // An OLE2 file is refused only when it holds no workbook (rosterFileKind reads one that does).
    expect(refusedByMagic(ole2, '.xls', 'a.xls')).toContain('là tệp Office 97–2003 nhưng không có bảng tính Excel nào bên trong');
    expect(refusedByMagic(ole2, '.doc', 'a.doc')).toContain('Word 97–2003');
    expect(refusedByMagic(Buffer.from([0xff, 0xfe, 0x4d, 0x00]), '.txt', 'a.txt')).toContain('UTF-16');
    expect(refusedByMagic(Buffer.from([0x01, 0x00, 0x02]), '.csv', 'a.csv')).toContain('nội dung nhị phân');
    // A roster with one stray NUL is text: the line is named.
    const stray = Buffer.from(`Họ và tên,Ngày sinh\n${'Lò Văn An,1990\n'.repeat(20)}Lò Thị\u0000 Bình,1991\n`);
    expect(refusedByMagic(stray, '.csv', 'a.csv')).toBe(
      "'a.csv': dòng 22 có ký tự rỗng (NUL, mã 0), không có trong văn bản thường: mở tệp, xóa ký tự lạ ở dòng đó (hoặc gõ lại ô đó) rồi lưu dạng CSV UTF-8 và gửi lại",
    );
    expect(refusedByMagic(Buffer.from('Mã hồ sơ,Họ và tên\n'), '.csv', 'a.csv')).toBeNull();
    // LibreOffice's flat XML spreadsheet is no CSV: refused as what it is, with what to do.
    const fods =
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">';
    expect(refusedByMagic(Buffer.from(fods), '.fods', 'a.fods')).toBe(
      "'a.fods' là tệp OpenDocument dạng XML (.fods/.fodt): hãy mở bằng Excel hoặc LibreOffice và lưu dạng Excel (.xlsx) rồi gửi lại",
    );
    expect(refusedByMagic(Buffer.from('<?xml version="1.0"?><root>Mã hồ sơ</root>'), '.csv', 'a.csv')).toBeNull();
    expect(refusedByMagic(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]), '.xlsx', 'a.xlsx')).toBeNull();
  });

  it('bounds a workbook by its declared sizes before any parsing', () => {
    expect(workbookSizeProblem([entry('xl/workbook.xml', 1000), entry('xl/worksheets/sheet1.xml', 200 * 2 ** 20)])).toBeNull();
    expect(workbookSizeProblem([entry('xl/worksheets/sheet1.xml', 2 * 2 ** 30)])).toContain('giải nén ra 2048 MB');
    expect(workbookSizeProblem([entry('xl/sharedStrings.xml', XLSX_LIMITS.sharedStringsBytes + 1)])).toContain('chuỗi dùng chung');
    expect(workbookSizeProblem([entry('xl/worksheets/sheet1.xml', 100 * 2 ** 20, 100 * 1024)])).toContain('nén bất thường');
    expect(workbookSizeProblem(Array.from({ length: XLSX_LIMITS.entries + 1 }, (_, i) => entry(`x${i}`, 1)))).toContain('phần bên trong');
  });

  it('refuses a DTD (entity expansion) and a shared-string count past the limit, from the head of the part', () => {
    expect(partHeadProblem('xl/sharedStrings.xml', '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "x">]><sst>')).toContain(
      'DOCTYPE/ENTITY',
    );
    expect(partHeadProblem('xl/sharedStrings.xml', '<sst xmlns="x" count="100000000" uniqueCount="100000000">')).toContain(
      'chuỗi dùng chung',
    );
    // `count` counts the cells using the strings; the distinct ones decide when both are given.
    expect(partHeadProblem('xl/sharedStrings.xml', '<sst count="9000000" uniqueCount="250000">')).toBeNull();
    expect(partHeadProblem('xl/sharedStrings.xml', '<x:sst count="9000000">')).toBeNull();
    expect(partHeadProblem('xl/sharedStrings.xml', '<x:sst count="100000000">')).toContain('chuỗi dùng chung');
    expect(partHeadProblem('xl/worksheets/sheet1.xml', '<worksheet><sheetData>')).toBeNull();
  });

  it('reads the sheet names a workbook lists (to refuse an unknown --sheet before parsing)', () => {
    expect(
      sheetNames(
        '<workbook><sheets><sheet name="Chi đoàn A &amp; B" sheetId="1" r:id="rId1"/><x:sheet sheetId="2" name="Tổng"/></sheets></workbook>',
      ),
    ).toEqual(['Chi đoàn A & B', 'Tổng']);
  });

  it('tells files that are not what their name says (written by another program) each with what to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-kind-'));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Mã hồ sơ', 'Họ và tên'],
        ['A-1', 'Nguyễn Văn An'],
      ]),
      'DS',
    );
    const written = (name: string, bytes: Buffer) => {
      fs.writeFileSync(path.join(dir, name), bytes);
      return rosterFileKind(path.join(dir, name)).then(
        () => 'read',
        (e: Error) => e.message,
      );
    };
    // SheetJS's own compound-file writer (the `cfb` package it carries).
    const CFB = XLSX.CFB as typeof Cfb;
    const as = (bookType: XLSX.BookType) => XLSX.write(book, { bookType, type: 'buffer' }) as Buffer;
    // What older programs save as "Excel" is read: an HTML table named .xls (old web systems' "Xuất Excel"),
    // Excel 2003's XML Spreadsheet, Excel 97–2003 itself; a web page without a table is refused, as is a Word file.
    expect(await written('xuat.xls', as('html'))).toBe('read');
    expect(await written('bang.xml', as('xlml'))).toBe('read');
    expect(await written('bang-2003.xls', as('xlml'))).toBe('read');
    expect(await written('cu.xls', as('biff8'))).toBe('read');
    expect(await written('cu-95.xls', as('biff5'))).toBe('read');
    expect(await written('trang.xls', Buffer.from('<!DOCTYPE html><html><body><p>Không có bảng</p></body></html>'))).toMatch(
      /^'trang.xls' là một trang web \(HTML\) được đặt đuôi \.xls.*Sổ làm việc Excel \(\.xlsx\)/,
    );
    const word = CFB.utils.cfb_new();
    CFB.utils.cfb_add(word, '/WordDocument', Buffer.alloc(4096, 1));
    expect(await written('van-ban.xls', CFB.write(word, { type: 'buffer' }) as Buffer)).toMatch(
      /^'van-ban.xls' là tệp Office 97–2003 nhưng không có bảng tính Excel nào bên trong/,
    );
    // Excel's "Encrypt with Password": an OLE2 container holding EncryptionInfo and EncryptedPackage.
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(256, 4));
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(8192, 9));
    const encrypted = CFB.write(cfb, { type: 'buffer' }) as Buffer;
    expect(await written('mat-khau.xlsx', encrypted)).toMatch(/có đặt mật khẩu mở tệp \(đã mã hóa\).*gỡ mật khẩu/);
    expect(await written('that.xlsx', as('xlsx'))).toBe('read');
    // A ZIP64 archive (its end record says "see the 64-bit one": over 65,535 parts or 4 GB): too large, not "broken".
    const zip64End = Buffer.alloc(22);
    zip64End.writeUInt32LE(0x06054b50, 0);
    zip64End.fill(0xff, 8, 20);
    expect(await written('nhieu-phan.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), zip64End]))).toMatch(
      /^'nhieu-phan.xlsx' có hơn 65.535 phần bên trong hoặc lớn hơn 4 GB \(ZIP64\), quá lớn.*hãy chia danh sách/,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says why a file could not be opened: missing, or not readable by who runs the command (a wrapper's service user)", async () => {
    await expect(rosterFileKind('/khong/co/tep.xlsx')).rejects.toThrow("không mở được tệp 'tep.xlsx': không có tệp này");
    // Not seen as root (these tests' user reads everything): the words for a file its owner keeps from others.
    expect(openProblem('EACCES')).toBe(
      `người dùng ${os.userInfo().username} (người chạy lệnh) không có quyền đọc tệp này: cấp quyền đọc, hoặc chép tệp vào thư mục người dùng đó đọc được`,
    );
  });
});
