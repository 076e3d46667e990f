import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SourceError } from './source-error.js';
import { sheetNames } from './workbook-sheets.js';
import { positionalReader, readEntryHead, readZipDirectory, ZipFormatError, type ZipEntry } from './zip-directory.js';

/**
 * What a workbook may hold before it is parsed at all: checked from the zip's central directory
 * and the head of its parts, so a crafted file is refused before any parser sees it. (Declared
 * sizes can lie: the parser runs in a worker with a memory cap as well.)
 */
export const XLSX_LIMITS = {
  entries: 10_000,
  /** All parts inflated: a 250,000-row roster is about 200 MB. */
  totalBytes: 1024 * 1024 * 1024,
  /** xl/sharedStrings.xml inflated, and the distinct strings it declares. */
  sharedStringsBytes: 256 * 1024 * 1024,
  sharedStrings: 3_000_000,
  /** Inflated/compressed of one part: XML compresses 10–30 times, a zip bomb thousands of times. */
  ratio: 400,
};

const HEAD_BYTES = 64 * 1024;
const SAVE_AS = 'hãy mở bằng Excel, chọn Lưu thành (Save As) dạng Sổ làm việc Excel (.xlsx) hoặc CSV UTF-8 rồi gửi lại';
/** LibreOffice's own files: she may have no Excel, and LibreOffice saves .xlsx too. */
const OPEN_DOCUMENT_ADVICE = 'hãy mở bằng Excel hoặc LibreOffice và lưu dạng Excel (.xlsx) rồi gửi lại';
/** A flat OpenDocument file (.fods: one XML document, no zip) names its namespace in its first element. */
const FLAT_OPEN_DOCUMENT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<office:document\b[^>]*urn:oasis:names:tc:opendocument/;

/** Why a roster could not be opened, in words (who runs the command may not be who saved the file). */
export const openProblem = (code: string | undefined): string =>
  code === 'ENOENT'
    ? 'không có tệp này'
    : code === 'EACCES' || code === 'EPERM'
      ? `người dùng ${os.userInfo().username} (người chạy lệnh) không có quyền đọc tệp này: cấp quyền đọc, hoặc chép tệp vào thư mục người dùng đó đọc được`
      : code === 'EISDIR'
        ? 'đây là một thư mục, không phải tệp'
        : String(code);

/** The kind of a roster file judged by its content (magic bytes; for a zip, what it holds), or a SourceError. */
export async function rosterFileKind(
  file: string,
  displayName = path.basename(file),
  sheet: string | null = null,
): Promise<'csv' | 'xlsx' | 'legacy'> {
  const fh = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new SourceError(`không mở được tệp '${displayName}': ${openProblem(e.code)}`);
  });
  try {
    const { size } = await fh.stat();
    const readAt = positionalReader(fh);
    const head = await readAt(0, Math.min(size, HEAD_BYTES));
    const ext = path.extname(displayName).toLowerCase();
    if (isOle2(head) && (await encryptedOle2(head, size, readAt))) throw new SourceError(encryptedMessage(displayName));
    if (ext !== '.doc' && (isOle2(head) ? await ole2Holds(head, size, readAt, OLE2_WORKBOOK) : legacyText(head))) return 'legacy';
    const refused = refusedByMagic(head, ext, displayName);
    if (refused) throw new SourceError(refused);
    if (head[0] === 0x50 && head[1] === 0x4b) {
      await checkWorkbookZip(size, readAt, displayName, sheet);
      return 'xlsx';
    }
    if (ext === '.xlsx' || ext === '.xlsm')
      throw new SourceError(`'${displayName}' có đuôi .xlsx nhưng không phải tệp Excel (nội dung không đúng định dạng): ${SAVE_AS}`);
    return 'csv';
  } finally {
    await fh.close();
  }
}

