import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { bursts, phantomFlags, type FlagCode, type PhantomFacts } from './phantom.js';
import { madeUpRegister, suspicion, type SignalRates } from './phantom-signals.js';

const TODAY = '2026-11-22';
const org = (code: string) => BUILT_IN_ORGANIZATIONS.find((o) => o.code === code)!;

/** A real, active, eligible Hội Nông dân member: no flag at all. */
const base: PhantomFacts = {
  organization: org('HND'),
  status: MemberStatus.ACTIVE,
  birthDate: '1970-05-12',
  birthDatePrecision: 'DAY',
  sex: 'MALE',
  joinDate: '1995-03-01',
  profile: {},
  lastActivityDate: '2026-10-01',
  lastDuesDate: '2026-09-15',
  hasIdNumber: true,
  idIssues: [],
  idMalformed: false,
  hasPhone: true,
  register: { kind: 'MATCHED', alive: true, deathDate: null },
  death: null,
  phoneShared: 1,
  burst: 0,
  duplicateInOrg: false,
  organizationsOfPerson: 1,
};
/** The rates of a province where real members mostly carry an ID number, a phone and activity. */
const RATES: SignalRates = {
  madeUpShare: 0.01,
  noIdOfReal: 0.25,
  noPhoneOfReal: 0.3,
  noActivityOfReal: 0.05,
  otherRosterOfReal: 0.3,
  registerOfReal: {
    withId: { NO_MATCH: 0.06, AMBIGUOUS: 0.04, MATCHED: 0.9 },
    withoutId: { NO_MATCH: 0.1, AMBIGUOUS: 0.4, MATCHED: 0.5 },
  },
  registerOfMadeUp: madeUpRegister(0.1),
  deadInRegister: 0.03,
  burst: { madeUp: 0.9, real: 0.01 },
};
const codes = (f: Partial<PhantomFacts>) => phantomFlags({ ...base, ...f }, TODAY).map((x) => x.code);

describe('phantom flags: each code with a case that raises it and one that does not', () => {
  it('raises nothing for a real, living, eligible, active member', () => {
    expect(codes({})).toEqual([]);
  });

  it.each<[FlagCode, Partial<PhantomFacts>, Partial<PhantomFacts>]>([
    [
      'DECEASED',
      { register: { kind: 'MATCHED', alive: false, deathDate: '2025-02-03' } },
      { register: { kind: 'MATCHED', alive: true, deathDate: null } },
    ],
    ['NOT_IN_REGISTER', { register: { kind: 'NO_MATCH' } }, { register: { kind: 'NOT_COVERED' } }],
    ['INELIGIBLE_AGE', { organization: org('NCT'), birthDate: '1980-01-02' }, { organization: org('NCT'), birthDate: '1950-01-02' }],
    ['INELIGIBLE_SEX', { organization: org('HPN'), sex: 'MALE' }, { organization: org('HPN'), sex: 'MALE', profile: { honorary: true } }],
    [
      'AGED_OUT',
      { organization: org('DTN'), birthDate: '1993-01-02', joinDate: '2011-05-05' },
      { organization: org('DTN'), birthDate: '2000-01-02', joinDate: '2016-05-05' },
    ],
    ['INACTIVE', { lastActivityDate: '2024-01-01', lastDuesDate: '2024-06-01' }, { lastActivityDate: null, lastDuesDate: null }],
    [
      'NO_IDENTITY',
      { hasIdNumber: false, hasPhone: false, birthDate: '1970-01-01', birthDatePrecision: 'YEAR' },
      { hasIdNumber: false, hasPhone: false },
    ],
    ['INVALID_ID', { idIssues: ['UNKNOWN_PROVINCE'] }, { idIssues: ['SEX_MISMATCH'] }],
    ['ID_MISMATCH', { idIssues: ['BIRTH_YEAR_MISMATCH'] }, { idIssues: ['UNKNOWN_PROVINCE'] }],
    ['SHARED_PHONE', { phoneShared: 7 }, { phoneShared: 3 }],
    ['BULK_ENTRY', { burst: 12 }, { burst: 0 }],
    ['DUPLICATE_IN_ORG', { duplicateInOrg: true }, { duplicateInOrg: false }],
    ['MULTI_ORG', { organizationsOfPerson: 3 }, { organizationsOfPerson: 1 }],
  ])('%s', (code, raises, doesNot) => {
    expect(codes(raises)).toContain(code);
    expect(codes(doesNot)).not.toContain(code);
  });

  it('says why in Vietnamese, with the evidence', () => {
    const [dead] = phantomFlags({ ...base, register: { kind: 'MATCHED', alive: false, deathDate: '2025-02-03' } }, TODAY);
    expect(dead).toMatchObject({ code: 'DECEASED', severity: 'PHANTOM', evidence: { deathDate: '2025-02-03' } });
    expect(dead.message).toBe('CSDL dân cư ghi người này đã mất ngày 03/02/2025');
  });

  it("names a burst's branch in the organization's word: a Công đoàn's tổ, a Hội's chi hội", () => {
    const said = (organization: PhantomFacts['organization']) =>
      phantomFlags({ ...base, organization, burst: 33 }, TODAY).find((f) => f.code === 'BULK_ENTRY')!.message;
    expect(said(org('CD'))).toBe('Một trong 33 hồ sơ không có giấy tờ cùng vào một tổ công đoàn trong vài ngày');
    expect(said(org('HND'))).toBe('Một trong 33 hồ sơ không có giấy tờ cùng vào một chi hội trong vài ngày');
  });

  it('counts an admission below the age as a record to correct, not a phantom', () => {
    const flags = phantomFlags({ ...base, organization: org('DTN'), birthDate: '2005-06-01', joinDate: '2020-01-01' }, TODAY);
    expect(flags.find((f) => f.code === 'INELIGIBLE_AGE')?.severity).toBe('WARNING');
    expect(suspicion(flags, base, RATES).reasons).toEqual([]);
  });
});

