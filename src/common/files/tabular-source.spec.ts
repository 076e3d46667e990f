import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratchDir } from '../../../test/support/scratch.js';
import { detectCsvEncoding, detectDelimiter, legacyEncoding, openRoster } from './tabular-source.js';

const scratch = scratchDir('files');

const HEAD = 64 * 1024;
/** The first 64 KB of a UTF-8 file whose character `ch` starts `before` bytes before the cut. */
const cutAt64K = (ch: string, before: number) =>
  Buffer.concat([Buffer.alloc(HEAD - before, 'a'), Buffer.from(ch, 'utf8'), Buffer.from('\n')]).subarray(0, HEAD);

describe('the encoding of a CSV file', () => {
  it.each([
    ['a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Mã hồ sơ,Họ và tên\n', 'utf8')]), 'utf-8'],
    [
      'a byte-order mark, then bytes that are not UTF-8',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('Mã hồ sơ\n', 'windows-1258')]),
      'utf-8',
    ],
    ['plain UTF-8 without a mark', Buffer.from('Mã hồ sơ,Họ và tên\nHS-1,Nguyễn Văn Hải\n', 'utf8'), 'utf-8'],
    ['plain ASCII', Buffer.from('ma_ho_so,ho_ten\nHS-1,Nguyen Van Hai\n'), 'utf-8'],
    [
      'Excel "CSV" on Vietnamese Windows (code page 1258)',
      iconv.encode('Mã hồ sơ;Họ và tên\nHS-1;Nguyễn Văn Hải\n', 'windows-1258'),
      'windows-1258',
    ],
    ['a 3-byte character cut after its first byte by the 64 KB boundary', cutAt64K('ễ', 1), 'utf-8'],
    ['a 3-byte character cut after its second byte by the 64 KB boundary', cutAt64K('ễ', 2), 'utf-8'],
    ['a 2-byte character cut by the 64 KB boundary', cutAt64K('ă', 1), 'utf-8'],
  ])('%s', (_why, head, encoding) => {
    expect(detectCsvEncoding(head)).toBe(encoding);
  });

  it('still calls a cut Windows-1258 file Windows-1258 when its bad byte comes before the boundary', () => {
    const head = Buffer.concat([iconv.encode('Mã hồ sơ;Họ và tên\n', 'windows-1258'), Buffer.alloc(HEAD, 'a')]).subarray(0, HEAD);
    expect(detectCsvEncoding(head)).toBe('windows-1258');
  });
});

