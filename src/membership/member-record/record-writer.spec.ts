import type { CommuneResolution } from '../../geography/commune-directory.js';
import { HPN } from '../../organizations/hpn/hpn.organization.js';
import { MemberStatus } from '../status/member-status.js';
import type { MemberRecord } from './member-record.entity.js';
import { writeRecord, type CommuneLookup, type RecordInput, type RecordWriteContext } from './record-writer.js';

/** A vault whose seals and hashes can be read in a test: `sealed:x`, `hash:x`. */
const vault: RecordWriteContext['vault'] = {
  seal: (x) => Buffer.from(`sealed:${x}`),
  open: (b) => b.toString().replace(/^sealed:/, ''),
  hash: (x) => Buffer.from(`hash:${x}`),
  sealIdNumber: (d) =>
    d
      ? { idNumberSealed: Buffer.from(`sealed:${d}`), idNumberHash: Buffer.from(`hash:${d}`), idNumberMasked: `masked:${d}` }
      : { idNumberSealed: null, idNumberHash: null, idNumberMasked: null },
};

const commune = (code: string) => ({ code, name: `Xã ${code}`, provinceCode: '01' });
/** '00004' is a current commune; old '00099' was split into 00001 and 00002; with a name it is settled to 00001. */
const communes: CommuneLookup & { asked: { code?: string | null; name?: string | null }[] } = {
  asked: [],
  resolve(q) {
    this.asked.push(q);
    const code = q.code ? q.code.padStart(5, '0') : null;
    const found = (kind: CommuneResolution['kind'], c: string | null, candidates: string[] = []): CommuneResolution => ({
      kind,
      commune: c ? commune(c) : null,
      candidates: candidates.map(commune),
      legacy: null,
      enteredCode: code,
    });
    if (code === '00004' || (!code && q.name === 'Ba Đình')) return found(code ? 'CURRENT' : 'NAME', '00004');
    if (code === '00099' && q.name === 'Phúc Xá') return found('LEGACY', '00001');
    if (code === '00099') return found('LEGACY_SPLIT', null, ['00001', '00002']);
    return found('NOT_FOUND', null);
  },
};

const ctx = (over: Partial<RecordWriteContext> = {}): RecordWriteContext => ({
  definition: HPN,
  today: '2026-11-21',
  vault,
  communes,
  settleSplitCommune: true,
  withTombstoneKeys: true,
  ...over,
});

/** A stored record: female, born 1985, ID 001185012345 (sealed), commune 00099 still split. */
const stored = (over: Partial<MemberRecord> = {}) =>
  ({
    id: 'r1',
    fullName: 'Nguyễn Thị Hòa',
    nameFolded: 'nguyen thi hoa',
    sex: 'FEMALE',
    birthDate: '1985-03-04',
    birthDatePrecision: 'DAY',
    idNumberSealed: Buffer.from('sealed:001185012345'),
    status: MemberStatus.SUSPENDED,
    communeCode: null,
    communeEnteredCode: '00099',
    communeCandidates: ['00001', '00002'],
    profile: {},
    raw: { fullName: 'nguyễn thị hoà' },
    ...over,
  }) as MemberRecord;

const NEW: RecordInput = { externalId: ' HPN-1 ', fullName: 'nguyễn thị hoà', birthDate: '04/03/1985', idNumber: '001 185 012345' };

