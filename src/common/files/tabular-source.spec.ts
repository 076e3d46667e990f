import iconv from 'iconv-lite';
import { detectCsvEncoding, detectDelimiter, legacyEncoding } from './tabular-source.js';

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

describe('a file typed in a legacy Vietnamese font encoding', () => {
  it('names TCVN3 (.Vn fonts) for its bytes read as Latin-1', () => {
    // "Mã hồ sơ, Họ và tên / Nguyễn Văn Hải / Trần Thị Lê / Lê Văn Tùng" typed with a .VnTime font.
    const tcvn = Buffer.from('M· hå s¬,Hä vµ tªn\nA1,NguyÔn V¨n H¶i\nA2,TrÇn ThÞ Lª\nA3,Lª V¨n Tïng\n', 'latin1');
    expect(legacyEncoding(tcvn.toString('latin1'))).toBe('TCVN3');
  });

  it('recognizes VNI text as a legacy encoding (today it is named TCVN3: their marks overlap and TCVN3 is checked first)', () => {
    // "Họ và tên, Địa chỉ / Nguyễn Thị Huệ, Đoàn kết / Lê Văn Hữu, Đội 1 / Phạm Thị Thủy, Đông Hòa" typed with a VNI font.
    const vni = 'Hoï vaø teân,Ñòa chæ\nNguyeãn Thò Hueä,Ñoaøn keát\nLeâ Vaên Höõu,Ñoäi 1\nPhaïm Thò Thuûy,Ñoâng Hoøa\n';
    expect(legacyEncoding(vni)).toBe('TCVN3');
  });

  it.each([
    ['Unicode Vietnamese', 'Mã hồ sơ,Họ và tên\nA1,Nguyễn Văn Hải\nA2,Trần Thị Lê\nA3,Lê Văn Tùng\n'],
    [
      'Unicode Vietnamese read back from Windows-1258',
      iconv.decode(iconv.encode('Họ và tên;Nguyễn Văn Hải;Trần Thị Lê;Lê Văn Tùng', 'windows-1258'), 'windows-1258'),
    ],
    ['plain ASCII', 'ma_ho_so,ho_ten\nA1,Nguyen Van Hai\n'],
    ['a few Latin-1 letters in a foreign name', 'Mã hồ sơ,Họ và tên\nA1,José Müller\n'],
  ])('says nothing of %s', (_why, text) => {
    expect(legacyEncoding(text)).toBeNull();
  });
});
