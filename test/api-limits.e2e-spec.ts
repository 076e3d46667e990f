import net from 'node:net';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '../src/access/role.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái,Ngày vào,Ngày sinh hoạt gần nhất';

/** Work a request may cause is bounded (README "API limits"): cost, rate, requests in flight, statement time, page sizes. */
describe('API limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ API_REQUESTS_PER_MINUTE: '30', API_REQUESTS_IN_FLIGHT: '2', QUERY_TIMEOUT_SECONDS: '0.5' });
  });
  afterAll(async () => t.close());

  /** Holds an exclusive lock on a table until `release` (a query on it then waits). */
  const lockTable = async (table: string) => {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    await c.query('BEGIN');
    await c.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    return async () => {
      await c.query('COMMIT');
      await c.end();
    };
  };

  it('lets one province-wide overlap through a request, not thirty aliased ones', async () => {
    const auditor = await t.serviceToken(Role.AUDITOR);
    const one = await t.gql('{ overlap(scope: "province") { persons } }', {}, { token: auditor });
    expect(one.errors).toBeUndefined();
    const many = Array.from({ length: 30 }, (_, i) => `o${i}: overlap(scope: "province") { persons }`).join(' ');
    for (const q of [
      `{ ${many} }`,
      '{ a: overlap { persons } b: overlap(scope: "org:DTN") { persons } }',
      '{ overlap { persons } flagCounts { code } }',
    ]) {
      const r = await t.gql(q, {}, { token: auditor });
      expect(r.status).toBe(400);
      expect(r.errors![0].message).toMatch(/Truy vấn quá lớn: chi phí ước tính \d+ \(tối đa 5000\)/);
    }
  });

  it('stops a GraphQL request whose statement runs past QUERY_TIMEOUT_SECONDS, with a Vietnamese message', async () => {
    const token = await t.serviceToken(Role.DAN_VAN);
    const release = await lockTable('member_record');
    const started = Date.now();
    const releaseLater = setTimeout(() => void release(), 4000);
    try {
      const r = await t.gql('{ memberRecords(organization: "HPN", first: 1) { totalCount } }', {}, { token });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(r.errors![0].extensions!.code).toBe('QUERY_TIMEOUT');
      expect(r.errors![0].message).toContain("Truy vấn cho 'memberRecords' chạy quá lâu nên đã bị dừng");
    } finally {
      clearTimeout(releaseLater);
      await release();
    }
    expect((await t.gql('{ memberRecords(organization: "HPN", first: 1) { totalCount } }', {}, { token })).errors).toBeUndefined();
    // The pooled connections keep the limit between requests, but a job outside any request that takes one
    // (a link run, a scheduled report) runs without it: every connection of the pool at once, each past 0.5 s.
    const db = t.app.get(DataSource);
    await Promise.all(Array.from({ length: 10 }, () => db.query('SELECT pg_sleep(0.7)')));
    // …and a request after those jobs has its limit again.
    const again = await lockTable('member_record');
    try {
      const r = await t.gql('{ memberRecords(organization: "HPN", first: 1) { totalCount } }', {}, { token });
      expect(r.errors![0].extensions!.code).toBe('QUERY_TIMEOUT');
    } finally {
      await again();
    }
  });

  it('lets a report computed on request (a long job) run past the request timeout', async () => {
    const release = await lockTable('member_record');
    const started = Date.now();
    setTimeout(() => void release(), 1500);
    const r = await t.gql<{ runReport: { id: string } }>('mutation { runReport(period: "2026-Q1") { id } }');
    expect(r.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('limits the requests of one token per minute and in flight, with a Vietnamese message and 429', async () => {
    const token = await t.serviceToken(Role.DAN_VAN);
    const other = await t.serviceToken(Role.DAN_VAN);
    // In flight: two requests wait on a lock; a third of the same token is refused at once, another token is not.
    const release = await lockTable('member_record');
    try {
      // (Not `overlap`: counted once, it is answered from memory while nothing changed — figures-memo.ts.)
      const waiting = [0, 1].map(() => t.gql('{ memberRecords(organization: "HPN", first: 1) { totalCount } }', {}, { token }));
      await new Promise((r) => setTimeout(r, 150));
      const busy = await t.gql('{ me { name } }', {}, { token });
      expect(busy.status).toBe(429);
      expect(busy.errors![0].message).toContain('Quá nhiều yêu cầu cùng lúc: tối đa 2 yêu cầu đang chạy cho một token');
      expect((await t.gql('{ me { name } }', {}, { token: other })).errors).toBeUndefined();
      await Promise.all(waiting);
    } finally {
      await release();
    }
    // Per minute: 30 in all for this token (2 used above; the one refused as busy does not count).
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await t.gql<{ me: { name: string } }>('{ me { name } }', {}, { token }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(28);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(2);
    expect(refused[0].errors![0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    expect(refused[0].errors![0].message).toMatch(/^Quá nhiều yêu cầu: tối đa 30 yêu cầu mỗi phút cho một token; thử lại sau \d+ giây\.$/);
    expect((await t.gql('{ me { name } }', {}, { token: other })).errors).toBeUndefined();
  });

  it('counts files on their way apart: a roster arriving slowly leaves her requests free; two files at once at most', async () => {
    const token = await t.serviceToken(Role.SECRETARIAT, 'DTN');
    const url = new URL(t.url);
    // Two uploads that arrive slowly (headers and the start of the body, then nothing more), as over a phone's network.
    const slowUpload = async () => {
      const socket = net.connect(Number(url.port), url.hostname);
      await new Promise((r) => socket.once('connect', r));
      const boundary = 'cham';
      socket.write(
        `POST /imports?organization=DTN HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
          `Content-Length: 100000\r\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cham.csv"\r\n\r\nMã hồ sơ,Họ và tên\r\n`,
      );
      return socket;
    };
    const uploads = [await slowUpload(), await slowUpload()];
    const unlock = await lockTable('member_record');
    let locked = true;
    const release = async () => {
      if (locked) await unlock();
      locked = false;
    };
    try {
      await new Promise((r) => setTimeout(r, 150));
      // Her two requests still run (API_REQUESTS_IN_FLIGHT 2 here), both waiting on the lock…
      const waiting = [0, 1].map(() => t.gql('{ memberRecords(organization: "DTN", first: 1) { totalCount } }', {}, { token }));
      // …and a third file is refused, saying why.
      const third = await fetch(`${t.url}/templates/DTN.csv`, { headers: { authorization: `Bearer ${token}` } });
      expect(third.status).toBe(429);
      expect(((await third.json()) as { errors: { message: string }[] }).errors[0].message).toBe(
        'Quá nhiều tệp cùng lúc: tối đa 2 tệp đang tải lên hoặc tải về cho một token; chờ các tệp trước xong rồi thử lại.',
      );
      await release();
      expect((await Promise.all(waiting)).map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await release();
      for (const u of uploads) u.destroy();
    }
    // The uploads gone, files pass again.
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${t.url}/templates/DTN.csv`, { headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      if (r.status === 200) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('the slots of the uploads cut off were not given back');
  });

  it('pages report rows and suspected phantoms: a default page without `first`, `offset` for the next', async () => {
    const token = await t.serviceToken(Role.ADMIN);
    await t.importRoster('DTN', HEADER, [
      'P-1,Nguyễn Văn Một,01/01/2000,Nam,,,00004,DTN-B1,Đang sinh hoạt,01/01/2016,',
      'P-2,Nguyễn Văn Hai,01/01/2000,Nam,,,00004,DTN-B1,Đang sinh hoạt,01/01/2016,',
      'P-3,Nguyễn Văn Ba,01/01/2000,Nam,,,00004,DTN-B1,Đang sinh hoạt,01/01/2016,',
    ]);
    const run = await t.gql<{ runReport: { id: string } }>('mutation { runReport(period: "2026-Q2") { id } }', {}, { token });
    const id = run.data!.runReport.id;
    await t.sql(
      `INSERT INTO report_row (snapshot_id, organization_code, commune_code, memberships, people, duplicate_records, without_id_number, suspected_phantoms, joiners, leavers)
       SELECT $1, 'HPN', lpad(i::text, 5, '9'), 1, 1, 0, 0, 0, 0, 0 FROM generate_series(1, 600) i`,
      [id],
    );
    await t.sql(
      `INSERT INTO report_phantom (snapshot_id, record_id, organization_code, commune_code, reasons)
       SELECT $1, id, organization_code, commune_code, '{INACTIVE}' FROM member_record WHERE external_id LIKE 'P-%'`,
      [id],
    );
    const rows = await t.gql<{ reportRows: { totalCount: number; nodes: unknown[] } }>(
      'query ($r: ID!) { reportRows(report: $r) { totalCount nodes { communeCode } } }',
      { r: id },
      { token },
    );
    expect(rows.data!.reportRows.totalCount).toBeGreaterThan(600);
    expect(rows.data!.reportRows.nodes).toHaveLength(500);
    const rest = await t.gql<{ reportRows: { nodes: unknown[] } }>(
      'query ($r: ID!) { reportRows(report: $r, offset: 500, first: 10000) { nodes { communeCode } } }',
      { r: id },
      { token },
    );
    expect(rest.data!.reportRows.nodes).toHaveLength(rows.data!.reportRows.totalCount - 500);
    const PHANTOMS = 'query ($r: ID!, $o: Int) { reportPhantoms(report: $r, first: 2, offset: $o) { externalId } }';
    const first = await t.gql<{ reportPhantoms: { externalId: string }[] }>(PHANTOMS, { r: id }, { token });
    const next = await t.gql<{ reportPhantoms: { externalId: string }[] }>(PHANTOMS, { r: id, o: 2 }, { token });
    expect([...first.data!.reportPhantoms, ...next.data!.reportPhantoms].map((p) => p.externalId).sort()).toEqual(['P-1', 'P-2', 'P-3']);
    const tooBig = await t.gql('query ($r: ID!) { reportRows(report: $r, first: 10001) { totalCount } }', { r: id }, { token });
    expect(tooBig.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it("answers a client's mistakes with BAD_USER_INPUT and a Vietnamese message, not a server error", async () => {
    const token = await t.serviceToken(Role.ADMIN);
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const PAGE = 'query ($a: String) { memberRecords(organization: "DTN", after: $a) { totalCount } }';
    const forged = await t.gql(PAGE, { a: cursor(['a', 'b', '-'.repeat(36)]) }, { token });
    expect(forged.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(forged.errors![0].message).toContain('con trỏ trang');
    const nul = await t.gql(PAGE, { a: cursor(['a\u0000', 'b', '00000000-0000-4000-8000-000000000000']) }, { token });
    expect(nul.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(nul.errors![0].message).toContain("Dữ liệu không hợp lệ cho 'memberRecords'");
    const post = (body: unknown) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const hash = await post({ query: '{ me { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    expect(hash.status).toBe(400);
    expect(await hash.json()).toEqual({
      errors: [
        {
          message: expect.stringContaining("Truy vấn lưu sẵn: 'extensions.persistedQuery.sha256Hash' không khớp") as string,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    const version = await post({ query: '{ me { name } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } });
    expect(version.status).toBe(400);
    expect(JSON.stringify(await version.json())).toContain('BAD_USER_INPUT');
  });
});
