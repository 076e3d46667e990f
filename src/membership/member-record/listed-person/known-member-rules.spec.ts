import { linkDate } from '../../../common/identity/identity-compare.js';
import { MemberStatus } from '../../status/member-status.js';
import { holdShared, matchRow, probeOfColumns, type KnownMatch, type KnownRecord, type RowProbe } from './known-member-rules.js';

/** A row's fields to change, its birth date as stored (ISO) with its precision. */
type RowOver = Omit<Partial<RowProbe>, 'birth'> & { birth?: string; precision?: string };

const probe = (over: RowOver): RowProbe => {
  const { birth, precision, ...rest } = over;
  return {
    ordinal: 1,
    fullName: 'Lò Thị Lan',
    birth: birth === undefined ? linkDate('1985-03-12', 'DAY') : linkDate(birth, precision ?? 'DAY'),
    idHash: null,
    idKind: null,
    communeCode: '03199',
    communeCandidates: [],
    phone: null,
    block: null,
    ...rest,
  };
};

let n = 0;
const record = (over: Partial<KnownRecord>): KnownRecord => ({
  id: `r${++n}`,
  externalId: `HPN-${n}`,
  fullName: 'Lò Thị Lan',
  birthDate: '1985-03-12',
  birthDatePrecision: 'DAY',
  idHash: null,
  idKind: null,
  communeCode: '03199',
  communeCandidates: [],
  phone: null,
  status: MemberStatus.ACTIVE,
  ...over,
});

/** A match in a word: the record's code and how, or HOLD, or NEW. */
const said = (m: KnownMatch) => (m.kind === 'RECORD' ? `${m.externalId} ${m.how}` : m.kind);

