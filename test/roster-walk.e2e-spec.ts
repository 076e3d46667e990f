import { Role } from '../src/access/role.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
const UNIT = `mutation($i: CreateUnitInput!) { createUnit(input: $i) { code } }`;
const PAGE = `query($o: String!, $s: String, $u: String, $c: String, $st: MemberStatus, $a: String, $n: Int) {
  memberRecords(organization: $o, search: $s, unit: $u, commune: $c, status: $st, after: $a, first: $n) {
    totalCount nodes { id } pageInfo { endCursor hasNextPage } } }`;

const FAMILIES = ['nguyen', 'lo', 'quang', 'ca', 'giang', 'vu', 'hoang', 'tran', 'le', 'pham', 'dang'];
const MIDDLES = ['van', 'thi', 'a', 'duc', 'thanh'];
const GIVENS = ['an', 'binh', 'chien', 'dung', 'ha', 'khanh', 'lan', 'minh', 'nga', 'phong', 'son', 'thao', 'thu', 'tuan', 'xuan', 'yen'];

interface PageResult {
  memberRecords: { totalCount: number; nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
}

interface Row {
  id: string;
  name_folded: string;
  path: string | null;
  status: string;
  commune_code: string | null;
}

/**
 * Roster pages and searches are answered by index-only walks (roster-walk.ts) — each unit's and
 * commune's index merged, an organization's search walked within a budget and else found through
 * the word index. Whatever path answers, a secretary must get exactly the records the rule names
 * (every typed word starts a word of the name; her rights; her filters), in roster order, every one
 * once across the pages. The rule is written here again, in plain code, over every record.
 */
describe('roster pages by index walks, against the rule over every record', () => {
  let t: TestApp;
  let all: Row[];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const i of [
      { organization: 'HND', code: 'TINH', name: 'Hội Nông dân tỉnh', kind: 'PROVINCE' },
      { organization: 'HND', code: 'XA1', name: 'Hội Nông dân xã Một', kind: 'BASE', parent: 'TINH', communeCode: '03199' },
      { organization: 'HND', code: 'XA1-1', name: 'Chi hội 1', kind: 'BRANCH', parent: 'XA1' },
      { organization: 'HND', code: 'XA2', name: 'Hội Nông dân xã Hai', kind: 'BASE', parent: 'TINH', communeCode: '03202' },
    ])
      expect((await t.gql(UNIT, { i })).errors).toBeUndefined();
    await t.importRoster('HND', HEADER, ['ABC,Lò Văn Ản,1961-02-03,Nam,,,03199,XA1-1,Đang sinh hoạt']);
    // 6,000 more records made from that one (more than an organization's search walks before it asks the word index).
    const units = await t.sql<{ id: string; code: string }>(`SELECT id, code FROM unit WHERE organization_code = 'HND'`);
    const unitOf = (code: string) => units.find((u) => u.code === code)!.id;
    const cols = (
      await t.sql<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'member_record' AND is_generated = 'NEVER'
            AND column_name NOT IN ('id', 'external_id', 'full_name', 'name_folded', 'family_key', 'given_key', 'commune_code',
                                    'unit_id', 'status', 'erased_at', 'created_at', 'updated_at') AND column_name NOT LIKE 'id\\_number%'`,
      )
    ).map((r) => `"${r.c}"`);
    const n = 6000;
    const names = Array.from({ length: n }, (_, i) => {
      // One in 50 has a rare given name: a search for it goes through the word index; 'xuan' (1 in 16) walks the roster.
      const [f, m, g] = [FAMILIES[i % FAMILIES.length], MIDDLES[(i >> 2) % 5], i % 50 === 7 ? 'vinh' : GIVENS[(i * 11) % 16]];
      return { folded: `${f} ${m} ${g}`, family: f, given: g };
    });
    const placeOf = (i: number): [string | null, string | null] =>
      [
        [unitOf('XA1'), '03199'],
        [unitOf('XA1-1'), '03199'],
        [unitOf('XA2'), '03202'],
        [null, '03202'],
        [null, null],
      ][i % 5] as [string | null, string | null];
    await t.sql(
      `INSERT INTO member_record (external_id, full_name, name_folded, family_key, given_key, unit_id, commune_code, status, erased_at, ${cols.join(', ')})
       SELECT 'G' || x.i, x.folded, x.folded, x.family, x.given, x.unit, x.commune, x.status, x.erased, ${cols.map((c) => `t.${c}`).join(', ')}
         FROM member_record t, unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::varchar[], $6::varchar[], $7::timestamptz[])
              WITH ORDINALITY AS x(folded, family, given, unit, commune, status, erased, i)
        WHERE t.external_id = 'ABC'`,
      [
        names.map((x) => x.folded),
        names.map((x) => x.family),
        names.map((x) => x.given),
        names.map((_, i) => placeOf(i)[0]),
        names.map((_, i) => placeOf(i)[1]),
        names.map((_, i) => (i % 9 === 0 ? 'LEFT' : 'ACTIVE')),
        names.map((_, i) => (i % 101 === 0 ? new Date() : null)),
      ],
    );
    await t.sql(`VACUUM ANALYZE member_record`);
    all = await t.sql<Row>(
      `SELECT r.id, r.name_folded, u.path, r.status, r.commune_code FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
        WHERE r.organization_code = 'HND' AND r.erased_at IS NULL ORDER BY r.given_key, r.name_folded, r.id`,
    );
    tokens.org = await t.serviceToken(Role.SECRETARIAT, 'HND');
    tokens.unit = await t.serviceToken(Role.SECRETARIAT, 'HND', 'XA1');
    tokens.province = await t.serviceToken(Role.DAN_VAN);
  }, 120_000);

  afterAll(() => t?.close());

  /** Every page of a query, walked with the cursor. */
  async function walk(token: string, v: Record<string, unknown>, first: number) {
    const ids: string[] = [];
    let totalCount = -1;
    for (let after: string | null = null, pages = 0; pages < 100; pages++) {
      const r: Awaited<ReturnType<typeof t.gql<PageResult>>> = await t.gql<PageResult>(
        PAGE,
        { o: 'HND', n: first, a: after, ...v },
        { token },
      );
      expect(r.errors).toBeUndefined();
      const page: PageResult['memberRecords'] = r.data!.memberRecords;
      if (totalCount < 0) totalCount = page.totalCount;
      ids.push(...page.nodes.map((x) => x.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { ids, totalCount };
  }

  /** The rule, over every record: her rights, her filters, each typed word starting a word of the name. */
  function expected(scopePath: string | null, v: { s?: string; u?: string; c?: string; st?: string }, unitPaths: Map<string, string>) {
    const words =
      (v.s ?? '')
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .match(/[a-z0-9]+/g) ?? [];
    const underUnit = v.u ? unitPaths.get(v.u)! : null;
    return all
      .filter((r) => !scopePath || (r.path ?? '').startsWith(scopePath))
      .filter((r) => !underUnit || (r.path ?? '').startsWith(underUnit))
      .filter((r) => !v.c || r.commune_code === v.c)
      .filter((r) => !v.st || r.status === v.st)
      .filter((r) => words.every((w) => r.name_folded.split(' ').some((x) => x.startsWith(w))))
      .map((r) => r.id);
  }

  // A few hundred records each: a family name and a given name ('Lò Xuân'), and with a middle name and a prefix ('giang thi y').
  const SEARCHES = [undefined, 'Nguyễn', 'xuan', 'vinh', 'giang thi y', 'Lò Xuân', 'lo th', 'zzz'];
  const FILTERS: { u?: string; c?: string; st?: string }[] = [{}, { u: 'XA1' }, { c: '03202' }, { st: 'LEFT' }, { u: 'XA1-1', st: 'LEFT' }];

  it.each([
    ['the organization’s secretariat', 'org', null],
    ['a commune’s secretariat (her unit and its branches)', 'unit', 'XA1'],
  ])(
    '%s gets exactly the records the rule names, in roster order, across pages',
    async (_who, tokenKey, scopeUnit) => {
      const unitPaths = new Map((await t.sql<{ code: string; path: string }>(`SELECT code, path FROM unit`)).map((u) => [u.code, u.path]));
      const scopePath = scopeUnit ? unitPaths.get(scopeUnit)! : null;
      let compared = 0;
      for (const s of SEARCHES)
        for (const f of FILTERS) {
          const want = expected(scopePath, { s, ...f }, unitPaths);
          const got = await walk(tokens[tokenKey], { s, ...f }, s ? 97 : 500);
          expect({ s, f, ids: got.ids }).toEqual({ s, f, ids: want });
          expect({ s, f, total: got.totalCount }).toEqual({ s, f, total: want.length });
          compared += want.length;
        }
      expect(compared).toBeGreaterThan(5_000);
    },
    120_000,
  );

  it('finds a record by its exact Mã hồ sơ even when it has no digit, within her rights', async () => {
    const found = (token: string) => walk(token, { s: 'ABC' }, 20);
    const [abc] = await t.sql<{ id: string }>(`SELECT id FROM member_record WHERE external_id = 'ABC'`);
    expect(await found(tokens.org)).toEqual({ ids: [abc.id], totalCount: 1 });
    expect(await found(tokens.unit)).toEqual({ ids: [abc.id], totalCount: 1 });
    expect(await found(tokens.province)).toEqual({ ids: [abc.id], totalCount: 1 });
    const other = await t.serviceToken(Role.SECRETARIAT, 'HND', 'XA2');
    expect(await found(other)).toEqual({ ids: [], totalCount: 0 });
  });

  it('counts a whole organization exactly, also the moment a change is committed elsewhere (the counts are kept until then)', async () => {
    // The whole organization's first page counts from its counts by status, kept between requests (figures memo).
    const COUNT = `query($st: MemberStatus, $cap: Int) { memberRecords(organization: "HND", status: $st, first: 1, countUpTo: $cap) {
      totalCount countCapped } }`;
    const count = async (v: { st?: string; cap?: number } = {}) =>
      (await t.gql<{ memberRecords: { totalCount: number; countCapped: boolean } }>(COUNT, v, { token: tokens.org })).data!.memberRecords;
    const truth = async () =>
      (
        await t.sql<{ all: number; left: number }>(
          `SELECT count(*)::int AS all, (count(*) FILTER (WHERE status = 'LEFT'))::int AS left
             FROM member_record WHERE organization_code = 'HND' AND erased_at IS NULL`,
        )
      )[0];
    const before = await truth();
    expect(await count()).toEqual({ totalCount: before.all, countCapped: false });
    expect(await count({ st: 'LEFT' })).toEqual({ totalCount: before.left, countCapped: false });
    expect(await count({ cap: 100 })).toEqual({ totalCount: 100, countCapped: true });
    // From another connection, as psql or another server process would: one record erased, one left.
    await t.sql(`UPDATE member_record SET erased_at = now() WHERE id = (SELECT id FROM member_record
                  WHERE organization_code = 'HND' AND erased_at IS NULL AND status = 'ACTIVE' ORDER BY id LIMIT 1)`);
    await t.sql(`UPDATE member_record SET status = 'LEFT' WHERE id = (SELECT id FROM member_record
                  WHERE organization_code = 'HND' AND erased_at IS NULL AND status = 'ACTIVE' ORDER BY id LIMIT 1)`);
    const after = await truth();
    expect([after.all, after.left]).toEqual([before.all - 1, before.left + 1]);
    expect(await count()).toEqual({ totalCount: after.all, countCapped: false });
    expect(await count({ st: 'LEFT' })).toEqual({ totalCount: after.left, countCapped: false });
    expect(await count({ st: 'ACTIVE' })).toEqual({ totalCount: after.all - after.left, countCapped: false });
  });
});
