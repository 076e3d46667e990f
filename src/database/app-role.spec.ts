import { grantStatements, privilegesFor, type RelationAcl } from './app-role.js';

const rel = (name: string, granted: string[], extra: Partial<RelationAcl> = {}): RelationAcl => ({
  name,
  sequence: false,
  granted,
  publicHasAny: false,
  ...extra,
});

describe('the grants of the application role', () => {
  it('gives the audit log INSERT and SELECT only, the linker tables TRUNCATE, every other table plain DML', () => {
    expect(privilegesFor('audit_event')).toEqual(['INSERT', 'SELECT']);
    expect(privilegesFor('audit_chain')).toEqual(['SELECT']);
    expect(privilegesFor('record_link')).toContain('TRUNCATE');
    expect(privilegesFor('unit')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(privilegesFor('member_record_id_seq', true)).toEqual(['SELECT', 'USAGE']);
  });

  it('lets the application analyze the tables it writes wholesale (the member records after an import), and no other', () => {
    expect(privilegesFor('person_figure')).toEqual(['DELETE', 'INSERT', 'MAINTAIN', 'SELECT', 'UPDATE']);
    expect(privilegesFor('period_status')).toContain('MAINTAIN');
    expect(privilegesFor('record_person')).toEqual(['DELETE', 'INSERT', 'MAINTAIN', 'SELECT', 'TRUNCATE', 'UPDATE']);
    expect(privilegesFor('person_figure_dirty')).toContain('MAINTAIN');
    expect(privilegesFor('member_record')).toContain('MAINTAIN');
    expect(privilegesFor('unit')).not.toContain('MAINTAIN');
    expect(grantStatements('app', [rel('person_figure', ['DELETE', 'INSERT', 'SELECT', 'UPDATE'])])).toEqual([
      'REVOKE ALL ON TABLE public."person_figure" FROM PUBLIC, "app"',
      'GRANT DELETE, INSERT, MAINTAIN, SELECT, UPDATE ON TABLE public."person_figure" TO "app"',
    ]);
  });

  it('leaves a relation that is already right alone and resets one that is not (extra rights, PUBLIC, a new table)', () => {
    expect(grantStatements('app', [rel('unit', ['UPDATE', 'SELECT', 'INSERT', 'DELETE'])])).toEqual([]);
    expect(grantStatements('app', [rel('audit_event', ['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE'])])).toEqual([
      'REVOKE ALL ON TABLE public."audit_event" FROM PUBLIC, "app"',
      'GRANT INSERT, SELECT ON TABLE public."audit_event" TO "app"',
    ]);
    expect(grantStatements('app', [rel('audit_event', ['INSERT', 'SELECT'], { publicHasAny: true })])).toHaveLength(2);
    expect(grantStatements('app', [rel('later "table"', [])])).toEqual([
      'REVOKE ALL ON TABLE public."later ""table""" FROM PUBLIC, "app"',
      'GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public."later ""table""" TO "app"',
    ]);
    expect(grantStatements('app', [rel('s', [], { sequence: true })])).toEqual([
      'REVOKE ALL ON SEQUENCE public."s" FROM PUBLIC, "app"',
      'GRANT SELECT, USAGE ON SEQUENCE public."s" TO "app"',
    ]);
  });
});
