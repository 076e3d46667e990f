import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from './test-app.js';

/** `lienthong seed --demo --load`: the files are written, and every row of them imports. */
describe('the demo province through the CLI', () => {
  let t: TestApp;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-demo-'));
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  /** `lienthong seed --demo --load` of 1,500 people into `dir`, on the test's database. */
  const seedDemo = (dir: string, seed: number) =>
    spawnSync(
      process.execPath,
      [
        path.resolve(import.meta.dirname, '../bin/lienthong.js'),
        'seed',
        '--demo',
        '--out',
        dir,
        '--persons',
        '1500',
        '--seed',
        String(seed),
        '--load',
      ],
      { env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText }, encoding: 'utf8' },
    );

  it('writes six rosters, the register extract and the truth, and loads them all, its branches named', async () => {
    const r = seedDemo(out, 3);
    expect(r.stderr).toContain('trích CSDL dân cư: 1500 người');
    expect(r.status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'CCB.csv',
      'CD.csv',
      'DTN.csv',
      'HND.csv',
      'HPN.csv',
      'NCT.csv',
      'profile.json',
      'residents.csv',
      'truth.csv',
    ]);
    const truthRows = fs.readFileSync(path.join(out, 'truth.csv'), 'utf8').trim().split('\r\n').length - 1;
    // The log speaks Vietnamese, like the results: six organizations loaded, none with a rejected row.
    const loaded = r.stderr.split('\n').filter((l) => / mới, \d+ cập nhật, /.test(l));
    expect(loaded).toHaveLength(6);
    for (const line of loaded) expect(line).toMatch(/, 0 lỗi$/);
    expect(r.stderr).toMatch(/đã ghi \d+ hồ sơ của 1500 người vào /);
    const [records] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM member_record`);
    expect(Number(records.n)).toBe(truthRows);
    // Its chi hội are named as real ones are, not by their codes; every member in one of them.
    const branches = await t.sql<{ code: string; name: string; members: number }>(
      `SELECT u.code, u.name, (SELECT count(*)::int FROM member_record r WHERE r.unit_id = u.id) AS members
         FROM unit u WHERE u.kind = 'BRANCH' ORDER BY u.code`,
    );
    expect(branches.length).toBeGreaterThan(100);
    expect(branches.filter((b) => b.name === b.code || !/^(Chi hội|Chi đoàn|Tổ công đoàn) /.test(b.name))).toEqual([]);
    expect(branches.filter((b) => b.members === 0)).toEqual([]);
    expect(branches.find((b) => b.code.startsWith('HPN-'))!.name).toMatch(/^Chi hội Phụ nữ (thôn|bản|tổ dân phố) /);
    expect(r.stderr).toMatch(/đã tạo \d+ chi hội, chi đoàn, tổ công đoàn/);
  }, 120_000);

  it('links it with `lienthong link` and writes the audit file with `lienthong audit`', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
        encoding: 'utf8',
      });
    const link = cli('link');
    expect(link.status).toBe(0);
    const summary = new Map(
      link.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t') as [string, string]),
    );
    expect(Number(summary.get('số người'))).toBeGreaterThan(0);
    expect(Number(summary.get('số người'))).toBeLessThan(Number(summary.get('hồ sơ')));
    expect(Number(summary.get('hồ sơ nghi ảo (đang sinh hoạt)'))).toBeGreaterThan(0);
    expect(link.stderr).toMatch(/chia khối id_number: \d+ khối/);
    expect(link.stderr).toMatch(/mô hình name: SAME m=/);
    expect(link.stderr).toMatch(/đã lưu \(\d+\.\d giây\)/);
    expect(link.stderr).not.toMatch(/\b(blocks|pairs|store|scoring|applied|started)\b/);
    const file = path.join(out, 'audit.csv');
    const audit = cli('audit', '--out', file);
    expect(audit.status).toBe(0);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('org,ma_ho_so,person_id,ao,flags');
    expect(audit.stdout).toContain(`hồ sơ\t${lines.length - 1}`);
    // Bad options: a one-line reason and exit code 2.
    const bad = cli('link', '--auto', '1.5');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--auto phải là một xác suất');
    expect(bad.stderr).toMatch(/^lienthong: tùy chọn --auto <P>: giá trị '1\.5' không hợp lệ/);
    expect(bad.stderr).not.toContain('error:');
    const missing = cli('audit');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('lienthong: thiếu tùy chọn bắt buộc --out <FILE> (xem: lienthong --help)\n');
  }, 120_000);

  it("says, where the demo's noise made a row that cannot be read, which row and why, in a file beside its roster", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-demo-noise-'));
    try {
      // Seed 2 at 1,500 people: one name whose noise left no vowel (read as an abbreviation, refused).
      const r = seedDemo(dir, 2);
      expect(r.status).toBe(0);
      const line = r.stderr.split('\n').find((l) => /, [1-9]\d* lỗi \(từng dòng và lý do: /.test(l))!;
      const file = line.match(/lý do: (.+\.loi\.csv)\)/)![1];
      const rows = fs.readFileSync(file, 'utf8').trim().split('\r\n');
      expect(rows[0]).toMatch(/,Dòng trong tệp gốc,Cột,Giá trị,Lỗi$/);
      expect(rows.length).toBeGreaterThan(1);
      expect(rows[1]).toMatch(/,Họ và tên,.*không phải họ tên/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
