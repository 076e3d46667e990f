import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Trạng thái';

/**
 * A member the population register lists as dead, by her own ID number, is flagged as such the moment
 * she is added — by a list or by the form — not at the next link run that only an administrator starts
 * (a tester's CCB list added a man dead since 2022 with "Không có cảnh báo"); a number typed onto
 * someone else of another name is left to the run.
 */
describe('the register’s deaths at entry', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRegister([
      'Phạm Văn Khánh,03/04/1950,Nam,001050000321,00004,Đã mất,01/12/2022',
      'Lò Thị Xuân,05/06/1960,Nữ,001160000654,00004,Đã mất,15/03/2024',
      'Nguyễn Văn Sống,01/01/1955,Nam,001055000987,00004,Còn sống,',
    ]);
  });
  afterAll(() => t?.close());

  const flags = (code: string) =>
    t.sql<{ code: string; severity: string; message: string }>(
      `SELECT f.code, f.severity, f.message FROM record_flag f JOIN member_record r ON r.id = f.record_id WHERE r.external_id = $1 ORDER BY f.code`,
      [code],
    );

  it('flags a listed member the register says died, by her number, at once; the living and a number on another name are not', async () => {
    await t.importRoster('CCB', HEADER, [
      'CCB-1,Phạm Văn Khánh,03/04/1950,Nam,001050000321,00004,Đang sinh hoạt',
      'CCB-2,Nguyễn Văn Sống,01/01/1955,Nam,001055000987,00004,Đang sinh hoạt',
      // Lò Thị Xuân's number on a man of another name: a slip of the number, weighed by the run.
      'CCB-3,Quàng Văn Tám,05/06/1960,Nam,001160000654,00004,Đang sinh hoạt',
    ]);
    expect(await flags('CCB-1')).toEqual([
      { code: 'DECEASED', severity: 'PHANTOM', message: 'CSDL dân cư ghi người này đã mất ngày 01/12/2022' },
    ]);
    expect((await flags('CCB-2')).map((f) => f.code)).not.toContain('DECEASED');
    expect((await flags('CCB-3')).map((f) => f.code)).not.toContain('DECEASED');
    // Cảnh báo lists him among the suspected phantoms before any link run.
    const listed = await t.gql<{ flaggedRecords: { externalId: string }[] }>(`{ flaggedRecords(code: "AO") { externalId } }`);
    expect(listed.data!.flaggedRecords.map((r) => r.externalId)).toEqual(['CCB-1']);
  });

  it('flags a member added with the form the same way', async () => {
    const made = await t.gql<{ createMemberRecord: { externalId: string } }>(
      `mutation { createMemberRecord(input: { organization: "HPN", fullName: "Lò Thị Xuân", birthDate: "05/06/1960", sex: FEMALE,
                  idNumber: "001160000654", communeCode: "00004" }) { externalId } }`,
    );
    expect(made.errors).toBeUndefined();
    expect(await flags(made.data!.createMemberRecord.externalId)).toContainEqual({
      code: 'DECEASED',
      severity: 'PHANTOM',
      message: 'CSDL dân cư ghi người này đã mất ngày 15/03/2024',
    });
  });
});
