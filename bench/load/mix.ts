/**
 * The console's mix, as requests built before the run: 35 % search as you type (an accent-free
 * name prefix 25 %, a phone 5 %, a CCCD 5 %), 20 % a filtered keyset page, 20 % a member's page with
 * history and flags, 10 % `possibleDuplicates`, 10 % dashboard figures and flag counts (`overlap` of
 * the user's own area, `flagCounts`), 5 % `me` / `units`. Every request stays inside its user's
 * rights (a unit-level secretariat asks about its own subtree), so an error is the server's.
 */
import type pg from 'pg';
import type { Session, UnitRow } from './sessions.js';
import type { Shot } from './loops.js';

/** A sampled record: what a person would type or click on. */
export interface Sampled {
  id: string;
  org: string;
  unit_code: string | null;
  unit_path: string | null;
  name_folded: string;
  given_key: string;
  full_name: string;
  phone: string | null;
  commune_code: string | null;
  year: number | null;
}

/** About `n` records drawn at random (a Bernoulli sample), with their units. */
export async function sample(pool: pg.Pool, n: number): Promise<Sampled[]> {
  const [{ total }] = (await pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM member_record WHERE erased_at IS NULL`))
    .rows;
  const pct = Math.min(100, (100 * n) / Math.max(1, total));
  const { rows } = await pool.query<Sampled>(
    `SELECT r.id, r.organization_code AS org, u.code AS unit_code, u.path AS unit_path, r.name_folded, r.given_key,
            r.full_name, r.phone, r.commune_code, extract(year FROM r.birth_date)::int AS year
       FROM member_record r TABLESAMPLE BERNOULLI (${pct}) REPEATABLE (42) LEFT JOIN unit u ON u.id = r.unit_id
      WHERE r.erased_at IS NULL`,
  );
  return rows;
}

/** The units that sampled records sit in (a unit-level secretariat gets one of them: records to look at). */
export function unitsOf(rows: Sampled[]): UnitRow[] {
  const units = new Map<string, UnitRow>();
  for (const r of rows)
    if (r.unit_path && r.unit_code) units.set(r.unit_path, { organization: r.org, code: r.unit_code, path: r.unit_path });
  return [...units.values()];
}

const RECORD_ROW = 'id fullName birthDate sex phone idNumber status unit { code }';
const Q = {
  search: `query($o: String!, $s: String) { memberRecords(organization: $o, search: $s, first: 20) { nodes { ${RECORD_ROW} } pageInfo { endCursor hasNextPage } } }`,
  firstPage: `query($o: String!, $u: String, $c: String, $st: MemberStatus) { memberRecords(organization: $o, unit: $u, commune: $c, status: $st, first: 50) {
    totalCount nodes { ${RECORD_ROW} } pageInfo { endCursor hasNextPage } } }`,
  nextPage: `query($o: String!, $u: String, $c: String, $st: MemberStatus, $a: String) { memberRecords(organization: $o, unit: $u, commune: $c, status: $st, after: $a, first: 50) {
    nodes { ${RECORD_ROW} } pageInfo { endCursor hasNextPage } } }`,
  detail: `query($id: ID!) { memberRecord(id: $id) { id externalId fullName birthDate sex phone idNumber status ethnicity commune { name } unit { name }
    history { kind effectiveDate fromUnit { code } toUnit { code } } eligibility { code message } flags { code severity message resolution } } }`,
  duplicates: `query($i: DuplicateCheckInput!) { possibleDuplicates(input: $i) { organization fullName probability explanation } }`,
  flagCounts: `query($o: String) { flagCounts(organization: $o) { code organization unitCode records } }`,
  overlap: `query($s: String!) { overlap(scope: $s) { memberships persons byOrganizationCount { organizations persons } } }`,
  me: `{ me { name role } }`,
  units: `query($o: String!) { units(organization: $o) { code name } }`,
};

export const FLOOR_BODY = Buffer.from(JSON.stringify({ query: '{ organizations { code name } }' }));

const cursorOf = (r: Sampled) => Buffer.from(JSON.stringify([r.given_key, r.name_folded, r.id])).toString('base64url');

/** What one user may look at: every sampled record, its organization's, or its unit subtree's. */
function inScope(s: Session, rows: Sampled[]): Sampled[] {
  if (s.role === 'DAN_VAN') return rows;
  return rows.filter((r) => r.org === s.organization && (!s.unit || r.unit_path?.startsWith(s.unit.path)));
}

/** The prefix a person has typed so far: some words of the name, the last one cut short (3 letters at least). */
function typed(r: Sampled, rand: () => number): string {
  const words = r.name_folded.split(' ');
  const k = 1 + Math.floor(rand() * words.length);
  const text = words.slice(0, k).join(' ');
  const cut = Math.max(3, Math.floor(text.length - rand() * words[k - 1].length));
  return text.slice(0, cut).trim();
}

/** A CCCD of the right shape: province, century and sex digit, birth year, six digits. */
function cccd(rand: () => number): string {
  const d = (n: number) => String(Math.floor(rand() * 10 ** n)).padStart(n, '0');
  return `0${String(1 + Math.floor(rand() * 96)).padStart(2, '0')}${Math.floor(rand() * 4)}${d(2)}${d(6)}`;
}

const one = <T>(r: Sampled, f: (r: Sampled) => T): T => f(r);

type Builder = (s: Session, mine: Sampled[], pick: <T>(xs: readonly T[]) => T, rand: () => number) => [string, string, object];

/** [weight, builder]: each builder returns the kind, the query and its variables. */
const MIX: [number, Builder][] = [
  [0.25, (s, mine, pick, rand) => one(pick(mine), (r) => ['search: name', Q.search, { o: r.org, s: typed(r, rand) }])],
  [0.05, (s, mine, pick) => one(pick(mine), (r) => ['search: phone', Q.search, { o: r.org, s: r.phone ?? '0912345678' }])],
  [0.05, (s, mine, pick, rand) => ['search: CCCD', Q.search, { o: pick(mine).org, s: cccd(rand) }]],
  [0.2, pageShot],
  [0.2, (s, mine, pick) => ['member page', Q.detail, { id: pick(mine).id }]],
  [
    0.1,
    (s, mine, pick) => {
      const r = pick(mine);
      return [
        'possibleDuplicates',
        Q.duplicates,
        { i: { fullName: r.full_name, birthDate: r.year ? String(r.year) : null, organization: r.org } },
      ];
    },
  ],
  [0.05, (s) => ['flagCounts', Q.flagCounts, { o: s.organization }]],
  [
    0.05,
    (s) => [
      'dashboard: overlap',
      Q.overlap,
      { s: s.unit ? `unit:${s.unit.organization}/${s.unit.code}` : s.organization ? `org:${s.organization}` : `commune:${s.commune}` },
    ],
  ],
  [0.025, () => ['me', Q.me, {}]],
  [0.025, (s, mine, pick) => ['units', Q.units, { o: s.organization ?? pick(mine).org }]],
];

/** A filtered page: the user's unit, a commune or a status; a quarter are first pages (with the count the console shows). */
function pageShot(s: Session, mine: Sampled[], pick: <T>(xs: readonly T[]) => T, rand: () => number): [string, string, object] {
  const r = pick(mine);
  const f = rand();
  const filter = s.unit
    ? { u: s.unit.code }
    : f < 0.34 && r.unit_code
      ? { u: r.unit_code }
      : f < 0.67 && r.commune_code
        ? { c: r.commune_code }
        : { st: 'ACTIVE' };
  if (rand() < 0.25) return ['keyset page (first, with totalCount)', Q.firstPage, { o: r.org, ...filter }];
  return ['keyset page (next)', Q.nextPage, { o: r.org, ...filter, a: cursorOf(pick(mine)) }];
}

/** `n` requests from random users, in random order. */
export function buildShots(n: number, sessions: Session[], rows: Sampled[], rand: () => number): Shot[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const mine = sessions.map((s) => inScope(s, rows));
  const shots: Shot[] = [];
  while (shots.length < n) {
    const u = Math.floor(rand() * sessions.length);
    if (!mine[u].length) continue;
    let x = rand();
    const [, build] = MIX.find(([w]) => (x -= w) < 0) ?? MIX[MIX.length - 1];
    const [kind, query, variables] = build(sessions[u], mine[u], pick, rand);
    shots.push({ kind, token: sessions[u].token, body: Buffer.from(JSON.stringify({ query, variables })) });
  }
  return shots;
}
