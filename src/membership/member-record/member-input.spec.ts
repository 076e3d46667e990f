import { DTN } from '../../organizations/dtn/dtn.organization.js';
import { HPN } from '../../organizations/hpn/hpn.organization.js';
import { deriveIdIssues, normalizeMemberFields } from './member-input.js';

const ctx = { definition: HPN, today: '2026-11-21' };

describe('normalizeMemberFields', () => {
  it('normalizes every field and keeps the raw values', () => {
    const { changes, problems } = normalizeMemberFields(
      {
        fullName: 'nguyễn thị hoà',
        birthDate: '1985',
        phone: '0168 123 4567',
        idNumber: '001 185 012345',
        profile: [{ key: 'honorary', value: 'x' }],
      },
      ctx,
    );
    expect(problems).toEqual([]);
    expect(changes).toMatchObject({
      fullName: 'Nguyễn Thị Hòa',
      nameFolded: 'nguyen thi hoa',
      birthDate: '1985-01-01',
      birthDatePrecision: 'YEAR',
      phone: '0381234567',
      idNumber: '001185012345',
      idKind: 'CCCD',
      profile: { honorary: true },
      rawIdNumber: '001 185 012345',
      raw: { fullName: 'nguyễn thị hoà', phone: '0168 123 4567' },
    });
  });

  it('reports each bad field with its label, value and reason', () => {
    const { problems } = normalizeMemberFields(
      { fullName: 'Lê Văn 3', birthDate: '31/02/1990', joinDate: '01/01/2030', profile: [{ key: 'rank', value: '1' }] },
      { definition: DTN, today: '2026-11-21' },
    );
    expect(problems.map((p) => [p.field, p.value])).toEqual([
      ['fullName', 'Lê Văn 3'],
      ['birthDate', '31/02/1990'],
      ['joinDate', '01/01/2030'],
      ['profile', 'rank'],
    ]);
    expect(problems[1].message).toBe("Ngày sinh: '31/02/1990' không hợp lệ: tháng 2/1990 không có ngày 31");
    expect(problems[3].message).toContain('youthUnionJoinDate (Ngày vào Đoàn)');
  });

  it('leaves a masked ID number unchanged and clears a blank one', () => {
    expect(normalizeMemberFields({ idNumber: '0011******45' }, ctx).changes).not.toHaveProperty('idNumber');
    expect(normalizeMemberFields({ idNumber: '' }, ctx).changes).toMatchObject({ idNumber: null, idKind: null });
  });

  it('marks, but keeps, a 12-digit number that contradicts the record', () => {
    const record = { idNumber: '001185012345', sex: 'MALE' as const, birthDate: '1986-01-01', birthDatePrecision: 'DAY' as const };
    expect(deriveIdIssues(record, '2026-11-21')).toEqual(['SEX_MISMATCH', 'BIRTH_YEAR_MISMATCH']);
  });
});