/** A web page: what old web systems export as "Excel" (.xls), a table in HTML. */
const HTML_PAGE =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+html\b|<html\b|<head\b|<body\b|<meta\b|<table\b|<style\b)/i;
/** Excel 2003's XML Spreadsheet (.xml, often renamed .xls): one XML document in Excel's old namespace. */
const SPREADSHEET_ML = /<\?mso-application\s+progid="Excel\.Sheet"|urn:schemas-microsoft-com:office:spreadsheet/;

const isOle2 = (head: Buffer) => head.length >= 0x34 && head.readUInt32BE(0) === 0xd0cf11e0;

/** The stream an Excel 97–2003 workbook keeps its sheets in (`Book` before Excel 97). */
const OLE2_WORKBOOK = ['Workbook', 'Book'];

/**
 * Whether an OLE2 (compound file) container holds a stream of one of these names, read from its
 * first directory sectors (the header names where they are).
 */
async function ole2Holds(head: Buffer, size: number, readAt: (p: number, n: number) => Promise<Buffer>, names: string[]): Promise<boolean> {
  const sector = 2 ** Math.min(Math.max(head.readUInt16LE(0x1e), 9), 16);
  const start = (head.readUInt32LE(0x30) + 1) * sector;
  const dir = start < size ? await readAt(start, Math.min(size - start, 8 * sector)) : Buffer.alloc(0);
  // A directory entry: the name in UTF-16, then its length in bytes (with the ending 0) at offset 64.
  return names.some((n) => {
    const name = Buffer.from(`${n}\0`, 'utf16le');
    for (const where of [dir, head])
      for (let at = where.indexOf(name); at >= 0; at = where.indexOf(name, at + 1))
        if (at % 128 === 0 && where.readUInt16LE(at + 64) === name.length) return true;
    return false;
  });
}

/** An OLE2 container holding `EncryptedPackage`: how Excel saves an .xlsx with a password to open. */
const encryptedOle2 = (head: Buffer, size: number, readAt: (p: number, n: number) => Promise<Buffer>) =>
  ole2Holds(head, size, readAt, ['EncryptedPackage']);

/** A web page holding a table, or an Excel 2003 XML Spreadsheet: what older programs save as "Excel". */
function legacyText(head: Buffer): boolean {
  const text = head.toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  return (HTML_PAGE.test(text.slice(0, 8192)) && /<table\b/i.test(text)) || SPREADSHEET_ML.test(text.slice(0, 8192));
}

const encryptedMessage = (name: string) =>
  `'${name}' là tệp Excel có đặt mật khẩu mở tệp (đã mã hóa) nên không đọc được: hãy mở bằng Excel, gỡ mật khẩu ` +
  `(Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu rồi bấm OK; File → Info → Protect Workbook → Encrypt with Password), ` +
  `lưu lại dạng .xlsx rồi gửi lại`;

