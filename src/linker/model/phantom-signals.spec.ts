import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { phantomFlags, type FlagCode, type PhantomFacts } from './phantom.js';
import {
  madeUpRegister,
  rateTally,
  signalsOf,
  suspicion,
  withSuspicion,
  type Signal,
  type SignalCode,
  type SignalRates,
} from './phantom-signals.js';

const TODAY = '2026-11-22';
const org = (code: string) => BUILT_IN_ORGANIZATIONS.find((o) => o.code === code)!;

/** A real Hội Nông dân member with papers, a phone, activity and a register entry. */
const real: PhantomFacts = {
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
/** No ID number, no phone, no activity, no dues. */
const bare: Partial<PhantomFacts> = { hasIdNumber: false, hasPhone: false, lastActivityDate: null, lastDuesDate: null };

/** A lowland province: most real members carry an ID number and a phone, few lack activity, the register knows 94%. */
const WELL_PAPERED: SignalRates = {
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
/** An upland province: seven real members in ten have no ID number on the roster, the register misses 15% of them. */
const FEW_PAPERS: SignalRates = {
  ...WELL_PAPERED,
  noIdOfReal: 0.7,
  noPhoneOfReal: 0.5,
  registerOfReal: { ...WELL_PAPERED.registerOfReal, withoutId: { NO_MATCH: 0.15, AMBIGUOUS: 0.45, MATCHED: 0.4 } },
};

const judge = (f: Partial<PhantomFacts>, rates = WELL_PAPERED) => {
  const facts = { ...real, ...f };
  return suspicion(phantomFlags(facts, TODAY), facts, rates);
};

describe('one suspicion from weak signals', () => {
  it.each<[string, Partial<PhantomFacts>, SignalRates, FlagCode[]]>([
    ['a real member', {}, WELL_PAPERED, []],
    [
      'a burst of bare names the register does not know',
      { ...bare, burst: 14, register: { kind: 'NO_MATCH' } },
      FEW_PAPERS,
      ['BULK_ENTRY'],
    ],
    [
      'a burst of bare names with namesakes in the register',
      { ...bare, burst: 14, register: { kind: 'AMBIGUOUS', residents: 2 } },
      FEW_PAPERS,
      ['BULK_ENTRY'],
    ],
    [
      'a bare name the register does not know, its join date a year alone',
      { ...bare, register: { kind: 'NO_MATCH' } },
      WELL_PAPERED,
      ['NOT_IN_REGISTER'],
    ],
    ['a bare record the register knows', { ...bare, burst: 14 }, WELL_PAPERED, []],
    ['unknown to the register, but active with a phone', { hasIdNumber: false, register: { kind: 'NO_MATCH' } }, WELL_PAPERED, []],
    ['no papers at all, yet paying dues', { ...bare, lastDuesDate: '2026-08-01', register: { kind: 'NO_MATCH' } }, FEW_PAPERS, []],
    [
      'no papers, no phone, no activity, in a commune the register does not cover: data to collect',
      { ...bare, burst: null, register: { kind: 'NOT_COVERED' } },
      WELL_PAPERED,
      [],
    ],
    ['one phone for nine persons, the rest in order', { phoneShared: 9 }, WELL_PAPERED, []],
    [
      'a Đoàn member of 33 (aged out), no papers, with namesakes: a warning, never a phantom',
      {
        hasIdNumber: false,
        hasPhone: false,
        organization: org('DTN'),
        birthDate: '1993-02-02',
        joinDate: '2010-05-05',
        register: { kind: 'AMBIGUOUS', residents: 2 },
      },
      WELL_PAPERED,
      [],
    ],
    [
      'namesakes, one dead, not told apart: a signal that does not decide alone',
      { death: { kind: 'UNSETTLED', dead: 1, alive: 1 } },
      WELL_PAPERED,
      [],
    ],
    [
      'a bare record with namesakes, none of them dead',
      { ...bare, burst: null, register: { kind: 'AMBIGUOUS', residents: 2 } },
      FEW_PAPERS,
      [],
    ],
    [
      'the same with the namesakes it could be all dead, not told apart: the weak signal tips it',
      { ...bare, burst: null, death: { kind: 'UNSETTLED', dead: 2, alive: 0 }, register: { kind: 'AMBIGUOUS', residents: 2 } },
      FEW_PAPERS,
      ['DECEASED'],
    ],
  ])('%s', (_, f, rates, reasons) => {
    expect(judge(f, rates).reasons).toStrictEqual(reasons);
  });

  it('weighs no eligibility signal for a Đoàn member aged out (31–35)', () => {
    const dtn = { ...bare, organization: org('DTN'), joinDate: '2016-05-05', register: { kind: 'AMBIGUOUS' as const, residents: 2 } };
    const at33 = judge({ ...dtn, birthDate: '1993-02-02' });
    expect(phantomFlags({ ...real, ...dtn, birthDate: '1993-02-02' }, TODAY).map((f) => f.code)).toContain('AGED_OUT');
    expect(at33.signals).toEqual(judge({ ...dtn, birthDate: '1999-02-02' }).signals);
  });

  it('lists each signal with a Vietnamese sentence and a signed weight; the weights give the probability', () => {
    const s = judge({ ...bare, burst: 14, register: { kind: 'NO_MATCH' } });
    expect(s.signals.map((x) => x.code)).toEqual<SignalCode[]>([
      'BASE_RATE',
      'NOT_IN_REGISTER',
      'NO_ID',
      'NO_PHONE',
      'NO_ACTIVITY',
      'BURST',
    ]);
    for (const x of s.signals) expect(x.sentence).toMatch(/^\p{Lu}.{20,}\.$/u);
    expect(s.signals.find((x) => x.code === 'BASE_RATE')!.weight).toBeLessThan(0);
    expect(s.signals.find((x) => x.code === 'NOT_IN_REGISTER')).toEqual({
      code: 'NOT_IN_REGISTER',
      weight: 3.2,
      sentence: 'CSDL dân cư của xã không có ai cùng họ tên và năm sinh; hội viên thật (có sinh hoạt) chỉ gặp cảnh này ở 10% hồ sơ.',
    });
    const total = s.signals.reduce((t, x) => t + x.weight, 0);
    expect(s.probability).toBeCloseTo(1 / (1 + 2 ** -total), 6);
  });

  it('weighs a missing ID number by how often real members of this province lack one', () => {
    const noId = (rates: SignalRates) => signalsOf({ ...real, hasIdNumber: false }, rates, false).find((x) => x.code === 'NO_ID')!.weight;
    expect(noId(WELL_PAPERED)).toBe(1.9);
    expect(noId(FEW_PAPERS)).toBe(0.4);
  });

  it('writes the signals into the headline flag’s evidence', () => {
    const facts = { ...real, ...bare, burst: 14, register: { kind: 'NO_MATCH' as const } };
    const flags = phantomFlags(facts, TODAY);
    const out = withSuspicion(flags, suspicion(flags, facts, WELL_PAPERED));
    const bulk = out.find((f) => f.code === 'BULK_ENTRY')!;
    expect(bulk.severity).toBe('PHANTOM');
    const written = bulk.evidence as { burst: number; suspicion: { probability: number; signals: Signal[] } };
    expect(written.burst).toBe(14);
    expect(written.suspicion.signals.find((x) => x.code === 'BURST')?.weight).toBe(6);
    expect(written.suspicion.probability).toBeGreaterThan(0.99);
  });
});

describe('namesakes in the register, weighed by how often a made-up name has them by chance', () => {
  const namesakes = (chance: number) =>
    signalsOf(
      { ...real, ...bare, register: { kind: 'AMBIGUOUS', residents: 3 } },
      { ...FEW_PAPERS, registerOfMadeUp: madeUpRegister(chance) },
      false,
    ).find((x) => x.code === 'NAMESAKES_IN_REGISTER')!.weight;

  it('speaks for a real member in a district, where few invented names have namesakes', () => {
    expect(namesakes(0.1)).toBeLessThan(-1);
  });

  it('speaks against her in a province of a million, where most invented names have namesakes too', () => {
    // Real members without a number have namesakes 45 % of the time (FEW_PAPERS); invented names 80 %.
    expect(namesakes(0.8)).toBeGreaterThan(0.5);
  });

  it('keeps the register’s word on a made-up record within what a share can say', () => {
    expect(madeUpRegister(0)).toEqual({ NO_MATCH: 0.998, AMBIGUOUS: 0.001, MATCHED: 0.001 });
    expect(madeUpRegister(1).NO_MATCH).toBeCloseTo(0.001);
  });
});

describe('the rates of the signs on real records, read from the records', () => {
  it('counts smoothed shares among records showing life, with an ID number, in covered communes', () => {
    const tally = rateTally();
    const rows: [Partial<PhantomFacts>][] = [
      [{ organizationsOfPerson: 2 }],
      [{ hasIdNumber: false }],
      [{ hasPhone: false, register: { kind: 'NO_MATCH' } }],
      [{ lastActivityDate: null, lastDuesDate: null, register: { kind: 'NOT_COVERED' } }],
    ];
    for (const [f] of rows) tally.add({ ...real, ...f });
    expect(tally.rates(0.04)).toMatchObject({
      noIdOfReal: 2 / 5,
      noPhoneOfReal: 2 / 5,
      noActivityOfReal: 2 / 5,
      registerOfReal: {
        withId: { NO_MATCH: 2 / 5, AMBIGUOUS: 1 / 5, MATCHED: 2 / 5 },
        withoutId: { NO_MATCH: 1 / 4, AMBIGUOUS: 1 / 4, MATCHED: 2 / 4 },
      },
      deadInRegister: 0.04,
    });
  });
});
