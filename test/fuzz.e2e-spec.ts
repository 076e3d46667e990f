import { Role } from '../src/access/role.js';
import { prng } from '../src/common/random/prng.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * 1,200 malformed or hostile requests (bad JSON, huge alias counts, deep nesting, wrong types,
 * injection strings, oversized values, bad headers) → never a 5xx, never a stack trace, the
 * server still answers, and no roster, user, token or unit changed.
 */
const REQUESTS = 1200;

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE member_record; --",
  '") { __typename } #',
  '%',
  '_',
  '\\',
  '$$',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '‮gnp.exe',
  '😀'.repeat(200),
  'Ð'.repeat(5000),
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'null',
  'undefined',
  '-1',
  '1e309',
  ' ',
  '',
  'x'.repeat(100_000),
  '00000000-0000-0000-0000-000000000000',
  'lt_ses_' + 'A'.repeat(43),
];

/** Every UTF-8 byte percent-encoded (a lone surrogate becomes U+FFFD, as a browser would send it). */
const percentBytes = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

interface FuzzRequest {
  kind: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  query?: string;
}

function generate(rand: () => number, tokens: string[], recordId: string): FuzzRequest {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const hostile = () => pick(HOSTILE_STRINGS);
  const token = pick([null, ...tokens]);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const post = (kind: string, body: unknown): FuzzRequest => ({ kind, method: 'POST', headers, body: JSON.stringify(body) });
  switch (int(0, 11)) {
    case 0: {
      const valid = JSON.stringify({ query: '{ organizations { code } }' });
      const cut = valid.slice(0, int(0, valid.length - 1));
      return {
        kind: 'bad JSON',
        method: 'POST',
        headers,
        body: pick([cut, '{', '[', 'nul', '{"query": }', '\u0000', '{"query":"{"}'.repeat(int(1, 50))]),
      };
    }
    case 1: {
      const n = int(31, 3000);
      const fields = Array.from({ length: n }, (_, i) => `a${i}: organizations { code }`).join(' ');
      return post('alias flood', { query: `{ ${fields} }` });
    }
    case 2: {
      const depth = int(11, 3000);
      return post('deep nesting', {
        query: `{ ${'memberRecord(id: "x") { history { '.repeat(Math.min(depth, 300))}id${' } }'.repeat(Math.min(depth, 300))} }`,
      });
    }
    case 3: {
      const depth = int(50, 5000);
      return post('deep braces', { query: `${'{ a '.repeat(depth)}${'}'.repeat(depth)}` });
    }
    case 4:
      return post('wrong types', {
        query: pick([
          '{ memberRecords(organization: 5, first: "x") { totalCount } }',
          '{ memberRecords(organization: "DTN", first: -1) { totalCount } }',
          '{ memberRecords(organization: "DTN", first: 1000000000) { totalCount } }',
          '{ communes(first: 99999999999) { code } }',
          'query($o: String!) { memberRecords(organization: $o) { totalCount } }',
          'query($id: ID!) { memberRecord(id: $id) { id } }',
          '{ auditEvents(before: "abc") { hasNextPage } }',
          '{ organization(code: null) { code } }',
        ]),
        variables: pick([{ o: 12 }, { o: [1, 2] }, { id: { $gt: '' } }, { id: 1.5 }, {}, { o: 'DTN' }, null]),
      });
    case 5:
      return post('injection in queries', {
        query: pick([
          'query($s: String) { memberRecords(organization: "DTN", search: $s) { totalCount } }',
          'query($s: String!) { memberRecords(organization: $s) { totalCount } }',
          'query($s: ID!) { memberRecord(id: $s) { id } }',
          'query($s: String) { communes(search: $s) { code } }',
          'query($s: String) { resolveCommune(name: $s, code: $s) { kind } }',
          'query($s: String!) { units(organization: "DTN", parent: $s) { code } }',
          'query($s: String) { memberRecords(organization: "DTN", after: $s) { totalCount } }',
          'query($s: String) { memberRecords(organization: "DTN", commune: $s, unit: $s) { totalCount } }',
        ]),
        variables: { s: hostile() },
      });
    case 6:
      return post('hostile mutations', {
        query: pick([
          'mutation($s: String!) { createMemberRecord(input: { organization: "DTN", externalId: $s, fullName: "A1", idNumber: $s }) { id } }',
          'mutation($s: ID!) { updateMemberRecord(id: $s, input: { fullName: "" }) { id } }',
          `mutation($s: String!) { updateMemberRecord(id: "${recordId}", input: { phone: $s, birthDate: "31/02/1990" }) { id } }`,
          `mutation($s: String!) { endMembership(input: { id: "${recordId}", status: ACTIVE, date: $s, reason: $s }) { id } }`,
          'mutation($s: ID!) { erasePersonalData(id: $s, reason: "x") { id } }',
          'mutation($s: String!) { createUnit(input: { organization: $s, code: $s, name: $s, kind: BRANCH }) { id } }',
          'mutation($s: String!) { createUser(input: { username: $s, role: ADMIN, password: "a" }) { user { id } } }',
          'mutation($s: String!) { createAssociation(input: { code: "bad code", name: $s }) { code } }',
          `mutation($s: String!) { revealIdNumber(id: "${recordId}", reason: $s) { idNumber } }`,
        ]),
        variables: { s: hostile() },
      });
    case 7:
      return post('log-in attempts', {
        query: 'mutation($u: String!, $p: String!, $c: String!) { logIn(input: { username: $u, password: $p, totpCode: $c }) { token } }',
        variables: { u: pick(['quantri', hostile()]), p: hostile(), c: pick(['000000', hostile()]) },
      });
    case 8: {
      const size = pick([1_100_000, 2_000_000]);
      return {
        kind: 'oversized body',
        method: 'POST',
        headers,
        body: JSON.stringify({ query: '{ organizations { code } }', variables: { x: 'a'.repeat(size) } }),
      };
    }
    case 9:
      return post('oversized variables', {
        query: 'mutation($p: [ProfileValueInput!]) { updateMemberRecord(id: "' + recordId + '", input: { profile: $p }) { id } }',
        variables: { p: Array.from({ length: int(31, 5000) }, () => ({ key: hostile().slice(0, 50), value: 'x' })) },
      });
    case 10:
      return {
        kind: 'bad headers',
        method: 'POST',
        headers: pick<Record<string, string>>([
          { 'content-type': 'text/plain' },
          { 'content-type': 'application/x-www-form-urlencoded' },
          // Header values travel as bytes: the UTF-8 of a hostile string, read as Latin-1.
          {
            'content-type': 'application/json',
            authorization:
              Buffer.from(hostile().slice(0, 2000))
                .toString('latin1')
                .replace(/[\r\n\u0000]/g, '') || 'Bearer',
          },
          { 'content-type': 'application/json', authorization: 'Bearer ' + 'x'.repeat(int(1, 4000)) },
          { 'content-type': 'application/json; charset=utf-16' },
        ]),
        body: JSON.stringify({ query: '{ me { name } }' }),
      };
    default:
      return {
        kind: 'GET',
        method: 'GET',
        headers: pick<Record<string, string>>([{}, { 'apollo-require-preflight': 'true' }, { 'x-apollo-operation-name': 'x' }]),
        query: pick([
          `query=${encodeURIComponent('mutation { logOut }')}`,
          `query=${encodeURIComponent('{ organizations { code } }')}&variables=${percentBytes(hostile())}`,
          `query=${percentBytes(hostile())}`,
          `extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":"x"}}')}`,
        ]),
      };
  }
}