describe('writeRecord: one input → stored columns (form create and update, import)', () => {
  it.each<[string, RecordInput, Partial<RecordWriteContext>, Record<string, unknown>]>([
    [
      'a new record: every column set, the number sealed, its entered form kept, ACTIVE',
      NEW,
      {},
      {
        externalId: 'HPN-1',
        fullName: 'Nguyễn Thị Hòa',
        birthDate: '1985-03-04',
        idNumberSealed: Buffer.from('sealed:001185012345'),
        idNumberHash: Buffer.from('hash:001185012345'),
        idNumberMasked: 'masked:001185012345',
        idNumberRawSealed: Buffer.from('sealed:001 185 012345'),
        idKind: 'CCCD',
        communeCode: null,
        communeEnteredCode: null,
        communeCandidates: [],
        status: MemberStatus.ACTIVE,
        idIssues: [],
        raw: { fullName: 'nguyễn thị hoà' },
      },
    ],
    [
      'a new record whose number was typed as 12 digits: the entered form is not sealed twice',
      { ...NEW, idNumber: '001185012345' },
      {},
      { idNumberRawSealed: null, idNumberMasked: 'masked:001185012345' },
    ],
    [
      'a new record without a number: the number columns are null',
      { externalId: 'HPN-2', fullName: 'Lê Văn An' },
      {},
      { idNumberSealed: null, idNumberHash: null, idNumberMasked: null, idNumberRawSealed: null, idIssues: [] },
    ],
    [
      'a new record with a status and a commune: both kept, the raw form of the commune too',
      { ...NEW, status: MemberStatus.TEMPORARY, communeCode: '4', communeName: undefined },
      {},
      {
        status: MemberStatus.TEMPORARY,
        communeCode: '00004',
        communeEnteredCode: '00004',
        raw: { fullName: 'nguyễn thị hoà', commune: '4' },
      },
    ],
    ['a number that contradicts the sex: the issue is derived', { ...NEW, sex: 'nam' }, {}, { sex: 'MALE', idIssues: ['SEX_MISMATCH'] }],
  ])('%s', (_name, input, over, expected) => {
    const write = writeRecord(input, ctx(over));
    expect(write.problems).toEqual([]);
    expect(write.columns).toMatchObject(expected);
  });

  it.each<[string, RecordInput, Partial<MemberRecord>, Record<string, unknown>, string[]]>([
    [
      'a stored record: only what the input touches, the ID issues from the stored number',
      { phone: '0912345678', sex: 'nam' },
      {},
      { phone: '0912345678', sex: 'MALE', idIssues: ['SEX_MISMATCH'] },
      ['idNumberSealed', 'idNumberRawSealed', 'communeCode', 'status', 'externalId'],
    ],
    [
      'a stored record given a new number: sealed again, the issues from the new one',
      { idNumber: '001085012345' },
      {},
      { idNumberSealed: Buffer.from('sealed:001085012345'), idNumberRawSealed: null, idIssues: ['SEX_MISMATCH'] },
      ['communeCode', 'status'],
    ],
    [
      'a stored record with its number cleared: the number columns cleared',
      { idNumber: '' },
      {},
      { idNumberSealed: null, idNumberHash: null, idNumberMasked: null, idNumberRawSealed: null, idKind: null, idIssues: [] },
      [],
    ],
    [
      'a stored record given a status: the status changes',
      { status: MemberStatus.ACTIVE },
      {},
      { status: MemberStatus.ACTIVE },
      ['communeCode'],
    ],
    [
      'a stored record with its commune cleared: the commune columns and its raw form cleared',
      { communeCode: '' },
      { communeCode: '00004', communeEnteredCode: '00004', communeCandidates: [], raw: { commune: '4' } },
      { communeCode: null, communeEnteredCode: null, communeCandidates: [], raw: { commune: undefined } },
      [],
    ],
  ])('%s', (_name, input, current, expected, absent) => {
    const write = writeRecord(input, ctx({ current: stored(current) }));
    expect(write.problems).toEqual([]);
    expect(write.columns).toMatchObject(expected);
    for (const key of absent) expect(write.columns).not.toHaveProperty(key);
    expect(write.tombstoneKeys).toEqual([]);
  });

  it.each<[string, boolean, { code?: string | null; name?: string | null }, Record<string, unknown>]>([
    [
      'the form settles a split commune by a name alone',
      true,
      { code: '00099', name: 'Phúc Xá' },
      { communeCode: '00001', communeCandidates: [] },
    ],
    ['the import reads the name on its own (today)', false, { code: null, name: 'Phúc Xá' }, {}],
  ])('%s', (_name, settleSplitCommune, asked, expected) => {
    communes.asked.length = 0;
    const write = writeRecord({ communeName: 'Phúc Xá' }, ctx({ current: stored(), settleSplitCommune }));
    expect(communes.asked).toEqual([asked]);
    if (settleSplitCommune) expect(write.columns).toMatchObject(expected);
    else expect(write.problems.map((p) => p.field)).toEqual(['communeName']);
  });

  it('reports every problem by field, in order, and writes nothing; the commune read is still given', () => {
    const write = writeRecord({ externalId: '=X()', fullName: 'Lê Văn 3', birthDate: '31/02/1990', communeCode: '4' }, ctx());
    expect(write.problems.map((p) => [p.field, p.value])).toEqual([
      ['fullName', 'Lê Văn 3'],
      ['birthDate', '31/02/1990'],
      ['externalId', '=X()'],
    ]);
    expect(write.columns).toBeNull();
    expect(write.communeCode).toBe('00004');
    expect(write.tombstoneKeys).toEqual([]);
  });

  it.each<[string, CommuneLookupInput, string, string | null]>([
    ['a code that is not one', { communeCode: '12a' }, 'communeCode', "Mã xã: '12a' không phải mã xã (tối đa 5 chữ số)"],
    ['an unknown code', { communeCode: '777' }, 'communeCode', "Mã xã: mã xã '777' không có trong danh mục xã mới hay cũ"],
    ['an unknown name', { communeName: 'Đâu Đó' }, 'communeName', "Xã/Phường: không tìm thấy xã/phường 'Đâu Đó'"],
  ])('refuses %s, naming the field', (_name, input, field, message) => {
    const write = writeRecord({ ...NEW, ...input }, ctx());
    expect(write.problems).toEqual([expect.objectContaining({ field, message })]);
  });

  it('refuses a name cleared on a stored record (beside the name rule)', () => {
    const write = writeRecord({ fullName: null }, ctx({ current: stored() }));
    expect(write.problems.map((p) => p.message)).toContain('Họ và tên: không được để trống');
  });

  it.each<[string, RecordInput, string | null]>([
    ['a card of a woman born in the 1900s', { fullName: 'Lò Thị Ánh', idNumber: '001185012345' }, 'FEMALE'],
    ['a card of a man, for her list to show', { fullName: 'Lò Văn Ánh', idNumber: '001085012345' }, 'MALE'],
    ['a man’s card, no middle name to doubt it', { fullName: 'Lò Ánh', idNumber: '001085012345' }, 'MALE'],
    ['none from a man’s card on a name with Thị: the digit is the doubt', { fullName: 'Lò Thị Ánh', idNumber: '001085012345' }, null],
    ['a card of a woman born in the 2000s', { fullName: 'Lò Thị Em', idNumber: '001303012345' }, 'FEMALE'],
    ['no sex from a card whose year the record contradicts', { fullName: 'Lò Thị Ánh', idNumber: '001185012345', birthDate: '1990' }, null],
    ['no sex from a card of a province none has', { fullName: 'Lò Thị Ánh', idNumber: '099185012345' }, null],
    ['none from an old CMND, which does not say', { fullName: 'Lò Thị Ánh', idNumber: '012345678' }, null],
  ])('a record without a sex takes its CCCD’s: %s', (_name, input, sex) => {
    const write = writeRecord(input, ctx());
    expect(write.columns?.sex ?? null).toBe(sex);
  });

  it('keeps as an ID issue a card whose sex digit her name’s Thị contradicts, the sex left unsaid', () => {
    const write = writeRecord({ fullName: 'Lò Thị Ánh', idNumber: '001085012345' }, ctx());
    expect(write.columns?.sex ?? null).toBeNull();
    expect(write.columns?.idIssues).toEqual(['SEX_MISMATCH']);
  });

  it('keeps the sex she gave against her card, the mismatch kept as an ID issue', () => {
    const write = writeRecord({ fullName: 'Lò Thị Ánh', idNumber: '001085012345', sex: 'Nữ' }, ctx());
    expect(write.columns).toMatchObject({ sex: 'FEMALE', idIssues: ['SEX_MISMATCH'] });
  });

  it('gives a stored record without a sex its card’s when the record is edited', () => {
    const write = writeRecord({ phone: '0912345678' }, ctx({ current: stored({ sex: null }) }));
    expect(write.columns?.sex).toBe('FEMALE');
  });

  it.each<[string, Partial<RecordWriteContext>, string[]]>([
    ['a new record: the keys of its number and of its name with its birth day', {}, ['ID_NUMBER', 'NAME_BIRTH']],
    ['none asked for (no one was ever erased)', { withTombstoneKeys: false }, []],
  ])('tombstone keys: %s', (_name, over, kinds) => {
    const write = writeRecord(NEW, ctx(over));
    expect(write.tombstoneKeys.map((k) => k.kind)).toEqual(kinds);
    if (kinds.length) expect(write.tombstoneKeys[0].hash).toEqual(Buffer.from('hash:001185012345'));
  });
});

type CommuneLookupInput = { communeCode?: string | null; communeName?: string | null };