/** The message for a file that is plainly not a roster (empty, PDF, image, Word, .xls, binary), or null. */
export function refusedByMagic(head: Buffer, ext: string, name: string): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (head.length === 0) return `'${name}' là tệp rỗng (0 byte): hãy chọn đúng tệp danh sách (.xlsx hoặc .csv) rồi gửi lại`;
  if (starts(0x25, 0x50, 0x44, 0x46))
    return `'${name}' là tệp PDF: không đọc được danh sách từ PDF; hãy gửi tệp Excel (.xlsx) hoặc CSV UTF-8 của danh sách`;
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38) || starts(0x42, 0x4d))
    return `'${name}' là tệp ảnh: không đọc được danh sách từ ảnh; hãy gửi tệp Excel (.xlsx) hoặc CSV UTF-8 của danh sách`;
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    if (ext === '.doc')
      return `'${name}' là tệp Word 97–2003 (.doc): hãy chép bảng danh sách sang Excel và lưu dạng .xlsx (hoặc CSV UTF-8) rồi gửi lại`;
    // A workbook would have been read (legacyText, ole2Holds): a Word or PowerPoint file, or one cut short.
    return `'${name}' là tệp Office 97–2003 nhưng không có bảng tính Excel nào bên trong (tệp Word, PowerPoint, hoặc bị hỏng): ${SAVE_AS}`;
  }
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return `'${name}' là văn bản UTF-16 ("Unicode Text" của Excel): ${SAVE_AS}`;
  if (
    FLAT_OPEN_DOCUMENT.test(
      head
        .subarray(0, 8192)
        .toString('utf8')
        .replace(/^\ufeff/, ''),
    )
  )
    return `'${name}' là tệp OpenDocument dạng XML (.fods/.fodt): ${OPEN_DOCUMENT_ADVICE}`;
  const text = head
    .subarray(0, 8192)
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '');
  if (HTML_PAGE.test(text))
    return (
      `'${name}' là một trang web (HTML) được đặt đuôi ${ext || '(không có đuôi)'}, không phải tệp Excel thật (thường do phần mềm quản lý cũ "xuất ra Excel"): ` +
      `hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng Sổ làm việc Excel (.xlsx) rồi gửi lại`
    );
  if (SPREADSHEET_ML.test(text))
    return `'${name}' là bảng tính XML của Excel 2003 (XML Spreadsheet 2003), không phải tệp .xlsx: hãy mở bằng Excel hoặc LibreOffice, lưu dạng Sổ làm việc Excel (.xlsx) rồi gửi lại`;
  const isZip = starts(0x50, 0x4b);
  const nul = isZip ? -1 : head.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    // A text file with a stray NUL (a copy from an old program, a keyboard accident): where it is, not "binary".
    const nuls = head.subarray(0, 8192).filter((b) => b === 0).length;
    if (nuls * 100 > Math.min(8192, head.length))
      return `'${name}' không phải tệp văn bản CSV hay tệp Excel (.xlsx) (nội dung nhị phân): ${SAVE_AS}`;
    const line = head.subarray(0, nul).filter((b) => b === 0x0a).length + 1;
    return `'${name}': dòng ${line} có ký tự rỗng (NUL, mã 0), không có trong văn bản thường: mở tệp, xóa ký tự lạ ở dòng đó (hoặc gõ lại ô đó) rồi lưu dạng CSV UTF-8 và gửi lại`;
  }
  return null;
}

async function checkWorkbookZip(
  size: number,
  readAt: (p: number, n: number) => Promise<Buffer>,
  name: string,
  sheet: string | null,
): Promise<void> {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(size, readAt);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    // ZIP64: over 65,535 parts or 4 GB, which no roster needs (Excel writes it only past those).
    if (e.message === 'zip64')
      throw new SourceError(`'${name}' có hơn 65.535 phần bên trong hoặc lớn hơn 4 GB (ZIP64), ${TOO_BIG}: ${SPLIT}`);
    throw new SourceError(
      `'${name}' là tệp Excel bị hỏng hoặc không trọn vẹn (có thể do tải lên bị ngắt): hãy mở lại bằng Excel, lưu lại dạng .xlsx rồi gửi lại`,
    );
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml'))
    throw new SourceError(
      `'${name}' là tệp Word (.docx): hãy chép bảng danh sách sang Excel và lưu dạng .xlsx (hoặc CSV UTF-8) rồi gửi lại`,
    );
  if (names.has('ppt/presentation.xml'))
    throw new SourceError(`'${name}' là tệp PowerPoint (.pptx): hãy gửi tệp Excel (.xlsx) hoặc CSV UTF-8 của danh sách`);
  if (names.has('content.xml') && names.has('mimetype'))
    throw new SourceError(`'${name}' là tệp OpenDocument (.ods/.odt): ${OPEN_DOCUMENT_ADVICE}`);
  if (!names.has('xl/workbook.xml'))
    throw new SourceError(`'${name}' là tệp nén (.zip) nhưng không phải sổ làm việc Excel (.xlsx): ${SAVE_AS}`);
  const problem = workbookSizeProblem(entries);
  if (problem) throw new SourceError(`'${name}' ${problem}`);
  for (const entry of entries.filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'))) {
    const head = (await readEntryHead(entry, 4096, readAt).catch(() => Buffer.alloc(0))).toString('utf8');
    const partProblem = partHeadProblem(entry.name, head);
    if (partProblem) throw new SourceError(`'${name}' ${partProblem}`);
  }
  if (sheet) {
    const workbook = entries.find((e) => e.name === 'xl/workbook.xml')!;
    const names = sheetNames((await readEntryHead(workbook, 1024 * 1024, readAt).catch(() => Buffer.alloc(0))).toString('utf8'));
    if (names.length && !names.includes(sheet))
      throw new SourceError(`không có trang tính '${sheet}' trong tệp '${name}'; các trang: ${names.join(', ')}`);
  }
}

