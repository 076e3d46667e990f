import { DTN } from '../../organizations/dtn/dtn.organization.js';
import { HPN } from '../../organizations/hpn/hpn.organization.js';
import { deriveIdIssues, normalizeMemberFields, parseExternalId } from './member-input.js';

const ctx = { definition: HPN, today: '2026-11-21' };

describe('normalizeMemberFields', () => {
  it('normalizes every field and keeps the raw values', () => {
    const { changes, problems } = normalizeMemberFields(
      {
        fullName: 'nguyễn thị hoà',
        birthDate: '1985',
        phone: '0168 123 4567',
        idNumber: '001 185 012345',
        profile: [{ key: 'honorary', value: 'x' }],
      },
      ctx,
    );
    expect(problems).toEqual([]);
    expect(changes).toMatchObject({
      fullName: 'Nguyễn Thị Hòa',
      nameFolded: 'nguyen thi hoa',
      birthDate: '1985-01-01',
      birthDatePrecision: 'YEAR',
      phone: '0381234567',
      idNumber: '001185012345',
      idKind: 'CCCD',
      profile: { honorary: true },
      rawIdNumber: '001 185 012345',
      raw: { fullName: 'nguyễn thị hoà', phone: '0168 123 4567' },
    });
  });

  it.each([
    ['2005', '2005-01-01', 'YEAR'],
    ['3/2010', '2010-03-01', 'MONTH'],
    ['T3/2010', '2010-03-01', 'MONTH'],
    ['tháng 3/2010', '2010-03-01', 'MONTH'],
    ['03-2010', '2010-03-01', 'MONTH'],
    ['15/05/2010', '2010-05-15', 'DAY'],
    ['', null, null],
  ])('keeps every date field %j with its precision (a year alone is the norm in old rosters)', (v, date, precision) => {
    for (const field of ['birthDate', 'joinDate', 'lastActivityDate', 'lastDuesDate'] as const) {
      const { changes, problems } = normalizeMemberFields({ [field]: v }, ctx);
      expect(problems).toEqual([]);
      expect(changes).toMatchObject({ [field]: date, [`${field}Precision`]: precision });
    }
  });

  it.each([
    ['12/2026', 'ngày ở tương lai'],
    ['2027', 'ngày ở tương lai'],
    ['13/2010', 'tháng 13 không tồn tại'],
  ])('refuses a last activity %j', (v, reason) => {
    const { problems } = normalizeMemberFields({ lastActivityDate: v }, ctx);
    expect(problems.map((p) => p.field)).toEqual(['lastActivityDate']);
    expect(problems[0].message).toContain(reason);
  });

  it('reports each bad field with its label, value and reason', () => {
    const { problems } = normalizeMemberFields(
      { fullName: 'Lê Văn 3', birthDate: '31/02/1990', joinDate: '01/01/2030', profile: [{ key: 'rank', value: '1' }] },
      { definition: DTN, today: '2026-11-21' },
    );
    expect(problems.map((p) => [p.field, p.value])).toEqual([
      ['fullName', 'Lê Văn 3'],
      ['birthDate', '31/02/1990'],
      ['joinDate', '01/01/2030'],
      ['profile', 'rank'],
    ]);
    expect(problems[1].message).toBe("Ngày sinh: '31/02/1990' không hợp lệ: tháng 2/1990 không có ngày 31");
    expect(problems[3].message).toContain('youthUnionJoinDate (Ngày vào Đoàn)');
  });

  it.each([
    ['...', 'có phần chỉ gồm dấu câu'],
    ["' - '", 'có phần chỉ gồm dấu câu'],
    ['\u0301\u0303\u0309', 'có dấu đứng riêng'],
    ['Nguyễn Văn .', 'có phần chỉ gồm dấu câu'],
    ['Nguyễn Thị Hоa', "chữ 'о' (U+043E, chữ Kirin)"], // Cyrillic о
    ['Νguyễn Văn An', "chữ 'Ν' (U+039D, chữ Hy Lạp)"], // Greek capital nu
    ['Nguyễn\u200bVăn An', 'U+200B (khoảng trắng độ rộng 0)'],
    ['Nguyễn Văn\u2028An', 'U+2028 (ngắt dòng Unicode)'],
    ['Nguyễn Văn An\u0085', 'U+0085 (xuống dòng NEL)'],
    ['Nguyễn Văn An\u007f', 'U+007F (DEL)'],
    ['\u202eNguyễn Văn An', 'U+202E (đảo chiều chữ)'],
    ['Trần Thị Bi\u0306\u0306\u0306nh', 'có dấu đứng riêng'],
    ['Lê Văn '.repeat(30_000), 'tối đa 120'],
  ])('refuses the name %j, saying why', (fullName, why) => {
    const { problems, changes } = normalizeMemberFields({ fullName }, ctx);
    expect(problems).toEqual([{ field: 'fullName', value: fullName, message: expect.stringContaining(why) as string }]);
    expect(problems[0].message).toMatch(/^Họ và tên: /);
    expect(changes).not.toHaveProperty('fullName');
  });

  it.each(["H'Hen Niê", 'Y Blô Êban', 'Nguyễn Thị Minh Khai', 'Lò Văn Pằng', 'Đinh Thị Mai-Anh'])('accepts the name %j', (fullName) => {
    expect(normalizeMemberFields({ fullName }, ctx).problems).toEqual([]);
  });

  it.each([
    ['Kinh', 'Kinh'],
    ["H'Mông", "H'Mông"],
    ['  ê   đê ', 'ê đê'],
    ['Kinh (Việt)', 'Kinh (Việt)'],
  ])('keeps the ethnicity %j as %j', (ethnicity, stored) => {
    const { problems, changes } = normalizeMemberFields({ ethnicity }, ctx);
    expect(problems).toEqual([]);
    expect(changes.ethnicity).toBe(stored);
  });

  it.each([
    ['=HYPERLINK("http://x.invalid","Kinh")', 'không phải tên dân tộc'],
    ['K'.repeat(100_000), 'dài 100000 ký tự, tối đa 60'],
    ['Tày\u200b', 'U+200B'],
    ['Kinh\u2028', 'U+2028'],
    ['Кinh', 'chữ Kirin'], // Cyrillic К
    ['123', 'không phải tên dân tộc'],
  ])('refuses the ethnicity %j', (ethnicity, why) => {
    const { problems, changes } = normalizeMemberFields({ ethnicity }, ctx);
    expect(problems).toEqual([{ field: 'ethnicity', value: ethnicity, message: expect.stringContaining(why) as string }]);
    expect(problems[0].message).toMatch(/^Dân tộc: /);
    expect(changes).not.toHaveProperty('ethnicity');
  });

  it('bounds and checks free-text profile fields, naming the field', () => {
    const long = normalizeMemberFields({ profile: [{ key: 'position', value: 'x'.repeat(100_000) }] }, ctx);
    expect(long.problems).toEqual([
      { field: 'profile.position', value: 'x'.repeat(100_000), message: expect.stringMatching(/tối đa 200: hãy rút ngắn$/) as string },
    ]);
    const hidden = normalizeMemberFields({ profile: [{ key: 'position', value: 'Chi hội\u202e trưởng' }] }, ctx);
    expect(hidden.problems[0].message).toContain('U+202E');
    // A formula in a free-text field is kept as text: every CSV writer makes it inert.
    expect(normalizeMemberFields({ profile: [{ key: 'position', value: '=1+1' }] }, ctx).changes.profile).toEqual({ position: '=1+1' });
  });

  it.each([
    ['HPN-0001', true],
    ['HS/2024/001', true],
    ['=HYPERLINK("x")', false],
    ['x'.repeat(65), false],
    ['HS\u200b1', false],
  ])('reads the Mã hồ sơ %j: accepted %s', (code, accepted) => {
    expect(parseExternalId(code).ok).toBe(accepted);
  });

  it('leaves a masked ID number unchanged and clears a blank one', () => {
    expect(normalizeMemberFields({ idNumber: '0011******45' }, ctx).changes).not.toHaveProperty('idNumber');
    expect(normalizeMemberFields({ idNumber: '' }, ctx).changes).toMatchObject({ idNumber: null, idKind: null });
  });

  it('marks, but keeps, a 12-digit number that contradicts the record', () => {
    const record = { idNumber: '001185012345', sex: 'MALE' as const, birthDate: '1986-01-01', birthDatePrecision: 'DAY' as const };
    expect(deriveIdIssues(record, '2026-11-21')).toEqual(['SEX_MISMATCH', 'BIRTH_YEAR_MISMATCH']);
  });

  it('keeps the issues of a number stored before cards were checked (an unknown province), when the record is edited', () => {
    const record = { idNumber: '111090123456', sex: 'MALE' as const, birthDate: '1990-01-01', birthDatePrecision: 'DAY' as const };
    expect(deriveIdIssues(record, '2026-11-21')).toEqual(['UNKNOWN_PROVINCE']);
  });
});
