import { createTestApp, type TestApp } from './test-app.js';

/** The limits README "API limits" promises, each shown once; the fuzz test throws everything at them. */
describe('API hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => t.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${t.url}/graphql`, { method: 'POST', headers, body });

  it('refuses introspection in production', async () => {
    const r = await t.gql('{ __schema { types { name } } }');
    expect(r.status).toBe(400);
    expect(r.errors![0].message).toContain('introspection');
  });

  it('blocks requests a browser could forge (CSRF): form posts and GETs without a preflight header', async () => {
    const form = await post(JSON.stringify({ query: 'mutation { logOut }' }), {
      'content-type': 'text/plain',
      authorization: `Bearer ${t.adminToken}`,
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Yêu cầu bị chặn để chống giả mạo yêu cầu (CSRF)');
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { name } }')}`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(get.status).toBe(400);
  });

  it('limits the body, the depth, the aliases and the cost of a query', async () => {
    const big = await post(JSON.stringify({ query: '{ organizations { code } }', variables: { x: 'a'.repeat(1_100_000) } }));
    expect(big.status).toBe(413);
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: organizations { code }`).join(' ');
    const a = await t.gql(`{ ${aliases} }`);
    expect(a.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(a.errors![0].message).toContain('bí danh');
    const page =
      'memberRecords(organization: "DTN", first: 500) { nodes { history { fromUnit { code } toUnit { code } } unit { code } commune { code } } }';
    expect((await t.gql(`{ ${page} }`)).errors).toBeUndefined();
    const cost = await t.gql(`{ a: ${page} b: ${page} }`);
    expect(cost.errors![0].message).toContain('chi phí ước tính');
    const tokens = await post(JSON.stringify({ query: `{ ${'organizations { code } '.repeat(2000)} }` }));
    expect(tokens.status).toBe(400);
    expect(await tokens.text()).toContain('tokens');
  });

  it("tells a query's mistakes in Vietnamese, naming the field", async () => {
    const misspelt = await t.gql('{ me { nmae } }');
    expect(misspelt.errors![0].message).toMatch(/^Kiểu "\w+" không có trường "nmae" \(có phải "name"\?\)/);
    expect(misspelt.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const missing = await t.gql('query($id: ID!) { memberRecord(id: $id) { id } }', {});
    expect(missing.errors![0].message).toBe(`Biến "$id" (kiểu ID!) là bắt buộc nhưng chưa được gửi trong 'variables'.`);
  });

  it('says in Vietnamese what graphql-js, Apollo and the body parser refuse, never in their English', async () => {
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` };
    const said = async (res: Response) => {
      const body = (await res.json()) as { errors?: { message: string }[] };
      return body.errors!.map((e) => e.message).join(' | ');
    };
    const cases: [string, Response][] = [
      [
        'Giá trị trong truy vấn không hợp lệ: cần một giá trị kiểu Int',
        await post(JSON.stringify({ query: '{ memberRecords(organization: "DTN", first: 2147483648) { totalCount } }' }), auth),
      ],
      [
        'Giá trị trong truy vấn không hợp lệ: kiểu UpdateMemberRecordInput không có trường "version"',
        await post(JSON.stringify({ query: 'mutation { updateMemberRecord(input: { id: "x", reason: "y", version: 1 }) { id } }' }), auth),
      ],
      [
        'Máy chủ không nhận nhiều truy vấn trong một yêu cầu',
        await post(JSON.stringify([{ query: '{ me { name } }' }, { query: '{ me { name } }' }]), auth),
      ],
      [
        'Yêu cầu quá lớn (quá 1 MB)',
        await post(JSON.stringify({ query: '{ me { name } }', variables: { x: 'a'.repeat(1_100_000) } }), auth),
      ],
      ['Nội dung yêu cầu không phải JSON hợp lệ', await post('{"query": ', auth)],
    ];
    for (const [words, res] of cases) expect([res.status < 500, await said(res)]).toEqual([true, expect.stringContaining(words)]);
  });

  it('caps page sizes', async () => {
    const r = await t.gql('{ memberRecords(organization: "DTN", first: 501) { totalCount } }');
    expect(r.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('answers malformed requests with 4xx and no stack trace', async () => {
    for (const body of ['{"query": ', 'null', '[]', '{"query": 42}', '{"query": "{ memberRecord(id: \\"x\\") { id } }"}']) {
      const res = await post(body, { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      expect(text).not.toMatch(/\n\s+at |node_modules|stacktrace/);
    }
  });

  it('refuses control characters such as NUL, which PostgreSQL cannot store, with a clear message', async () => {
    const r = await t.gql('mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) { id } }', {
      i: { organization: 'DTN', externalId: 'A\u0000', fullName: 'Lê Thị Hoa' },
    });
    expect(r.status).toBe(400);
    expect(r.errors![0].message).toBe("Dữ liệu không hợp lệ: 'i.externalId' chứa ký tự điều khiển (như \\u0000) không được phép.");
  });
});
