import type { PartialDate } from '../common/dates/partial-date.js';
import type { Sex } from '../common/identity/id-number.js';
import { MemberStatus } from '../membership/status/member-status.js';
import { associationDefinition } from '../membership/organization/association-definition.js';
import type { EligibilityFacts, Profile } from '../membership/organization/organization-definition.js';
import { BUILT_IN_ORGANIZATIONS } from './index.js';

const TODAY = '2026-11-21';
const byCode = (code: string) => BUILT_IN_ORGANIZATIONS.find((o) => o.code === code)!;
const born = (iso: string): PartialDate =>
  iso.length === 4
    ? { year: Number(iso), precision: 'YEAR' }
    : { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)), precision: 'DAY' };
const facts = (o: { birth?: string; sex?: Sex; joinDate?: string; status?: MemberStatus; profile?: Profile }): EligibilityFacts => ({
  birth: o.birth ? born(o.birth) : null,
  sex: o.sex ?? null,
  joinDate: o.joinDate ?? null,
  status: o.status ?? MemberStatus.ACTIVE,
  profile: o.profile ?? {},
});

describe('organization eligibility rules', () => {
  it.each([
    ['DTN member aged 25: fine', 'DTN', facts({ birth: '2001-03-01', joinDate: '2017-05-01' }), []],
    ['DTN member aged 32: trưởng thành due (warning)', 'DTN', facts({ birth: '1994-01-15' }), ['AGED_OUT']],
    ['DTN member aged 40: over the limit', 'DTN', facts({ birth: '1986-01-15' }), ['INELIGIBLE_AGE']],
    ['DTN officer aged 40 (Bí thư): exempt', 'DTN', facts({ birth: '1986-01-15', profile: { position: 'Bí thư chi đoàn' } }), []],
    ['DTN admitted at 14', 'DTN', facts({ birth: '2010-01-01', joinDate: '2024-06-01' }), ['INELIGIBLE_AGE']],
    // A tester's ward list: a boy of 15 with no join date was no one's concern.
    ['DTN member aged 15, no join date: under the charter’s 16', 'DTN', facts({ birth: '2011-06-15' }), ['INELIGIBLE_AGE']],
    [
      'DTN admitted at 14 per Ngày vào Đoàn',
      'DTN',
      facts({ birth: '2010-01-01', profile: { youthUnionJoinDate: '2024-06-01' } }),
      ['INELIGIBLE_AGE'],
    ],
    ['DTN who matured is not checked any more', 'DTN', facts({ birth: '1980-01-01', status: MemberStatus.MATURED }), []],
    ['DTN born 1994 (year only): maybe 31 or 32, surely past 30', 'DTN', facts({ birth: '1994' }), ['AGED_OUT']],
    // Joined too young is about the day of admission: it does not hide that he is past Đoàn age now.
    ['DTN aged 33, admitted at 15', 'DTN', facts({ birth: '1993-06-15', joinDate: '2009-05-19' }), ['INELIGIBLE_AGE', 'AGED_OUT']],
    ['HPN man', 'HPN', facts({ birth: '1980-01-01', sex: 'MALE' }), ['INELIGIBLE_SEX']],
    ['HPN honorary man', 'HPN', facts({ birth: '1980-01-01', sex: 'MALE', profile: { honorary: true } }), []],
    ['HPN girl of 16', 'HPN', facts({ birth: '2010-06-01', sex: 'FEMALE' }), ['INELIGIBLE_AGE']],
    ['NCT aged 55', 'NCT', facts({ birth: '1971-01-01' }), ['INELIGIBLE_AGE']],
    ['NCT born 1966 (year only): 59 or 60, not surely under', 'NCT', facts({ birth: '1966' }), []],
    ['NCT aged 70', 'NCT', facts({ birth: '1956-01-01' }), []],
    ['CD aged 17', 'CD', facts({ birth: '2009-06-01' }), ['INELIGIBLE_AGE']],
    [
      'CCB discharged before enlisting',
      'CCB',
      facts({ birth: '1950-01-01', profile: { enlistmentYear: 1972, dischargeYear: 1970 } }),
      ['INELIGIBLE_SERVICE'],
    ],
    ['CCB enlisted at 10', 'CCB', facts({ birth: '1960-01-01', profile: { enlistmentYear: 1970 } }), ['INELIGIBLE_SERVICE']],
    ['CCB veteran aged 75', 'CCB', facts({ birth: '1951-01-01', profile: { enlistmentYear: 1970, dischargeYear: 1976 } }), []],
    ['no birth date: nothing to judge', 'NCT', facts({}), []],
  ])('%s', (_why, code, f, expected) => {
    expect(
      byCode(code)
        .checkEligibility(f, TODAY)
        .map((i) => i.code),
    ).toEqual(expected);
  });

  it('gives a Vietnamese message with the age and the limit', () => {
    const [issue] = byCode('DTN').checkEligibility(facts({ birth: '1986-01-15' }), TODAY);
    expect(issue.message).toBe('Đã 40 tuổi, quá độ tuổi tối đa 35');
  });

  it.each([
    ['a year of admission in which she may have turned 16: not surely too young', { joinDate: '2018' }, []],
    ['the same year in Ngày vào Đoàn', { profile: { youthUnionJoinDate: '2018' } }, []],
    ['a year in which she was surely under 16', { joinDate: '2017' }, ['Kết nạp năm 2017 khi mới 14–15 tuổi, dưới 16']],
    ['a month in which she was surely 15', { joinDate: '2018-03' }, ['Kết nạp tháng 03/2018 khi mới 15 tuổi, dưới 16']],
    [
      'a month given as the roster writes it',
      { profile: { youthUnionJoinDate: 'T3/2018' } },
      ['Kết nạp tháng 03/2018 khi mới 15 tuổi, dưới 16'],
    ],
    ['a day, as before', { joinDate: '2018-03-01' }, ['Kết nạp ngày 01/03/2018 khi mới 15 tuổi, dưới 16']],
  ])('judges the age at admission over the whole year or month given: %s', (_why, given, messages) => {
    const issues = byCode('DTN').checkEligibility(facts({ birth: '2002-06-01', ...given }), TODAY);
    expect(issues.map((i) => i.message)).toEqual(messages);
  });

  it('has the seven organizations of DOMAIN.md, MTTQ without individual members', () => {
    expect(BUILT_IN_ORGANIZATIONS.map((o) => o.code)).toEqual(['MTTQ', 'CD', 'DTN', 'HPN', 'HND', 'CCB', 'NCT']);
    expect(BUILT_IN_ORGANIZATIONS.filter((o) => !o.hasIndividualMembers).map((o) => o.code)).toEqual(['MTTQ']);
  });

  it('builds an association from data rules', () => {
    const ctd = associationDefinition({
      code: 'CTD',
      name: 'Hội Chữ thập đỏ',
      memberTerm: 'hội viên',
      rules: { minAge: 16, sex: 'FEMALE' },
    });
    expect(ctd.checkEligibility(facts({ birth: '2015-01-01', sex: 'MALE' }), TODAY).map((i) => i.code)).toEqual([
      'INELIGIBLE_AGE',
      'INELIGIBLE_SEX',
    ]);
    expect(ctd.inactivityMonths).toBe(12);
  });
});
