import type { RecordScope } from '../access/record-scope.js';
import { isCallers, ownFields, type ListedRecordRow } from './seen-by-caller.js';

const row = (organization_code: string, unit_path: string | null): ListedRecordRow => ({
  id: `id-${organization_code}-${unit_path}`,
  organization_code,
  external_id: 'MA-1',
  full_name: 'Nguyễn Thị Lan',
  unit_code: 'B1',
  unit_path,
});

const ALL: RecordScope = { kind: 'ALL' };
const NONE: RecordScope = { kind: 'NONE' };
const DTN: RecordScope = { kind: 'ORGANIZATION', organization: 'DTN', unitPath: null };
const DTN_B: RecordScope = { kind: 'ORGANIZATION', organization: 'DTN', unitPath: '/a/b/' };

describe('a record as the caller sees it in the person-level views', () => {
  it.each([
    ['everything (admin, Ban Dân vận)', ALL, row('HPN', null), true],
    ['nothing (auditor)', NONE, row('DTN', '/a/'), false],
    ['an organization, its record', DTN, row('DTN', '/a/'), true],
    ['an organization, another organization', DTN, row('HPN', '/a/'), false],
    ['a unit, its subtree', DTN_B, row('DTN', '/a/b/c/'), true],
    ['a unit, another unit', DTN_B, row('DTN', '/a/x/'), false],
    ['a unit, a record without a unit', DTN_B, row('DTN', null), false],
  ])('%s: the record itself only within the rights', (_, scope, r, mine) => {
    expect(isCallers(scope, r)).toBe(mine);
    expect(ownFields(r, isCallers(scope, r))).toEqual(
      mine
        ? { recordId: r.id, externalId: 'MA-1', fullName: 'Nguyễn Thị Lan', unitCode: 'B1', unitName: null, flags: [] }
        : { recordId: null, externalId: null, fullName: null, unitCode: null, unitName: null, flags: null },
    );
  });
});
