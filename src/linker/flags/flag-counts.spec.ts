import type { RecordScope } from '../../access/record-scope.js';
import { flagCountsIn, sharedFlagCountsIn, type ProvinceFlagCount } from './flag-counts.js';

const count = (organization: string, unitPath: string | null, code: string, records: number): ProvinceFlagCount => ({
  organization,
  unitCode: unitPath ? unitPath.split('/').at(-2)! : null,
  unitPath,
  code,
  records,
  suspected: code === 'AO' ? records : 0,
});

const province = (): ProvinceFlagCount[] => [
  count('HPN', 'HPN/A/', 'AO', 3),
  count('HPN', 'HPN/A/B/', 'AO', 2),
  count('HPN', 'HPN/C/', 'NO_ID', 5),
  count('HND', null, 'AO', 7),
];

const SCOPES: [RecordScope, string | null][] = [
  [{ kind: 'ALL' }, null],
  [{ kind: 'ALL' }, 'hnd'],
  [{ kind: 'ORGANIZATION', organization: 'HPN', unitPath: null }, null],
  [{ kind: 'ORGANIZATION', organization: 'HPN', unitPath: 'HPN/A/' }, 'HPN'],
  [{ kind: 'ORGANIZATION', organization: 'HPN', unitPath: 'HPN/A/B/' }, null],
  [{ kind: 'NONE' }, null],
];

describe('flag counts cut to a caller’s rights, kept per province count', () => {
  it.each(SCOPES)('answers %j (organization %s) as cutting the counts afresh does', (scope, organization) => {
    const all = province();
    expect(sharedFlagCountsIn(all, scope, organization)).toEqual(flagCountsIn(all, scope, organization));
    expect(sharedFlagCountsIn(all, scope, organization)).toEqual(flagCountsIn(all, scope, organization));
  });

  it('cuts once for the same counts and the same rights, again for new counts', () => {
    const all = province();
    const unit: RecordScope = { kind: 'ORGANIZATION', organization: 'HPN', unitPath: 'HPN/A/' };
    const first = sharedFlagCountsIn(all, unit, null);
    expect(sharedFlagCountsIn(all, { ...unit }, null)).toBe(first);
    expect(sharedFlagCountsIn(all, { kind: 'ORGANIZATION', organization: 'HPN', unitPath: null }, null)).not.toEqual(first);
    // A commit changed what is counted: the figures memo hands out a new array, cut afresh.
    const after = province().map((c) => ({ ...c, records: c.records + 1, suspected: c.suspected + 1 }));
    expect(sharedFlagCountsIn(after, unit, null)).toEqual([
      { organization: 'HPN', unitCode: 'A', code: 'AO', records: 4, suspected: 4 },
      { organization: 'HPN', unitCode: 'B', code: 'AO', records: 3, suspected: 3 },
    ]);
  });
});
