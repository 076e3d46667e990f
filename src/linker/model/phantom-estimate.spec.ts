import { BUILT_IN_ORGANIZATIONS } from '../../organizations/index.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import type { PhantomFacts } from './phantom.js';
import { estimate } from './phantom-estimate.js';
import { rateTally } from './phantom-signals.js';

const real: PhantomFacts = {
  organization: BUILT_IN_ORGANIZATIONS.find((o) => o.code === 'HND')!,
  status: MemberStatus.ACTIVE,
  birthDate: '1970-05-12',
  birthDatePrecision: 'DAY',
  sex: 'MALE',
  joinDate: '1995-03-01',
  profile: {},
  lastActivityDate: '2026-10-01',
  lastDuesDate: null,
  hasIdNumber: true,
  idIssues: [],
  idMalformed: false,
  hasPhone: true,
  register: { kind: 'MATCHED', alive: true, deathDate: null },
  death: null,
  phoneShared: 1,
  burst: null,
  duplicateInOrg: false,
  organizationsOfPerson: 1,
};
const madeUp: PhantomFacts = {
  ...real,
  lastActivityDate: null,
  hasIdNumber: false,
  hasPhone: false,
  register: { kind: 'NO_MATCH' },
  burst: 12,
};

/** A province of `n` records: the real ones vary as real ones do, `made` made-up ones, `inBursts` of them in bursts. */
function province(n: number, made: number, inBursts: number): PhantomFacts[] {
  const out: PhantomFacts[] = [];
  for (let k = 0; k < n - made; k++)
    out.push({
      ...real,
      hasIdNumber: k % 4 !== 0,
      hasPhone: k % 3 !== 0,
      lastActivityDate: k % 20 === 1 ? null : real.lastActivityDate,
      register: k % 10 === 0 ? { kind: 'NO_MATCH' } : k % 4 === 0 ? { kind: 'AMBIGUOUS', residents: 2 } : real.register,
      // A real record without papers or phone, joined on a known day, could be in a burst and is not.
      burst: k % 4 === 0 && k % 3 === 0 ? 0 : null,
    });
  for (let k = 0; k < made; k++) out.push({ ...madeUp, burst: k < inBursts ? 12 : 0 });
  return out;
}

describe('the base rate and the bursts, estimated from the records', () => {
  it.each([
    ['2% made up, all in bursts', 5000, 100, 100],
    ['0.5% made up, most in bursts', 8000, 40, 30],
    ['no made-up records', 4000, 0, 0],
  ])('%s', (_, n, made, inBursts) => {
    const facts = province(n, made, inBursts);
    const tally = rateTally();
    for (const f of facts) tally.add(f);
    const got = estimate(facts.length, (k) => facts[k], tally.rates(0.03));
    expect(Math.abs(got.madeUpShare - made / n)).toBeLessThan(0.003);
    // Made-up records outside a burst look less made up, so the estimate leans towards the bursts.
    if (made) expect(got.burst.madeUp).toBeGreaterThan(inBursts / made - 0.05);
    expect(got.burst.real).toBeLessThan(0.1);
  });
});
