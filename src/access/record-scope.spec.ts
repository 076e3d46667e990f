import type { Principal } from './principal.js';
import type { SelectQueryBuilder } from 'typeorm';
import {
  applyPathScope,
  inScope,
  limits,
  readScope,
  scopeWhere,
  unitPathLimit,
  writeScope,
  type RecordScope,
  type ScopeLimits,
} from './record-scope.js';
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

/** What the SQL forms do with the limits: the organization compared, the path matched by prefix (NULL never matches). */
function sqlAdmits(l: ScopeLimits, record: { organizationCode: string; unitPath: string | null }): boolean {
  if (l.none) return false;
  if (l.organization !== null && record.organizationCode !== l.organization) return false;
  if (!l.pathPrefix) return true;
  return record.unitPath !== null && record.unitPath.startsWith(l.pathPrefix);
}

const principals: [string, Principal][] = [
  ['admin', p(Role.ADMIN)],
  ['DAN_VAN', p(Role.DAN_VAN)],
  ['auditor', p(Role.AUDITOR)],
  ['org-wide secretariat', p(Role.SECRETARIAT, 'DTN')],
  ['unit-limited secretariat', p(Role.SECRETARIAT, 'DTN', '/a/b/')],
  ['secretariat without an organization', p(Role.SECRETARIAT)],
];

const records = [
  { organizationCode: 'DTN', unitPath: '/a/b/' },
  { organizationCode: 'DTN', unitPath: '/a/b/c/' },
  { organizationCode: 'DTN', unitPath: '/a/x/' },
  { organizationCode: 'DTN', unitPath: '/a/' },
  { organizationCode: 'DTN', unitPath: null },
  { organizationCode: 'HPN', unitPath: '/a/b/' },
  { organizationCode: 'HPN', unitPath: null },
];

describe('record scope: inScope agrees with limits', () => {
  const cases = principals.flatMap(([who, principal]) =>
    (['read', 'write'] as const).flatMap((mode) => records.map((record) => ({ who, mode, principal, record }))),
  );
  it.each(cases)('$who ($mode) on $record.organizationCode $record.unitPath', ({ mode, principal, record }) => {
    const scope = mode === 'read' ? readScope(principal) : writeScope(principal);
    expect(inScope(scope, record)).toBe(sqlAdmits(limits(scope), record));
  });
});

describe('record scope: what each kind of principal reads', () => {
  const visible = (principal: Principal) => records.filter((r) => inScope(readScope(principal), r)).length;
  it.each([
    ['admin', 7],
    ['DAN_VAN', 7],
    ['auditor', 0],
    ['org-wide secretariat', 5],
    ['unit-limited secretariat', 2],
    ['secretariat without an organization', 0],
  ])('%s sees %i of the records', (who, n) => {
    expect(visible(principals.find(([w]) => w === who)![1])).toBe(n);
  });
});

describe('scopeWhere', () => {
  const sql = (scope: RecordScope, cols?: { organization: string; unitPath: string }) => {
    const where = ['x = $1'];
    const params: unknown[] = [1];
    scopeWhere(scope, where, params, cols);
    return { where, params };
  };
  it('adds nothing for ALL and false for NONE', () => {
    expect(sql({ kind: 'ALL' })).toEqual({ where: ['x = $1'], params: [1] });
    expect(sql({ kind: 'NONE' })).toEqual({ where: ['x = $1', 'false'], params: [1] });
  });
  it('numbers its parameters after the ones already there and escapes the path', () => {
    expect(sql({ kind: 'ORGANIZATION', organization: 'DTN', unitPath: '/a_1/' })).toEqual({
      where: ['x = $1', 'r.organization_code = $2', 'u.path LIKE $3'],
      params: [1, 'DTN', '/a\\_1/%'],
    });
    expect(
      sql({ kind: 'ORGANIZATION', organization: 'DTN', unitPath: null }, { organization: 'x.organization_code', unitPath: 'u.path' }),
    ).toEqual({
      where: ['x = $1', 'x.organization_code = $2'],
      params: [1, 'DTN'],
    });
  });
});

describe('the unit-path part of a scope', () => {
  /** The conditions applyPathScope adds, read from a stand-in QueryBuilder. */
  const pathSql = (scope: RecordScope) => {
    const added: [string, unknown][] = [];
    const qb = { andWhere: (sql: string, params?: unknown) => (added.push([sql, params]), qb) };
    applyPathScope(qb as unknown as SelectQueryBuilder<object>, scope, 'e.unit_path');
    return added;
  };
  it('limits a unit-limited secretariat to its subtree (escaped), and no one else', () => {
    expect(pathSql(writeScope(p(Role.SECRETARIAT, 'DTN', '/a_1/')))).toEqual([['e.unit_path LIKE :scopePath', { scopePath: '/a\\_1/%' }]]);
    expect(pathSql(writeScope(p(Role.SECRETARIAT, 'DTN')))).toEqual([]);
    expect(pathSql(writeScope(p(Role.ADMIN)))).toEqual([]);
    expect(pathSql({ kind: 'NONE' })).toEqual([['false', undefined]]);
  });
  it.each(principals)('unitPathLimit of %s is the path inScope requires', (_who, principal) => {
    const scope = writeScope(principal);
    expect(unitPathLimit(scope)).toBe(scope.kind === 'ORGANIZATION' ? scope.unitPath : null);
  });
});
