import pg from 'pg';
import { Role } from '../src/access/role.js';
import { CLEAN, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const RUN = `id status statusLabel startedAt finishedAt phases { key label seconds } records persons multiOrganizationPersons
             autoLinks reviewPairs suspectedPhantoms failure`;

const STEPS = ['load', 'load_register', 'blocking', 'model', 'scoring', 'register', 'clustering', 'phantom', 'store'];

interface Run {
  id: string;
  status: string;
  statusLabel: string;
  finishedAt: string | null;
  phases: { key: string; label: string; seconds: number | null }[];
  records: number | null;
  persons: number | null;
  multiOrganizationPersons: number | null;
  failure: string | null;
}

/** An administrator starts a link run from the console and follows it: its phases as they end, then what it found. */
describe('link runs started and followed from the console', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.serviceToken(Role.ADMIN);
    await t.importRoster('HND', HEADER, [
      'HND-1,Lò Văn Páo,1961-02-03,Nam,,0912000001,03199,,Đang sinh hoạt',
      'HND-2,Quàng Thị Ín,1970-05-06,Nữ,,0912000002,03199,,Đang sinh hoạt',
      'HND-3,Cầm Văn Ón,1958-07-08,Nam,,,03202,,Đang sinh hoạt',
      // Suspended: linked, but no member to count now (Tổng quan's Số người leaves him out; so does the run's).
      'HND-4,Lường Văn Pọm,1966-01-02,Nam,,,03202,,Tạm ngừng sinh hoạt',
    ]);
    await t.importRoster('HPN', HEADER, ['HPN-1,Quàng Thị Ín,1970-05-06,Nữ,,0912000002,03199,,Đang sinh hoạt']);
  });
  afterAll(async () => t.close());

  const runs = async (token: string) => {
    const r = await t.gql<{ linkRuns: Run[] }>(`{ linkRuns(first: 5) { ${RUN} } }`, {}, { token });
    expect(r.errors).toBeUndefined();
    return r.data!.linkRuns;
  };
  /** The run `id` as the administrator reads it, once `ready` holds (30 s at most). */
  const runWhen = async (id: string, ready: (r: Run) => boolean) => {
    let seen = (await runs(admin)).find((r) => r.id === id)!;
    for (let i = 0; i < 300 && !ready(seen); i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = (await runs(admin)).find((r) => r.id === id)!;
    }
    return seen;
  };

  it('runs in the background, shows every phase once it has ended, then the counts the run stored', async () => {
    // The run held at its last phase (the dashboard's person-level table locked by another connection), to be seen under way.
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE person_figure IN ACCESS EXCLUSIVE MODE');
    const started = await t.gql<{ startLinkRun: Run }>(`mutation { startLinkRun { ${RUN} } }`, {}, { token: admin });
    expect(started.errors).toBeUndefined();
    const run = started.data!.startLinkRun;
    const under = await runWhen(run.id, (r) => r.phases.find((p) => p.key === 'phantom')!.seconds !== null);
    expect({ status: under.status, label: under.statusLabel, records: under.records }).toEqual({
      status: 'RUNNING',
      label: 'Đang chạy',
      records: null,
    });
    expect(under.phases.filter((p) => p.seconds !== null).map((p) => p.key)).toEqual(STEPS.slice(0, -1));
    await holder.query('COMMIT');
    await holder.end();
    expect(run.phases.map((p) => p.key)).toEqual(STEPS);
    const seen = await runWhen(run.id, (r) => r.status !== 'RUNNING');
    expect({ status: seen.status, label: seen.statusLabel, failure: seen.failure }).toEqual({
      status: 'DONE',
      label: 'Đã xong',
      failure: null,
    });
    expect(seen.phases.every((p) => typeof p.seconds === 'number')).toBe(true);
    expect(seen.phases[0].label).toBe('đã đọc hồ sơ');
    const [db] = await t.sql<{ records: number; persons: number }>(
      `SELECT (SELECT count(*) FROM member_record)::int AS records,
              count(DISTINCT person_id) FILTER (WHERE r.status = 'ACTIVE')::int AS persons
         FROM record_person p JOIN member_record r ON r.id = p.record_id`,
    );
    expect({ records: seen.records, persons: seen.persons, multi: seen.multiOrganizationPersons }).toEqual({ ...db, multi: 1 });
    // The operator reads the same number of people on Tổng quan as the run printed.
    const live = await t.gql<{ liveFigures: { people: number } }>(`{ liveFigures { people } }`, {}, { token: admin });
    expect(seen.persons).toBe(live.data!.liveFigures.people);
    expect(seen.persons).toBe(3);
    // The Ban Dân vận reads the runs too; the start is in the audit log under the administrator's token.
    expect((await runs(await t.serviceToken(Role.DAN_VAN)))[0].id).toBe(run.id);
    const audit = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'LINK_RUN_STARTED'`);
    expect(audit[0].n).toBe(1);
  });

  it('refuses a second run while another holds the linker (here or on another machine), in Vietnamese', async () => {
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock($1, $2)`, [0x4c54, 7]);
      const r = await t.gql(`mutation { startLinkRun { id } }`, {}, { token: admin });
      expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(r.errors?.[0]?.message).toContain('Một lần liên kết khác đang chạy');
      expect((await runs(admin)).filter((x) => x.status === 'RUNNING')).toEqual([]);
    } finally {
      await other.end();
    }
  });

  it('in the console: the administrator starts a run, follows its steps, and reads what it found', async () => {
    const b: TestBrowser = await launchBrowser();
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    try {
      const page = await logInThroughPage(await b.context(), t.url, await t.createUser('qt-lienket', Role.ADMIN));
      await page.getByRole('link', { name: 'Quản trị' }).click();
      await page.locator('label', { hasText: 'Liên kết hồ sơ' }).click();
      await page.getByRole('cell', { name: 'Đã xong' }).first().waitFor(); // the runs of the tests above
      expect(await review(page)).toEqual(CLEAN);
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE person_figure IN ACCESS EXCLUSIVE MODE');
      await page.getByRole('button', { name: 'Chạy liên kết ngay' }).click();
      await page.locator('.ant-popover:visible').getByRole('button', { name: 'Chạy' }).click();
      // Held at its last step: shown under way, the steps it has ended counted, the button off until it ends.
      const row = page.locator('tbody tr.ant-table-row').first();
      await row.getByText('8/9 bước').waitFor({ timeout: 30_000 });
      await row.getByText('Đang chạy').waitFor();
      expect(await page.getByRole('button', { name: 'Chạy liên kết ngay' }).isDisabled()).toBe(true);
      await holder.query('COMMIT');
      await row.getByText('Đã xong').waitFor({ timeout: 30_000 });
      await row.getByText('9/9 bước').waitFor();
      const [latest] = await runs(admin);
      expect(latest.status).toBe('DONE');
      expect(await row.locator('td').nth(5).innerText()).toBe(String(latest.persons));
      expect(await review(page)).toEqual(CLEAN);
    } finally {
      await holder.end().catch(() => undefined);
      await b.close();
    }
  });
});
