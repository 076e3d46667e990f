import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { LinkerService } from '../src/linker/linker.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const PERSON = `query($id: ID!) { person(id: $id) { records { organization recordId } } }`;

/** `lienthong <args>` against the test database: exit code and standard error. */
async function cli(t: TestApp, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '../bin/lienthong.js'), ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LIENTHONG_KEY: t.keyText },
      encoding: 'utf8',
    });
    return { code: 0, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { code: err.code ?? -1, stderr: err.stderr ?? '' };
  }
}

/** `link`: one run at a time (a second is refused, by the API and the CLI), readers never wait for its store, and a killed run does not stay RUNNING. */
describe('one link run at a time, and readers never blocked', () => {
  let t: TestApp;
  let linker: LinkerService;

  beforeAll(async () => {
    t = await createTestApp();
    linker = t.app.get(LinkerService);
    await t.importRoster('HND', HEADER, [
      'HND-1,Nguyễn Thị Hòa,12/03/2000,Nữ,001300012345,0912345678,00004,HND-CHI-1,Đang sinh hoạt',
      'HND-2,Lê Văn Tám,01/02/1970,Nam,001070012345,0912000008,00004,HND-CHI-1,Đang sinh hoạt',
    ]);
    await t.importRoster('HPN', HEADER, ['HPN-1,Nguyễn Thị Hòa,12/03/2000,Nữ,001300012345,,00004,HPN-CHI-1,Đang sinh hoạt']);
    await linker.link();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a second run while one is storing, and a reader of persons gets the last result at once', async () => {
    // A new record, so the run has something new to store.
    await t.importRoster('CD', HEADER, ['CD-1,Nguyễn Thị Hòa,12/03/2000,Nữ,001300012345,,00004,CD-CHI-1,Đang sinh hoạt']);
    const [{ person_id: person }] = await t.sql<{ person_id: string }>(
      `SELECT p.person_id FROM record_person p JOIN member_record r ON r.id = p.record_id WHERE r.external_id = 'HND-1'`,
    );
    const before = await t.gql<{ person: { records: { organization: string }[] } }>(PERSON, { id: person });
    expect(before.errors).toBeUndefined();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let storing!: () => void;
    const inStore = new Promise<void>((r) => (storing = r));
    const first = linker.link({
      onStored: async () => {
        storing();
        await held;
      },
    });
    let safety: NodeJS.Timeout | undefined;
    try {
      await inStore;
      // Should a reader wait for the store (as it did behind TRUNCATE), the store ends after 5 s and the timings below fail.
      safety = setTimeout(() => release(), 5000);
      // The store transaction is open (written, not committed): a reader answers at once, with the last result.
      const started = Date.now();
      const during = await t.gql<{ person: { records: { organization: string }[] } }>(PERSON, { id: person });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(during.data).toEqual(before.data);
      const sqlStarted = Date.now();
      await t.sql(`SELECT count(*) FROM record_person`);
      await t.sql(`SELECT count(*) FROM record_link`);
      expect(Date.now() - sqlStarted).toBeLessThan(2000);
      // The readers did not wait: the run stays in its store until the checks below are done.
      clearTimeout(safety);
      // A second run, in this process or from the CLI, is refused at once.
      await expect(linker.link()).rejects.toThrow('Một lần liên kết khác đang chạy');
      const second = await cli(t, 'link');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('lienthong: Một lần liên kết khác đang chạy (ở máy chủ này hoặc máy khác)');
      // The CLI's start did not take the live run for an interrupted one.
      expect(await t.sql(`SELECT status FROM link_run ORDER BY started_at DESC LIMIT 1`)).toEqual([{ status: 'RUNNING' }]);
    } finally {
      clearTimeout(safety);
      release();
    }
    const s = await first;
    expect(s.records).toBe(4);
    const after = await t.gql<{ person: { records: { organization: string }[] } }>(PERSON, { id: person });
    expect(after.data!.person.records.map((r) => r.organization)).toEqual(['CD', 'HND', 'HPN']);
    // Refused runs leave no row; the lock is free again.
    expect((await t.sql<{ status: string }>(`SELECT status FROM link_run ORDER BY started_at`)).map((r) => r.status)).toEqual([
      'DONE',
      'DONE',
    ]);
    await linker.link();
  });

  it('stores exactly what a run from an empty result stores (rows gone, changed and new)', async () => {
    const snapshot = async () => ({
      persons: await t.sql(`SELECT record_id, verified, flags, ao, ao_reasons FROM record_person ORDER BY record_id`),
      groups: await t.sql(`SELECT array_agg(record_id ORDER BY record_id) AS records FROM record_person GROUP BY person_id ORDER BY 1`),
      links: await t.sql(`SELECT record_a, record_b, decision, probability, weight, contributions FROM record_link ORDER BY 1, 2`),
      flags: await t.sql(`SELECT record_id, code, severity, message, evidence FROM record_flag ORDER BY 1, 2`),
    });
    // A record ends (its rows go), the model changes (weights change), a record comes (new rows).
    await t.sql(`UPDATE member_record SET status = 'STRUCK_OFF' WHERE external_id = 'CD-1'`);
    await t.importRoster('CCB', HEADER, ['CCB-1,Lê Văn Tám,01/02/1970,Nam,001070012345,,00004,CCB-CHI-1,Đang sinh hoạt']);
    await linker.link();
    const stored = await snapshot();
    expect(stored.persons).toHaveLength(4);
    await t.sql(`DELETE FROM record_person; DELETE FROM record_link; DELETE FROM record_flag`);
    await linker.link();
    expect(await snapshot()).toEqual(stored);
  });

  it('marks a run left RUNNING by a killed process FAILED at the next start', async () => {
    const [{ id }] = await t.sql<{ id: string }>(
      `INSERT INTO link_run (started_at, status, summary) VALUES (now() - interval '1 hour', 'RUNNING', '{}') RETURNING id`,
    );
    const start = await cli(t, 'org', 'list');
    expect(start.code).toBe(0);
    const [run] = await t.sql<{ status: string; finished_at: Date | null; failure: string }>(
      `SELECT status, finished_at, summary->>'failure' AS failure FROM link_run WHERE id = $1`,
      [id],
    );
    expect(run.status).toBe('FAILED');
    expect(run.finished_at).not.toBeNull();
    expect(run.failure).toContain('bị dừng giữa chừng');
  });
});