describe('the minimum age, counted by the calendar year', () => {
  const hnd = (birthDate: string) => {
    const facts = { ...base, birthDate, joinDate: '2026-02-01' };
    const flags = phantomFlags(facts, TODAY);
    return { severity: flags.find((f) => f.code === 'INELIGIBLE_AGE')?.severity, ao: suspicion(flags, facts, RATES).reasons };
  };
  it.each([
    ['18 before the year is out: a record to watch', '2008-12-13', { severity: 'WARNING', ao: [] }],
    ['18 only next year: not eligible', '2009-02-01', { severity: 'PHANTOM', ao: ['INELIGIBLE_AGE'] }],
  ])('%s', (_, birthDate, expected) => {
    expect(hnd(birthDate)).toEqual(expected);
  });
});

describe('a death the register shows without an ID number', () => {
  it.each<[PhantomFacts['death'], string | undefined, FlagCode[]]>([
    [{ kind: 'SETTLED', deathDate: '2025-03-16', namesakes: 2, by: 'COMMUNE' }, 'PHANTOM', ['DECEASED']],
    [{ kind: 'SETTLED', deathDate: null, namesakes: 0, by: 'PERSON' }, 'PHANTOM', ['DECEASED']],
    [{ kind: 'UNSETTLED', dead: 1, alive: 1 }, 'WARNING', []],
    [null, undefined, []],
  ])('%j', (death, severity, ao) => {
    const facts = { ...base, hasIdNumber: false, register: { kind: 'AMBIGUOUS' as const, residents: 2 }, death };
    const flags = phantomFlags(facts, TODAY);
    expect(flags.find((f) => f.code === 'DECEASED')?.severity).toBe(severity);
    expect(suspicion(flags, facts, RATES).reasons).toEqual(ao);
  });
});

describe('the suspicion (ao)', () => {
  const ao = (f: Partial<PhantomFacts>) => {
    const facts = { ...base, ...f };
    return suspicion(phantomFlags(facts, TODAY), facts, RATES).reasons;
  };
  it('comes from death, the rules and inactivity', () => {
    expect(ao({ register: { kind: 'MATCHED', alive: false, deathDate: null } })).toEqual(['DECEASED']);
    expect(ao({ organization: org('HPN'), sex: 'MALE' })).toEqual(['INELIGIBLE_SEX']);
    expect(ao({ lastActivityDate: '2023-01-01', lastDuesDate: null })).toEqual(['INACTIVE']);
  });
  it('holds an activity date given as a year or a month at its latest day, and says it as given', () => {
    // Today 22/11/2026, twelve months: "2025" may be 31/12/2025 (not yet inactive), 01/01/2025 is.
    expect(ao({ lastActivityDate: '2025', lastDuesDate: null })).toEqual([]);
    expect(ao({ lastActivityDate: '2025-10', lastDuesDate: null })).toEqual(['INACTIVE']);
    expect(ao({ lastActivityDate: '2025-01-01', lastDuesDate: null })).toEqual(['INACTIVE']);
    const inactive = phantomFlags({ ...base, lastActivityDate: '2024', lastDuesDate: '2023-05' }, TODAY).find((f) => f.code === 'INACTIVE');
    expect(inactive?.message).toContain('từ 2024 (quá 12 tháng)');
  });
  it('comes, for a bare record, from a burst or from being unknown to the register', () => {
    const bare = { hasIdNumber: false, hasPhone: false, lastActivityDate: null, lastDuesDate: null };
    expect(ao({ ...bare, burst: 15, register: { kind: 'AMBIGUOUS', residents: 3 } })).toEqual(['BULK_ENTRY']);
    expect(ao({ ...bare, register: { kind: 'NO_MATCH' }, birthDate: '1970-01-01', birthDatePrecision: 'YEAR' })).toEqual([
      'NOT_IN_REGISTER',
    ]);
    // A burst of records the register knows, or papers in hand: not phantoms.
    expect(ao({ ...bare, burst: 15 })).toEqual([]);
    expect(ao({ burst: 15, register: { kind: 'NO_MATCH' } })).toEqual([]);
  });
  it('never comes from data-quality warnings alone', () => {
    expect(ao({ idIssues: ['SEX_MISMATCH'], hasPhone: false, phoneShared: 9, duplicateInOrg: true, organizationsOfPerson: 4 })).toEqual([]);
  });
});

describe('bursts of bare records in one branch', () => {
  it('finds eight or more joined within days of each other, judged on the records alone', () => {
    const rows = [
      ...Array.from({ length: 9 }, (_, k) => ({ unit: 'U1', joinDate: `2025-03-0${1 + (k % 7)}`, bare: true })),
      ...Array.from({ length: 9 }, (_, k) => ({ unit: 'U2', joinDate: `2025-0${1 + (k % 9)}-01`, bare: true })),
      ...Array.from({ length: 9 }, () => ({ unit: 'U3', joinDate: '2025-03-01', bare: false })),
    ];
    const sizes = bursts(rows);
    expect(sizes.slice(0, 9)).toEqual(Array(9).fill(9));
    expect(sizes.slice(9)).toEqual(Array(18).fill(0));
  });
});
