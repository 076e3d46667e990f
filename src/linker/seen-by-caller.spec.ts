import { readScope } from '../access/record-scope.js';
import type { Principal } from '../access/principal.js';
import { Role } from '../access/role.js';
import { isCallers, ownFields, type ListedRecordRow } from './seen-by-caller.js';

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

const row = (organization_code: string, unit_path: string | null): ListedRecordRow => ({
  id: `id-${organization_code}-${unit_path}`,
  organization_code,
  external_id: 'MA-1',
  full_name: 'Nguyễn Thị Lan',
  unit_code: 'B1',
  unit_path,
});

describe('a record as the caller sees it in the person-level views', () => {
  it.each([
    ['admin', p(Role.ADMIN), row('HPN', '/h/'), true],
    ['DAN_VAN', p(Role.DAN_VAN), row('HPN', null), true],
    ['auditor', p(Role.AUDITOR), row('DTN', '/a/'), false],
    ['secretariat, own organization', p(Role.SECRETARIAT, 'DTN'), row('DTN', '/a/'), true],
    ['secretariat, another organization', p(Role.SECRETARIAT, 'DTN'), row('HPN', '/a/'), false],
    ['unit-limited secretariat, its subtree', p(Role.SECRETARIAT, 'DTN', '/a/b/'), row('DTN', '/a/b/c/'), true],
    ['unit-limited secretariat, another unit', p(Role.SECRETARIAT, 'DTN', '/a/b/'), row('DTN', '/a/x/'), false],
    ['unit-limited secretariat, no unit', p(Role.SECRETARIAT, 'DTN', '/a/b/'), row('DTN', null), false],
  ])('%s: the record itself only within the rights', (_, caller, r, mine) => {
    expect(isCallers(readScope(caller), r)).toBe(mine);
    const own = ownFields(r, isCallers(readScope(caller), r));
    expect(own).toEqual(
      mine
        ? { recordId: r.id, externalId: 'MA-1', fullName: 'Nguyễn Thị Lan', unitCode: 'B1' }
        : { recordId: null, externalId: null, fullName: null, unitCode: null },
    );
  });
});