const TOO_BIG = 'quá lớn hoặc có cấu trúc bất thường nên không được đọc';
const SPLIT = 'hãy chia danh sách thành nhiều tệp nhỏ hơn (dưới 250.000 dòng mỗi tệp) rồi gửi lại';

/** A workbook too large (declared) to be read safely, or null. Pure. */
export function workbookSizeProblem(entries: ZipEntry[]): string | null {
  if (entries.length > XLSX_LIMITS.entries) return `có ${entries.length} phần bên trong, ${TOO_BIG}: ${SPLIT}`;
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > XLSX_LIMITS.totalBytes)
    return `giải nén ra ${mb(total)} MB (giới hạn ${mb(XLSX_LIMITS.totalBytes)} MB), ${TOO_BIG}: ${SPLIT}`;
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared && shared.uncompressedSize > XLSX_LIMITS.sharedStringsBytes)
    return `có bảng chuỗi dùng chung ${mb(shared.uncompressedSize)} MB (giới hạn ${mb(XLSX_LIMITS.sharedStringsBytes)} MB), ${TOO_BIG}: ${SPLIT}`;
  const bomb = entries.find((e) => e.uncompressedSize > 10 * 1024 * 1024 && e.uncompressedSize > e.compressedSize * XLSX_LIMITS.ratio);
  if (bomb)
    return `có phần '${bomb.name}' nén bất thường (tỉ lệ nén quá cao), ${TOO_BIG}: hãy mở bằng Excel, lưu lại dạng .xlsx rồi gửi lại`;
  return null;
}

/** A workbook holding more distinct shared strings than `limit` (`said`: how many it declares, or "có hơn N"). */
export const tooManySharedStrings = (said: string, limit: number): string =>
  `${said} chuỗi dùng chung (giới hạn ${limit.toLocaleString('vi-VN')}), nên không được đọc: hãy chia danh sách thành nhiều tệp nhỏ hơn rồi gửi lại`;

/** A part whose head declares a DTD (entity expansion) or too many shared strings, or null. Pure. */
export function partHeadProblem(part: string, head: string): string | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(head))
    return `có khai báo DOCTYPE/ENTITY trong '${part}' (Excel không bao giờ ghi như vậy), nên không được đọc: hãy mở bằng Excel, lưu lại dạng .xlsx rồi gửi lại`;
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(part) && /<(?:\w+:)?(?:row|c)(?:\s(?![^>]*\br=)[^>]*)?\/?>/.test(head))
    return `có dòng hoặc ô không ghi vị trí (thiếu thuộc tính r trong '${part}': tệp do một chương trình khác Excel tạo ra), nên không đọc chắc chắn được: hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi lại`;
  if (part === 'xl/sharedStrings.xml') {
    const sst = /<(?:\w+:)?sst\b[^>]*>/.exec(head)?.[0] ?? '';
    // Distinct strings; `count` counts the cells using them (some writers give only that: then a looser bound).
    const unique = /\buniqueCount="(\d+)"/.exec(sst);
    const cells = /\bcount="(\d+)"/.exec(sst);
    const declared = Number((unique ?? cells)?.[1] ?? 0);
    const limit = unique ? XLSX_LIMITS.sharedStrings : XLSX_LIMITS.sharedStrings * 5;
    if (declared > limit) return tooManySharedStrings(`khai báo ${declared.toLocaleString('vi-VN')}`, limit);
  }
  return null;
}

const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);