describe('the delimiter of a CSV file', () => {
  it.each([
    ['semicolons (Excel on Vietnamese Windows)', 'Mã hồ sơ;Họ và tên;Ngày sinh\nHS-1;Nguyễn Văn An;12/03/1970\n', ';'],
    ['commas', 'Mã hồ sơ,Họ và tên,Ngày sinh\nHS-1,Nguyễn Văn An,12/03/1970\n', ','],
    ['commas, with semicolons inside quoted cells', '"Họ; tên; đệm",Mã hồ sơ\n"Nguyễn; Văn; An",HS-1\n', ','],
    ['semicolons, with commas inside quoted cells', '"Nguyễn, Văn, An";HS-1;1970\n"Lê, Thị, Bình";HS-2;1971\n', ';'],
    ['semicolons, with Windows line ends and blank lines', 'Mã hồ sơ;Họ và tên\r\n\r\nHS-1;Nguyễn Văn An\r\n', ';'],
    ['one column (neither)', 'Mã hồ sơ\nHS-1\n', ','],
  ])('%s', (_why, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

/** The VNI (Windows) spelling of a Vietnamese letter: its vowel, then the mark letters; đ ơ ư on their own byte. */
const VNI: Record<string, string> = { đ: 'ñ', ơ: 'ô', ư: 'ö', ì: 'ì', í: 'í', ỉ: 'æ', ĩ: 'ó', ị: 'ò', ỵ: 'î' };
const VNI_TONE: Record<string, string> = { '\u0300': 'ø', '\u0301': 'ù', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' };
/** Circumflex or breve with a tone: one mark letter for both. */
const VNI_HAT: Record<string, Record<string, string>> = {
  '\u0302': { '': 'â', '\u0300': 'à', '\u0301': 'á', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' },
  '\u0306': { '': 'ê', '\u0300': 'è', '\u0301': 'é', '\u0309': 'ú', '\u0303': 'ü', '\u0323': 'ë' },
};
function vniLetter(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch !== lower;
  const up = (t: string) => (upper ? t.toUpperCase() : t);
  if (VNI[lower]) return up(VNI[lower]);
  const [base, ...marks] = lower.normalize('NFD');
  if (!marks.length || !/[aeiouy]/.test(base)) return ch;
  const hat = marks.find((m) => VNI_HAT[m]);
  const tone = marks.find((m) => VNI_TONE[m]) ?? '';
  if (base === 'o' && marks.includes('\u031b')) return up('ô' + (VNI_TONE[tone] ?? ''));
  if (base === 'u' && marks.includes('\u031b')) return up('ö' + (VNI_TONE[tone] ?? ''));
  if (hat) return up(base + VNI_HAT[hat][tone]);
  return up(base + VNI_TONE[tone]);
}
/** Unicode text as a VNI font shows it: the bytes a VNI-Times document saves, read as Latin-1. */
const vni = (text: string) => [...text.normalize('NFC')].map(vniLetter).join('');
/** TCVN3 (ABC, .VnTime) bytes read as Latin-1; capitals with a tone are typed with the .VnTimeH font, in lower-case codes. */
const tcvn3 = (text: string) =>
  [...text.normalize('NFC')]
    .map((ch) => {
      const bytes = iconv.encode(ch, 'tcvn');
      return bytes.some((b) => b < 0x20 || (b >= 0x80 && b < 0xa0)) ? iconv.encode(ch.toLowerCase(), 'tcvn') : bytes;
    })
    .map((b) => b.toString('latin1'))
    .join('');

/** Real-looking rosters: a header, names, an address, a note; each tried in both encodings. */
const ROSTERS: [string, string][] = [
  [
    'an HPN branch',
    'STT,Họ và tên,Năm sinh,Địa chỉ\n1,Nguyễn Thị Huệ,1978,Đoàn Kết\n2,Lê Thị Hữu,1980,Đội 1\n3,Phạm Thị Thủy,1985,Đông Hòa\n',
  ],
  [
    'a Hội ND roster with notes',
    'Họ và tên;Ngày sinh;Thôn, bản;Ghi chú\nLường Văn Tuấn;12/3/1965;Bản Mường Thanh;đã chuyển đi Lai Châu\nQuàng Thị Hương;1970;Bản Noong Bua;\nLò Văn Thắng;1958;Bản Him Lam;đã mất tháng 8/2026\n',
  ],
  [
    'a Đoàn list of names alone',
    'Họ và tên\nTrần Văn Quyết\nĐặng Thị Ngọc Ánh\nVũ Đức Thịnh\nBùi Thị Xuân\nHoàng Văn Cường\nĐỗ Thị Phượng\n',
  ],
  ['a short header and two members', 'Mã hồ sơ,Họ và tên\nA1,Nguyễn Văn Hải\nA2,Trần Thị Lê\nA3,Lê Văn Tùng\n'],
];

describe('a file typed in a legacy Vietnamese font encoding', () => {
  it('spells the test encodings as the fonts do', () => {
    // As an old file shows them (the VNI line from a VNI-Times roster, the TCVN3 one from a .VnTime roster).
    expect(vni('Họ và tên, Địa chỉ, Nguyễn Thị Huệ, Hương, Đặng')).toBe('Hoï vaø teân, Ñòa chæ, Nguyeãn Thò Hueä, Höông, Ñaëng');
    expect(tcvn3('Mã hồ sơ, Họ và tên, Nguyễn Văn Hải')).toBe('M· hå s¬, Hä vµ tªn, NguyÔn V¨n H¶i');
  });

  it.each(ROSTERS)('names VNI for %s typed with a VNI font', (_why, text) => {
    expect(legacyEncoding(vni(text))).toBe('VNI');
  });

  it.each(ROSTERS)('names TCVN3 for %s typed with a .Vn font', (_why, text) => {
    expect(legacyEncoding(tcvn3(text))).toBe('TCVN3');
  });

  it.each(ROSTERS)('says nothing of %s in Unicode', (_why, text) => {
    expect(legacyEncoding(text)).toBeNull();
    expect(legacyEncoding(iconv.decode(iconv.encode(text, 'windows-1258'), 'windows-1258'))).toBeNull();
  });

  it.each([
    ['VNI', vni],
    ['TCVN3', tcvn3],
  ])('refuses a CSV file saved in %s, naming it and saying how to convert it', async (name, encode) => {
    const file = path.join(scratch, 'hoi-vien-legacy.csv');
    writeFileSync(file, Buffer.from(encode(ROSTERS[1][1]), 'latin1'));
    await expect(openRoster(file)).rejects.toThrow(`bảng mã ${name} (phông .Vn…/VNI-…), không phải Unicode: hãy chuyển mã sang Unicode`);
  });

  it.each([
    ['plain ASCII', 'ma_ho_so,ho_ten\nA1,Nguyen Van Hai\n'],
    ['a few Latin-1 letters in a foreign name', 'Mã hồ sơ,Họ và tên\nA1,José Müller\n'],
    // Pairs Unicode writes that look like VNI's (oà, uâ, uê): a list of such names is still Unicode.
    ['names with oà, uâ, uê only', 'Họ và tên\nHoàng Xuân\nToàn Quân\nHoà Khuê\nLoan Tuân\nXuân Hoà\nQuân Hoàng\nĐoàn Xuân\nHoàng Toàn\n'],
  ])('says nothing of %s', (_why, text) => {
    expect(legacyEncoding(text)).toBeNull();
  });
});

describe('a CSV with an enormous cell', () => {
  const dir = scratchDir('csv');
  const rowsOf = async (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    const rows: string[] = [];
    for await (const r of (await openRoster(path.join(dir, name))).rows) rows.push(r.cells[0]);
    return rows;
  };
  const head = 'Mã hồ sơ,Họ và tên,Ngày sinh\nE-1,Nguyễn Văn An,1990\n';

  it('stops at the row with a 5 MB cell, naming it and the stray quote, without holding the file', async () => {
    const started = Date.now();
    await expect(rowsOf('lon.csv', `${head}E-2,"${'x'.repeat(5_000_000)}",1991\nE-3,Lê Văn Bình,1992\n`)).rejects.toThrow(
      /^tệp CSV 'lon.csv', dòng 3: một ô \(hoặc cả dòng\) dài quá 1\.000\.000 ký tự nên không được đọc — thường do một dấu ngoặc kép \("\) mở ở dòng 3 mà không đóng.*sửa dòng đó/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops at a line of a megabyte without a quote, blaming no quote: the file has no line breaks', async () => {
    await expect(rowsOf('mot-dong.csv', `${head}${'E-2;Tên;1990 '.repeat(100_000)}\n`)).rejects.toThrow(
      /^tệp CSV 'mot-dong.csv', dòng 3: dòng này dài quá 1\.000\.000 ký tự mà không xuống dòng, nên không được đọc — tệp có thể không phải một bảng/,
    );
  });

  it('names the row of a quote never closed, whether it swallows a megabyte or only the end of the file', async () => {
    const many = Array.from({ length: 40_000 }, (_, i) => `E-${i + 3},Tên Số ${i},1990\n`).join('');
    await expect(rowsOf('mo-ngoac.csv', `${head}E-2,"Lê Văn Bình,1991\n${many}`)).rejects.toThrow(/^tệp CSV 'mo-ngoac.csv', dòng 3: một ô/);
    await expect(rowsOf('mo-ngoac-ngan.csv', `${head}E-2,"Lê Văn Bình,1991\nE-3,Trần,1992\n`)).rejects.toThrow(
      /^tệp CSV 'mo-ngoac-ngan.csv', dòng 3: dấu ngoặc kép \("\) mở ở dòng này không được đóng đến hết tệp/,
    );
  });
});
