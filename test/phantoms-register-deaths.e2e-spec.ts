import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, REGISTER_HEADER, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';

/** `lienthong <args>` against the test database (the built CLI, as an office runs it). */
async function cli(t: TestApp, ...args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], {
    env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
    encoding: 'utf8',
  });
}

/**
 * A dead member without an ID number found through the register: `import-residents` of a small
 * extract with the dead woman (commune 00008) and a living namesake of the same birth year
 * (commune 00004), then the real `link` run. Her record is a phantom; the namesake's is not.
 */
describe('deaths found through the register without an ID number', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-deaths-'));
  const records = new Map<string, { ao: boolean; reasons: string[]; deceased: { severity: string; message: string } | null }>();

  beforeAll(async () => {
    t = await createTestApp();
    fs.chmodSync(dir, 0o755);
    const extract = path.join(dir, 'dan-cu.csv');
    fs.writeFileSync(
      extract,
      [
        REGISTER_HEADER,
        'Lò Thị Phương,13/11/1966,Nữ,001166394928,00008,Đã mất,16/03/2023',
        'Lò Thị Phương,01/01/1966,Nữ,001166551510,00004,Còn sống,',
        // Two namesakes in 00025, one dead: a record of a year alone there cannot tell which.
        'Lò Văn Ánh,01/01/1962,Nam,001062117446,00025,Còn sống,',
        'Lò Văn Ánh,01/01/1962,Nam,001062969450,00025,Đã mất,14/02/2026',
        'Quàng Văn Sống,05/05/1970,Nam,001070555555,00008,Còn sống,',
      ].join('\n'),
    );
    await cli(t, 'import-residents', extract);
    await t.importRoster('HND', HEADER, [
      // No ID number, no phone; the branch still records activity (a dead member kept on the list).
      'DEAD-NO-ID,Lò Thị Phương,13/11/1966,Nữ,,,00008,B1,Đang sinh hoạt,01/08/2017,01/10/2026',
      'NAMESAKE,Lò Thị Phương,1966,Nữ,,0911000002,00004,B2,Đang sinh hoạt,01/08/2015,01/10/2026',
      'UNSURE,Lò Văn Ánh,1962,Nam,,0911000003,00025,B3,Đang sinh hoạt,01/05/2000,01/10/2026',
      'LIVING,Quàng Văn Sống,05/05/1970,Nam,,0911000004,00008,B1,Đang sinh hoạt,01/05/2000,01/10/2026',
    ]);
    await cli(t, 'link');
    for (const r of await t.sql<{
      external_id: string;
      ao: boolean;
      ao_reasons: string[];
      severity: string | null;
      message: string | null;
    }>(
      `SELECT r.external_id, p.ao, p.ao_reasons, f.severity, f.message
         FROM member_record r JOIN record_person p ON p.record_id = r.id
         LEFT JOIN record_flag f ON f.record_id = r.id AND f.code = 'DECEASED'`,
    ))
      records.set(r.external_id, {
        ao: r.ao,
        reasons: r.ao_reasons,
        deceased: r.severity ? { severity: r.severity, message: r.message! } : null,
      });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the dead member through her name, birth date and commune', () => {
    const dead = records.get('DEAD-NO-ID')!;
    expect([dead.ao, dead.reasons, dead.deceased?.severity]).toEqual([true, ['DECEASED'], 'PHANTOM']);
    // Either the register hub joined her to the dead resident (name, birth date and commune weighed
    // against the register's namesakes: its u comes from random pairs, which on a handful of records
    // varies with the records' ids) or the death check found her by the same fields: dead either way.
    expect(dead.deceased?.message).toMatch(
      /^(Hồ sơ không có số định danh; CSDL dân cư có người cùng họ tên, năm sinh, cùng xã|CSDL dân cư ghi người này) đã mất ngày 16\/03\/2023$/,
    );
  });

  it('does not flag her living namesake of another commune', () => {
    expect(records.get('NAMESAKE')).toEqual({ ao: false, reasons: [], deceased: null });
    expect(records.get('LIVING')).toEqual({ ao: false, reasons: [], deceased: null });
  });

  it('where namesakes cannot be told apart, says so as a warning, not a certainty', () => {
    expect(records.get('UNSURE')?.ao).toBe(false);
    expect(records.get('UNSURE')?.deceased).toEqual({
      severity: 'WARNING',
      message: 'Có thể đã mất: 1 trong 2 người trùng họ tên, năm sinh trong CSDL dân cư đã mất, chưa phân biệt được',
    });
  });
});
