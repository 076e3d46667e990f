import { idNumberIssues, isMaskedIdNumber, maskIdNumber, parseIdNumber, readIdDigits } from './id-number.js';
import { parsePersonName, parseSex } from './person-name.js';
import { maskPhone, maskWrittenPhone, parsePhone } from './phone.js';

describe('parseIdNumber', () => {
  it.each([
    ['12-digit, male born 1990 in Điện Biên', '011090012345', { kind: 'CCCD', provinceCode: '11', sex: 'MALE', birthYear: 1990 }],
    ['12-digit, female born 2003 in Tây Ninh', '072303001122', { kind: 'CCCD', provinceCode: '72', sex: 'FEMALE', birthYear: 2003 }],
    ['separators are ignored', '001 185 012 345', { kind: 'CCCD', sex: 'FEMALE', birthYear: 1985 }],
    ['9-digit CMND is weak evidence, no digits read', '012345678', { kind: 'CMND', digits: '012345678' }],
    ['born this year', '001226012345', { kind: 'CCCD', birthYear: 2026 }],
    ['the last province code, 096', '096190012345', { kind: 'CCCD', provinceCode: '96' }],
  ])('%s', (_why, input, expected) => {
    const r = parseIdNumber(input, 2026);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
    if (r.ok && r.value.kind === 'CMND') expect(r.value.sex).toBeUndefined();
  });

  it.each([
    ['too short', '12345', '5 chữ số'],
    ['10 digits', '0123456789', '10 chữ số'],
    ['letters', '01109001234A', 'chỉ gồm chữ số'],
    ['no province 111 (every code starts with 0)', '111790123456', 'mã tỉnh 111 không tồn tại'],
    ['no province 003', '003090012345', 'mã tỉnh 003 không tồn tại'],
    ['province 099 is past 096', '099063066666', 'mã tỉnh 099'],
    ['century digit 6: born in the 2200s', '011690012345', 'năm sinh 2290, không thể có'],
    ['century digit 4: born in the 2100s', '011490012345', 'năm sinh 2190'],
    ['born after this year (2099)', '011299012345', 'năm sinh 2099'],
  ])('refuses %s with a Vietnamese reason', (_why, input, reason) => {
    const r = parseIdNumber(input, 2026);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it.each([
    ['consistent', '011090012345', { sex: 'MALE', birthYear: 1990 }, []],
    ['sex contradicts G digit', '011090012345', { sex: 'FEMALE', birthYear: 1990 }, ['SEX_MISMATCH']],
    ['birth year contradicts YY', '011090012345', { sex: 'MALE', birthYear: 1991 }, ['BIRTH_YEAR_MISMATCH']],
    // A number stored before parseIdNumber refused these: the flag still says what is wrong with it.
    ['province 003 does not exist', '003090012345', { sex: 'MALE', birthYear: 1990 }, ['UNKNOWN_PROVINCE']],
    ['century digit 6 is not yet possible', '011690012345', {}, ['IMPOSSIBLE_CENTURY']],
  ] as const)('issues: %s', (_why, input, record, expected) => {
    const r = readIdDigits(input);
    if (!r.ok) throw new Error('should parse');
    expect(idNumberIssues(r.value, record, 2026)).toEqual(expected);
  });

  it('masks and recognizes a masked number typed back', () => {
    expect(maskIdNumber('011190012323')).toBe('0111******23');
    expect(maskIdNumber('012345678')).toBe('012****78');
    expect(isMaskedIdNumber('0111******23')).toBe(true);
    expect(isMaskedIdNumber('011190012323')).toBe(false);
  });
});

describe('parsePhone', () => {
  it.each([
    ['10-digit mobile', '0912345678', '0912345678', false],
    ['+84 form with spaces', '+84 912 345 678', '0912345678', false],
    ['84 form', '84912345678', '0912345678', false],
    ['dots and dashes', '091.234-5678', '0912345678', false],
    ['leading zero dropped by Excel', '912345678', '0912345678', false],
    ['old 0168 → 038', '0168 123 4567', '0381234567', true],
    ['old 0120 → 070', '01201234567', '0701234567', true],
    ['old 0199 → 059', '+84 199 123 4567', '0591234567', true],
    ['old 0186 → 056 without the zero', '1861234567', '0561234567', true],
    ['landline', '024 3825 1234', '02438251234', false],
  ])('%s: %s → %s', (_why, input, number, converted) => {
    const r = parsePhone(input);
    if (!r.ok) throw new Error(r.reason);
    expect([r.value.number, r.value.converted]).toEqual([number, converted]);
  });

  // The official 2018–19 table (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile), written out
  // here rather than read from OLD_MOBILE_PREFIXES so that the code's table is checked against it.
  // prettier-ignore
  it.each([
    ['0120', '070'], ['0121', '079'], ['0122', '077'], ['0126', '076'], ['0128', '078'],
    ['0123', '083'], ['0124', '084'], ['0125', '085'], ['0127', '081'], ['0129', '082'],
    ['0162', '032'], ['0163', '033'], ['0164', '034'], ['0165', '035'], ['0166', '036'],
    ['0167', '037'], ['0168', '038'], ['0169', '039'],
    ['0186', '056'], ['0188', '058'], ['0199', '059'],
  ])('converts the old prefix %s to %s (2018–19)', (old, now) => {
    expect(parsePhone(`${old}1234567`)).toEqual({ ok: true, value: { number: `${now}1234567`, kind: 'MOBILE', converted: true } });
  });

  it.each([['123'], ['0912abc678'], ['01301234567'], ['0612345678']])('refuses %s', (input) => {
    const r = parsePhone(input);
    expect(r.ok).toBe(false);
  });
});

describe('a phone masked', () => {
  it.each(['096 533 6994', '0965.336.994', '965336994', '+84 965 336 994'])(
    '%j as a file wrote it, masked as the stored one is',
    (input) => {
      expect(maskWrittenPhone(input)).toBe(maskPhone('0965336994'));
      expect(maskWrittenPhone(input)).toBe('096****994');
    },
  );
});

describe('parsePersonName', () => {
  it.each([
    ['Nguyễn Văn An', { family: 'Nguyễn', middle: 'Văn', given: 'An', familyKey: 'nguyen', givenKey: 'an' }],
    ['HUỲNH THỊ THUỶ', { fullName: 'Huỳnh Thị Thủy', familyKey: 'hoang', givenKey: 'thuy' }],
    ['Võ Nguyên Giáp', { familyKey: 'vu', middle: 'Nguyên' }],
    ['Giàng A Páo', { family: 'Giàng', middle: 'A', given: 'Páo' }],
    ['Tôn Nữ Thị Hồng Hạnh', { middle: 'Nữ Thị Hồng', given: 'Hạnh' }],
  ])('%s', (input, expected) => {
    const r = parsePersonName(input);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value).toMatchObject(expected);
  });

  it.each([[''], ['   '], ['Lê Văn 3'], ['Trần @ Bình']])('refuses %j', (input) => {
    expect(parsePersonName(input).ok).toBe(false);
  });

  it('names the signs a name may not hold, and says what to do', () => {
    expect(parsePersonName('Trần @ Bình # @')).toEqual({
      ok: false,
      reason: "'Trần @ Bình # @' có ký tự không dùng trong họ tên ('@' '#'): họ tên chỉ gồm chữ cái, dấu cách và ' . -, hãy bỏ ký tự đó",
    });
  });

  it.each([
    ['Nam', 'MALE'],
    ['nữ', 'FEMALE'],
    ['NU', 'FEMALE'],
    ['MALE', 'MALE'],
    ['FEMALE', 'FEMALE'],
  ])('sex %s → %s', (input, expected) => expect(parseSex(input)).toEqual({ ok: true, value: expected }));
});
