import { cliPrincipal, type Principal } from '../../access/principal.js';
import { Role } from '../../access/role.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { assertMayRun, mayReadNames } from './report-access.js';

/** A user of a role (the CLI's principal, made a user). */
const who = (
  role: Role,
  organization: string | null = null,
  unitPath: string | null = null,
  unitCode: string | null = null,
): Principal => ({
  ...cliPrincipal('x'),
  kind: 'USER',
  role,
  organization,
  unitPath,
  unitCode,
});

const area = (key: string): ReportingArea => ({
  key,
  kind: key.split(':')[0] as ReportingArea['kind'],
  label: key,
  organization: null,
  commune: null,
  condition: () => ({ sql: 'true', params: [] }),
});

const callers: [string, Principal][] = [
  ['admin', who(Role.ADMIN)],
  ['DAN_VAN', who(Role.DAN_VAN)],
  ['auditor', who(Role.AUDITOR)],
  ['DTN secretariat', who(Role.SECRETARIAT, 'DTN')],
  ['DTN secretariat kept to unit B1', who(Role.SECRETARIAT, 'DTN', '/1/2/', 'B1')],
  ['secretariat without an organization', who(Role.SECRETARIAT)],
];

/** What each caller may compute: the areas tried are the same for all. */
const AREAS = ['province', 'commune:00004', 'org:DTN', 'org:HPN', 'unit:DTN/B1', 'unit:DTN/B2'];
const MAY_RUN: Record<string, string[]> = {
  admin: AREAS,
  DAN_VAN: AREAS,
  auditor: [],
  'DTN secretariat': ['org:DTN'],
  'DTN secretariat kept to unit B1': ['unit:DTN/B1'],
  'secretariat without an organization': [],
};

describe('who may compute which report', () => {
  const cases = callers.flatMap(([name, caller]) => AREAS.map((key) => ({ name, caller, key, allowed: MAY_RUN[name].includes(key) })));
  it.each(cases)('$name, $key: $allowed', ({ caller, key, allowed }) => {
    if (allowed) expect(() => assertMayRun(caller, area(key))).not.toThrow();
    else expect(() => assertMayRun(caller, area(key))).toThrow(/lập báo cáo/);
  });

  it('tells a secretariat which area it may compute', () => {
    expect(() => assertMayRun(who(Role.SECRETARIAT, 'DTN', '/1/2/', 'B1'), area('org:DTN'))).toThrow(
      'lập báo cáo phạm vi org:DTN; tài khoản này chỉ lập được báo cáo phạm vi unit:DTN/B1',
    );
  });
});

describe('who reads the names of suspected phantoms', () => {
  it.each([
    ['admin', true],
    ['DAN_VAN', true],
    ['auditor', false],
    ['DTN secretariat', true],
    ['DTN secretariat kept to unit B1', true],
    ['secretariat without an organization', false],
  ])('%s: %s', (name, may) => {
    expect(mayReadNames(callers.find(([n]) => n === name)![1])).toBe(may);
  });
});
