import { ownMembersLabel, unitLabel, unsaidCommune } from './unit-label.js';

describe('a unit as a list names it', () => {
  it('adds its commune only where its name does not say it, whatever the case', () => {
    expect(unitLabel('Chi hội bản Nậm Chẩn', 'Xã Si Pa Phìn')).toBe('Chi hội bản Nậm Chẩn (Xã Si Pa Phìn)');
    expect(unitLabel('Cơ sở Hội Nông dân xã Si Pa Phìn', 'Xã Si Pa Phìn')).toBe('Cơ sở Hội Nông dân xã Si Pa Phìn');
    expect(unitLabel('Chi hội 1', null)).toBe('Chi hội 1');
    expect(unsaidCommune('Chi hội 1', 'Phường Ba Đình')).toBe('Phường Ba Đình');
    expect(ownMembersLabel('Cơ sở Xã Quài Tở')).toBe('Hội viên trực tiếp của Cơ sở Xã Quài Tở (không ở chi hội nào bên dưới)');
  });
});
