import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegisterService } from '../src/register/register.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

/** The population-register extract: kept apart, sealed like rosters, replaced commune by commune. */
describe('import-residents', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-residents-'));
  const write = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, `\uFEFF${lines.join('\n')}\n`);
    return p;
  };
  const HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã xã,Tình trạng,Ngày mất';
  const residents = () =>
    t.sql<{ full_name: string; commune_code: string; alive: boolean; death_date: string | null; masked: string | null }>(
      `SELECT r.full_name, r.commune_code, r.alive, to_char(r.death_date, 'YYYY-MM-DD') AS death_date, r.id_number_masked AS masked
         FROM resident r JOIN resident_batch b ON b.id = r.batch_id AND b.status = 'DONE' ORDER BY r.commune_code, r.full_name`,
    );

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports an extract, names bad rows, and replaces the extract of the communes a new file covers', async () => {
    const service = t.app.get(RegisterService);
    const first = await service.import(
      write('dan-cu-1.csv', [
        HEADER,
        'Nguyễn Văn An,12/03/1950,Nam,001050012345,00004,Còn sống,',
        'Lê Thị Bình,1930,Nữ,,00004,Đã mất,05/06/2024',
        'Trần Văn Ba,1960,Nam,,00008,Còn sống,',
        'Phạm Thị Lỗi,31/02/1960,Nữ,12,00008,Mất tích,',
      ]),
      CLI_PRINCIPAL,
    );
    expect(first).toMatchObject({ rows: 3, rejected: 1, communes: 2, replaced: 0 });
    expect(first.errors[0].row).toBe(5);
    expect(first.errors[0].message).toContain("Ngày sinh: '31/02/1960' không hợp lệ");
    expect(first.errors[0].message).toContain("Tình trạng: 'Mất tích' phải là 'Còn sống' hoặc 'Đã mất'");
    expect(fs.readFileSync(path.join(dir, 'dan-cu-1.loi.csv'), 'utf8')).toContain('Phạm Thị Lỗi');
    expect((await residents()).map((r) => [r.full_name, r.commune_code, r.alive, r.death_date, r.masked])).toEqual([
      ['Lê Thị Bình', '00004', false, '2024-06-05', null],
      ['Nguyễn Văn An', '00004', true, null, '0010******45'],
      ['Trần Văn Ba', '00008', true, null, null],
    ]);
    const [row] = await t.sql<{ all: string }>(`SELECT string_agg(r::text, ' ') AS all FROM resident r`);
    expect(row.all).not.toContain('001050012345');

    // A new extract for commune 00004 only: 00004 is replaced, 00008 stays.
    const second = await service.import(write('dan-cu-2.csv', [HEADER, 'Hoàng Văn Cường,1970,Nam,,00004,Còn sống,']), CLI_PRINCIPAL);
    expect(second).toMatchObject({ rows: 1, rejected: 0, communes: 1, replaced: 2 });
    expect((await residents()).map((r) => r.full_name)).toEqual(['Hoàng Văn Cường', 'Trần Văn Ba']);
  });
});
