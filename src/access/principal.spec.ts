import { managesRecord, type Principal } from './principal.js';
import { inScope, readScope, writeScope } from './record-scope.js';
import { Role } from './role.js';

const p = (role: Role, organization: string | null = null, unitPath: string | null = null): Principal => ({
  kind: 'USER',
  id: 'x',
  name: 'x',
  role,
  organization,
  unitPath,
  unitCode: null,
  tokenId: null,
  clientIp: null,
});

describe('scopes', () => {
  const dtnRecord = { organizationCode: 'DTN', unitPath: '/a/b/' };
  const hpnRecord = { organizationCode: 'HPN', unitPath: '/c/' };

  it.each([
    [p(Role.ADMIN), true, true, true],
    [p(Role.DAN_VAN), true, true, false],
    [p(Role.AUDITOR), false, false, false],
    [p(Role.SECRETARIAT, 'DTN'), true, false, true],
    [p(Role.SECRETARIAT, 'DTN', '/a/'), true, false, true],
    [p(Role.SECRETARIAT, 'DTN', '/a/x/'), false, false, false],
    [p(Role.SECRETARIAT, null), false, false, false],
  ])('%# reads DTN %s, reads HPN %s, manages DTN %s', (principal, readsDtn, readsHpn, managesDtn) => {
    expect(inScope(readScope(principal), dtnRecord)).toBe(readsDtn);
    expect(inScope(readScope(principal), hpnRecord)).toBe(readsHpn);
    expect(managesRecord(principal, dtnRecord)).toBe(managesDtn);
  });

  it('keeps a unit-scoped secretariat away from records without a unit', () => {
    expect(inScope(writeScope(p(Role.SECRETARIAT, 'DTN', '/a/')), { organizationCode: 'DTN', unitPath: null })).toBe(false);
    expect(inScope(writeScope(p(Role.SECRETARIAT, 'DTN')), { organizationCode: 'DTN', unitPath: null })).toBe(true);
  });
});