describe('fuzz: hostile GraphQL requests', () => {
  let t: TestApp;
  let tokens: string[];
  let recordId: string;

  const fingerprint = async () =>
    (
      await t.sql<{ f: string }>(`SELECT concat_ws('|',
        (SELECT md5(string_agg(r::text, ',' ORDER BY id)) FROM member_record r),
        (SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM membership_event e),
        (SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM app_user u),
        (SELECT md5(string_agg(concat(a.id, a.revoked_at), ',' ORDER BY id)) FROM access_token a),
        (SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM unit u),
        (SELECT md5(string_agg(o::text, ',' ORDER BY code)) FROM organization o)) AS f`)
    )[0].f;

  beforeAll(async () => {
    t = await createTestApp();
    const r = await t.gql<{ createMemberRecord: { id: string } }>(
      `mutation { createMemberRecord(input: { organization: "DTN", externalId: "F-1", fullName: "Đỗ Thị Mai", idNumber: "001304012345", sex: FEMALE, birthDate: "2004" }) { id } }`,
    );
    recordId = r.data!.createMemberRecord.id;
    // Tokens that may not write (so that no request can legitimately change data), and one that reads.
    tokens = [await t.serviceToken(Role.DAN_VAN), await t.serviceToken(Role.AUDITOR), await t.serviceToken(Role.SECRETARIAT, 'HPN')];
  });
  afterAll(async () => t.close());

  it(`answers ${REQUESTS} hostile requests without a 5xx, a stack trace, a crash or a change of data`, async () => {
    const before = await fingerprint();
    const rand = prng(20261121);
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const req = generate(rand, tokens, recordId);
      kinds.set(req.kind, (kinds.get(req.kind) ?? 0) + 1);
      if (process.env.FUZZ_DEBUG) process.stderr.write(`>${i} ${req.kind} ${(req.body ?? req.query ?? '').slice(0, 300)}\n`);
      const started = Date.now();
      const res = await fetch(`${t.url}/graphql${req.query ? `?${req.query}` : ''}`, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(10_000),
      });
      if (process.env.FUZZ_DEBUG) process.stderr.write(`#${i} ${req.kind} ${res.status} ${Date.now() - started} ms\n`);
      const text = await res.text();
      if (res.status >= 500 || /\n\s+at |"stacktrace"|node_modules/.test(text))
        failures.push(`#${i} ${req.kind}: ${res.status} ${text.slice(0, 300)} ← ${(req.body ?? req.query ?? '').slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect([...kinds.keys()].length).toBe(12);
    expect(await fingerprint()).toBe(before);
    const alive = await t.gql<{ organizations: unknown[] }>('{ organizations { code } }', {}, { token: null });
    expect(alive.data!.organizations).toHaveLength(7);
  }, 300_000);
});
