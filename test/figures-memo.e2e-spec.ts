import { Role } from '../src/access/role.js';
import { FiguresMemo } from '../src/linker/figures-memo.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(ok()).toBe(true);
};

/**
 * The dashboard's province-wide figures (flag counts, the overlap) are counted once and shared
 * (src/linker/figures-memo.ts) — and a change committed anywhere, by another connection as by
 * another process, is in the very next answer.
 */
describe('shared dashboard figures', () => {
  let t: TestApp;
  let memo: FiguresMemo;
  beforeAll(async () => {
    t = await createTestApp();
    memo = t.app.get(FiguresMemo);
    await t.importRoster('HND', HEADER, [
      'HND-1,Lò Văn Páo,1961-02-03,Nam,,,03199,,Đang sinh hoạt',
      'HND-2,Quàng Thị Ín,1970-05-06,Nữ,,,03199,,Đang sinh hoạt',
      'HND-3,Cầm Văn Ón,1958-07-08,Nam,,,03202,,Đang sinh hoạt',
    ]);
    await t.importRoster('HPN', HEADER, ['HPN-1,Quàng Thị Ín,1970-05-06,Nữ,,,03199,,Đang sinh hoạt']);
    await t.app.get(LinkerService).link();
  });
  afterAll(async () => t.close());

  /** flagCounts as independent SQL counts them: organization, unit, code. */
  const oracle = () =>
    t.sql<{ organization: string; code: string; records: number }>(
      `SELECT r.organization_code AS organization, c.code, count(*)::int AS records
         FROM record_person p JOIN member_record r ON r.id = p.record_id,
              LATERAL (SELECT unnest(p.flags) AS code UNION ALL SELECT 'AO' WHERE p.ao) c
        WHERE r.status = 'ACTIVE' AND r.erased_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    );
  const flagCounts = async (token?: string) => {
    const r = await t.gql<{ flagCounts: { organization: string; code: string; records: number }[] }>(
      '{ flagCounts { organization code records } }',
      {},
      token ? { token } : {},
    );
    expect(r.errors).toBeUndefined();
    return r.data!.flagCounts;
  };

  it('answers flag counts as SQL counts them, and counts a change made by another connection at once', async () => {
    expect(await flagCounts()).toEqual(await oracle()); // the first reader starts the listening
    await until(() => memo.active);
    expect(await flagCounts()).toEqual(await oracle());
    expect(await flagCounts()).toEqual(await oracle());
    // Another connection (as psql or the CLI would) marks a record as a suspected phantom.
    await t.sql(`UPDATE record_person SET ao = true, ao_reasons = '{NOT_IN_REGISTER}'
                   WHERE record_id = (SELECT id FROM member_record WHERE external_id = 'HND-3')`);
    const after = await flagCounts();
    expect(after.find((c) => c.organization === 'HND' && c.code === 'AO')?.records).toBeGreaterThan(0);
    expect(after).toEqual(await oracle());
    // A secretariat gets its organization's rows of the same counts.
    const hpn = await t.logIn(await t.createUser('memo.hpn', Role.SECRETARIAT, 'HPN'));
    expect(await flagCounts(hpn)).toEqual((await oracle()).filter((c) => c.organization === 'HPN'));
  });

  it('counts the overlap again after a membership ended elsewhere', async () => {
    await until(() => memo.active);
    const views = { overlap: async () => (await t.gql<{ overlap: { memberships: number } }>('{ overlap { memberships } }')).data!.overlap };
    const before = await views.overlap();
    expect(await views.overlap()).toEqual(before);
    await t.sql(`UPDATE member_record SET status = 'LEFT' WHERE external_id = 'HND-1'`);
    expect((await views.overlap()).memberships).toBe(before.memberships - 1);
  });

  it('counts once for readers at once, again only after a commit, and every time while it cannot hear', async () => {
    await until(() => memo.active);
    let computed = 0;
    const count = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 50));
      return computed;
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => memo.get('test', count)));
    expect(answers.map((a) => a.value)).toEqual(Array(8).fill(1));
    expect((await memo.get('test', count)).value).toBe(1);
    await t.sql(`UPDATE unit SET name = name`);
    expect((await memo.get('test', count)).value).toBe(2);
    expect((await memo.get('test', count)).value).toBe(2);
    // The listening connection ended from outside: nothing kept until it listens again.
    await t.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT 1' AND pid <> pg_backend_pid()
                   AND backend_type = 'client backend' AND state = 'idle'`);
    await until(() => !memo.active);
    expect((await memo.get('test', count)).value).toBe(3);
    expect((await memo.get('test', count)).value).toBe(4);
  });
});