describe('matchRow: which known record a row without a code is', () => {
  const cccd = { idHash: 'aa', idKind: 'CCCD' };

  it.each<[string, RowOver, Partial<KnownRecord>[], 'byCccd' | 'byName', string]>([
    ['the same CCCD', cccd, [{ ...cccd, externalId: 'A' }], 'byCccd', 'A CCCD'],
    [
      'the same CCCD, the name typed without marks',
      { ...cccd, fullName: 'LO THI LAN' },
      [{ ...cccd, externalId: 'A' }],
      'byCccd',
      'A CCCD',
    ],
    [
      'the same CCCD, one letter of the name fixed',
      { ...cccd, fullName: 'Lò Thị Lanh' },
      [{ ...cccd, externalId: 'A' }],
      'byCccd',
      'A CCCD',
    ],
    ['the same CCCD on another name', { ...cccd, fullName: 'Quàng Văn Nam' }, [{ ...cccd, externalId: 'A' }], 'byCccd', 'HOLD'],
    [
      'the same CCCD, an ended listing and a live one',
      cccd,
      [
        { ...cccd, status: MemberStatus.LEFT },
        { ...cccd, externalId: 'B' },
      ],
      'byCccd',
      'B CCCD',
    ],
    ['the same CCCD on two live listings', cccd, [cccd, cccd], 'byCccd', 'HOLD'],
    ['the same CCCD on an ended listing only', cccd, [{ ...cccd, externalId: 'A', status: MemberStatus.STRUCK_OFF }], 'byCccd', 'A CCCD'],
    ['name, full date and commune', {}, [{ externalId: 'A' }], 'byName', 'A STRONG'],
    [
      'name, full date and phone, commune unknown',
      { phone: '0912000001', communeCode: null },
      [{ externalId: 'A', phone: '0912000001', communeCode: null }],
      'byName',
      'A STRONG',
    ],
    [
      'name, full date, another commune and no phone',
      { communeCode: '00004' },
      [{ externalId: 'A', communeCode: '03199' }],
      'byName',
      'NEW',
    ],
    ['name, full date, a near commune', { communeCode: '03196' }, [{ externalId: 'A' }], 'byName', 'HOLD'],
    ['name and the 01/01 placeholder, same commune', { birth: '1985-01-01' }, [{ birthDate: '1985-01-01' }], 'byName', 'HOLD'],
    ['name and a year alone, same commune', { birth: '1985-01-01', precision: 'YEAR' }, [{}], 'byName', 'HOLD'],
    [
      'name and a year alone, the same phone in the same commune',
      { birth: '1985-01-01', precision: 'YEAR', phone: '0912000001' },
      [{ externalId: 'A', phone: '0912000001' }],
      'byName',
      'A STRONG',
    ],
    [
      'name and a year alone, the same phone, another commune',
      { birth: '1985-01-01', precision: 'YEAR', phone: '0912000001', communeCode: '00004' },
      [{ externalId: 'A', phone: '0912000001', communeCode: '03199' }],
      'byName',
      'HOLD',
    ],
    [
      'a year alone, no phone, listed in her chi hội, the commune lists no other namesake of that year',
      { fullName: 'Vàng Thị Dí', birth: '1977-01-01', precision: 'YEAR', unitId: 'u-pa-co' },
      [{ externalId: 'A', fullName: 'Vàng Thị Dí', birthDate: '1977-01-01', birthDatePrecision: 'YEAR', unitId: 'u-pa-co' }],
      'byName',
      'A PLACE',
    ],
    [
      'a 01/01 date, no phone, the same bản written in both',
      { fullName: 'Giàng A Páo', birth: '1969-01-01', village: 'Bản Pa Cò', sex: 'M' },
      [{ externalId: 'A', fullName: 'Giàng A Páo', birthDate: '1969-01-01', village: 'bản Pa Cò', sex: 'M' }],
      'byName',
      'A PLACE',
    ],
    [
      'a year alone in her chi hội, but two namesakes of that year in the commune',
      { fullName: 'Vàng Thị Dí', birth: '1977-01-01', precision: 'YEAR', unitId: 'u-pa-co' },
      [
        { fullName: 'Vàng Thị Dí', birthDate: '1977-01-01', birthDatePrecision: 'YEAR', unitId: 'u-pa-co' },
        { fullName: 'Vàng Thị Dí', birthDate: '1977-01-01', birthDatePrecision: 'YEAR', unitId: 'u-ta-leng' },
      ],
      'byName',
      'HOLD',
    ],
    [
      'a year alone, her chi hội, the namesake listed in another bản',
      { fullName: 'Vàng Thị Dí', birth: '1977-01-01', precision: 'YEAR', unitId: 'u-pa-co', village: 'Pa Cò' },
      [{ fullName: 'Vàng Thị Dí', birthDate: '1977-01-01', birthDatePrecision: 'YEAR', unitId: 'u-pa-co', village: 'Tà Lèng' }],
      'byName',
      'HOLD',
    ],
    [
      'a year alone, her chi hội, a new member joined this year (the listed one joined in 1998)',
      { fullName: 'Vàng Thị Dí', birth: '1977-01-01', precision: 'YEAR', unitId: 'u-pa-co', joinDate: linkDate('2026-03-08', 'DAY') },
      [
        {
          fullName: 'Vàng Thị Dí',
          birthDate: '1977-01-01',
          birthDatePrecision: 'YEAR',
          unitId: 'u-pa-co',
          joinDate: '1998-01-01',
          joinDatePrecision: 'YEAR',
        },
      ],
      'byName',
      'HOLD',
    ],
    [
      'a year alone, her chi hội, another phone on each',
      { birth: '1985-01-01', precision: 'YEAR', unitId: 'u-pa-co', phone: '0912000001' },
      [{ birthDate: '1985-01-01', birthDatePrecision: 'YEAR', unitId: 'u-pa-co', phone: '0987000002' }],
      'byName',
      'HOLD',
    ],
    [
      'a year alone, the namesake in another chi hội of the commune',
      { birth: '1985-01-01', precision: 'YEAR', unitId: 'u-pa-co' },
      [{ birthDate: '1985-01-01', birthDatePrecision: 'YEAR', unitId: 'u-ta-leng' }],
      'byName',
      'HOLD',
    ],
    ['namesakes born the same day in one commune', {}, [{}, {}], 'byName', 'HOLD'],
    ['a namesake born another day of the year', { birth: '1985-07-30' }, [{}], 'byName', 'NEW'],
    ['Hùng and Hưng: the same letters, other marks', { fullName: 'Lò Văn Hưng' }, [{ fullName: 'Lò Văn Hùng' }], 'byName', 'HOLD'],
    ['Thị dropped in one list', { fullName: 'Lò Lan' }, [{ externalId: 'A' }], 'byName', 'A STRONG'],
    ['another CCCD, all else strong (a corrected number)', cccd, [{ idHash: 'bb', idKind: 'CCCD' }], 'byName', 'HOLD'],
    [
      'another CCCD, a year alone: another person',
      { ...cccd, birth: '1985-01-01', precision: 'YEAR' },
      [{ idHash: 'bb', idKind: 'CCCD' }],
      'byName',
      'NEW',
    ],
    ['a CCCD on the row, none on the record', cccd, [{ externalId: 'A' }], 'byName', 'A STRONG'],
    [
      'name, full date and the same old CMND, no commune nor phone on either',
      { idHash: 'cc', idKind: 'CMND', communeCode: null },
      [{ externalId: 'A', idHash: 'cc', idKind: 'CMND', communeCode: null }],
      'byName',
      'A STRONG',
    ],
    [
      'name, a year alone and the same old CMND',
      { birth: '1985-01-01', precision: 'YEAR', idHash: 'cc', idKind: 'CMND' },
      [{ externalId: 'A', idHash: 'cc', idKind: 'CMND' }],
      'byName',
      'A STRONG',
    ],
    [
      'name, full date, another old CMND and nothing else',
      { idHash: 'cc', idKind: 'CMND', communeCode: null },
      [{ externalId: 'A', idHash: 'dd', idKind: 'CMND', communeCode: null }],
      'byName',
      'HOLD',
    ],
    ['nobody known', {}, [], 'byName', 'NEW'],
  ])('%s', (_, row, records, where, expected) => {
    const rs = records.map(record);
    const m = matchRow(probe(row), where === 'byCccd' ? rs : [], where === 'byName' ? rs : []);
    expect(said(m)).toBe(expected);
    if (m.kind === 'HOLD') expect(m.candidates.length).toBeGreaterThan(0);
  });

  it('reads a row without a commune in the commune it lands in (her own unit’s), so her last import’s record is the row’s; its own commune wins', () => {
    const columns = (communeCode: string | null) => ({
      fullName: 'Lò Thị Lan',
      birthDate: '1985-03-12',
      birthDatePrecision: 'DAY',
      givenKey: 'lan',
      familyKey: 'lo',
      communeCode,
    });
    const home = probeOfColumns(1, columns(null), '03199');
    expect(home.communeCode).toBe('03199');
    expect(probeOfColumns(1, columns('00004'), '03199').communeCode).toBe('00004');
    expect(said(matchRow(home, [], [record({ externalId: 'A' })]))).toBe('A STRONG');
    expect(said(matchRow(probeOfColumns(1, columns(null)), [], [record({ externalId: 'A' })]))).toBe('HOLD');
  });

  it('says why it holds, in Vietnamese, with the candidates’ codes', () => {
    const m = matchRow(probe({ birth: '1985-01-01', precision: 'YEAR' }), [], [record({ externalId: 'HPN-9' })]);
    expect(m).toMatchObject({ kind: 'HOLD', candidates: [{ externalId: 'HPN-9' }] });
    expect(m.kind === 'HOLD' && m.reason).toMatch(
      /^có thể là hồ sơ 'HPN-9' \(trùng họ tên, năm sinh, xã; chưa đủ căn cứ .* chỉ có năm sinh/,
    );
  });

  it('says what the two disagree on when the same name and year in her bản are held: the sex, the village', () => {
    const row = { fullName: 'Giàng Thị Mỷ', birth: '1969-01-01', precision: 'YEAR' as const, village: 'Bản Pa Cò' };
    const listed = { externalId: 'HPN-MY', fullName: 'Giàng Thị Mỷ', birthDate: '1969', birthDatePrecision: 'YEAR', village: 'Bản Pa Cò' };
    expect(said(matchRow(probe({ ...row, sex: 'FEMALE' }), [], [record({ ...listed, sex: 'FEMALE' })]))).toBe('HPN-MY PLACE');
    const sex = matchRow(probe({ ...row, sex: 'MALE' }), [], [record({ ...listed, sex: 'FEMALE' })]);
    expect(sex.kind === 'HOLD' && sex.reason).toMatch(
      /^có thể là hồ sơ 'HPN-MY' \(trùng họ tên, năm sinh, xã; khác giới tính \(hồ sơ ghi Nữ\); chưa đủ căn cứ/,
    );
    const bản = matchRow(probe({ ...row, village: 'Bản Tà Lèng' }), [], [record(listed)]);
    expect(bản.kind === 'HOLD' && bản.reason).toContain("khác thôn/bản (hồ sơ ghi 'Bản Pa Cò')");
  });

  it('says whose date is a year alone, and a name that only looks alike', () => {
    const completed = matchRow(
      probe({ birth: '1985-03-12', precision: 'DAY' }),
      [],
      [record({ externalId: 'HPN-9', birthDate: '1985', birthDatePrecision: 'YEAR' })],
    );
    expect(completed.kind === 'HOLD' && completed.reason).toMatch(
      /hồ sơ đã có chỉ ghi năm sinh \(hoặc 01\/01\): cần ngày sinh đầy đủ ở cả hai/,
    );
    const marks = matchRow(
      probe({ fullName: 'Lò Thị Lán', birth: '1985-01-01', precision: 'YEAR' }),
      [],
      [record({ externalId: 'HPN-9' })],
    );
    expect(marks.kind === 'HOLD' && marks.reason).toMatch(/họ tên gần giống \('Lò Thị Lan'\)/);
  });

  it('holds a name typed another way with the same phone and birth year (never a second record); another name with that phone is someone else', () => {
    const row = probe({ fullName: 'Lò Thị Lann', birth: '1985-01-01', precision: 'YEAR', phone: '0912000001' });
    const m = matchRow(row, [], [], [record({ externalId: 'HPN-7', phone: '0912000001' })]);
    expect(m).toMatchObject({ kind: 'HOLD', candidates: [{ externalId: 'HPN-7' }] });
    expect(m.kind === 'HOLD' && m.reason).toContain("cùng số điện thoại, họ tên gần giống ('Lò Thị Lan'), cùng năm sinh");
    // The same name, the record without a birth date (a tester's "họ tên gần giống" of an identical name): said as it is.
    const undated = matchRow(
      probe({ fullName: 'Lò Thị Lan', birth: '1985-01-01', precision: 'YEAR', phone: '0912000001' }),
      [],
      [],
      [record({ externalId: 'HPN-8', phone: '0912000001', birthDate: null, birthDatePrecision: null })],
    );
    expect(undated.kind === 'HOLD' && undated.reason).toBe(
      "có thể là hồ sơ 'HPN-8' (cùng số điện thoại, trùng họ tên, hồ sơ đã có chưa ghi ngày sinh)",
    );
    const household = matchRow(probe({ fullName: 'Quàng Văn Nam', phone: '0912000001' }), [], [], [record({ phone: '0912000001' })]);
    expect(household.kind).toBe('NEW');
  });

  it('holds a name with a word added or dropped at its end (same birth, same commune or phone); never a second record, never merged', () => {
    const thu = record({ externalId: 'HPN-TT', fullName: 'Lường Thị Thu', birthDate: '1990-03-12' });
    const added = probe({ fullName: 'Lường Thị Thu Trang', birth: '1990-03-12' });
    const m = matchRow(added, [], [], [], [thu]);
    expect(m).toMatchObject({ kind: 'HOLD', candidates: [{ externalId: 'HPN-TT' }] });
    expect(m.kind === 'HOLD' && m.reason).toBe(
      "có thể là hồ sơ 'HPN-TT' (họ tên trong hồ sơ là 'Lường Thị Thu', khác một chữ cuối; cùng ngày sinh, cùng xã): nếu là một người, chọn hồ sơ đó; nếu không, thêm người mới",
    );
    // Dropped, found by the phone they share; a year alone agrees too.
    const longer = record({ fullName: 'Lường Thị Thu Trang', birthDate: '1990-01-01', birthDatePrecision: 'YEAR', phone: '0912000009' });
    const dropped = probe({ fullName: 'Lường Thị Thu', birth: '1990-01-01', precision: 'YEAR', phone: '0912000009' });
    expect(said(matchRow(dropped, [], [], [longer]))).toBe('HOLD');
    // Another birth date, another commune, another CCCD, or only a Thị/Văn left: someone else.
    expect(said(matchRow({ ...added, birth: linkDate('1991-03-12', 'DAY') }, [], [], [], [thu]))).toBe('NEW');
    expect(said(matchRow({ ...added, communeCode: '26734' }, [], [], [], [thu]))).toBe('NEW');
    const numbered = { idKind: 'CCCD', idHash: 'bb' };
    expect(said(matchRow({ ...added, ...numbered }, [], [], [], [{ ...thu, idKind: 'CCCD', idHash: 'cc' }]))).toBe('NEW');
    // A record whose name lacks its given name (Tòng Thị) completed: held too.
    expect(said(matchRow(probe({ fullName: 'Tòng Thị Ánh' }), [], [], [], [record({ fullName: 'Tòng Thị' })]))).toBe('HOLD');
    expect(said(matchRow(probe({ fullName: 'Tòng Thị Ánh' }), [], [], [], [record({ fullName: 'Tòng Văn' })]))).toBe('NEW');
  });

  it('holds both rows of a batch taken for one record', () => {
    const matches = new Map<number, KnownMatch>([
      [1, { kind: 'RECORD', recordId: 'r', externalId: 'A', how: 'CCCD' }],
      [2, { kind: 'RECORD', recordId: 'r', externalId: 'A', how: 'STRONG' }],
      [3, { kind: 'RECORD', recordId: 's', externalId: 'B', how: 'CCCD' }],
    ]);
    holdShared(matches);
    expect([...matches.values()].map(said)).toEqual(['HOLD', 'HOLD', 'B CCCD']);
    // What to do, and how not to be asked again next month.
    expect(matches.get(1)).toMatchObject({ reason: expect.stringContaining('xóa dòng ghi trùng khỏi tệp') as unknown });
  });

  it('keeps the line last imported into the record as it, and holds only the other row that matches it', () => {
    const matches = new Map<number, KnownMatch>([
      [1, { kind: 'RECORD', recordId: 'r', externalId: 'A', how: 'SAME_LINE' }],
      [2, { kind: 'RECORD', recordId: 'r', externalId: 'A', how: 'CCCD' }],
    ]);
    holdShared(matches);
    expect([...matches.values()].map(said)).toEqual(['A SAME_LINE', 'HOLD']);
    expect(matches.get(2)).toMatchObject({ reason: expect.stringContaining('nếu là một người, xóa dòng này khỏi tệp') as unknown });
  });
});
