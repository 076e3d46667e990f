import type { DataSource } from 'typeorm';
import type { IdNumberIssue } from '../../common/identity/id-number.js';
import type { Profile } from '../../membership/organization/organization-definition.js';
import { formatPartialDate, fromStoredDate, type DatePrecision } from '../../common/dates/partial-date.js';
import { linkDate, linkName, type LinkDate, type LinkName } from '../../common/identity/identity-compare.js';
import { LINKED_STATUSES } from '../model/pair-decision.js';

/**
 * The run's snapshot: every linked record in one temporary table (`link_rec`, a dense index `seq`
 * per record, so the run sees one consistent state), read into columns; and the register extract.
 */

/** What the run's steps query through: the run's own connection. */
export type Sql = { query: DataSource['query'] };

/** A commune as the comparison sees it: known, or the candidates of an old commune that was split. */
export type CommuneOf = { code: string | null; candidates: string[] };

/** The records being linked, column by column (a million records stay compact); a record is its index. */
export interface Records {
  n: number;
  id: string[];
  org: string[];
  status: string[];
  name: LinkName[];
  birth: (LinkDate | null)[];
  sex: (string | null)[];
  idHash: (string | null)[];
  idKind: (string | null)[];
  phone: (string | null)[];
  commune: CommuneOf[];
  previousPerson: (string | null)[];
  /** For the phantom checks. */
  birthPrecision: (string | null)[];
  unit: (string | null)[];
  /** These three as given (`2025`, `2025-03` or `2025-03-15`). */
  joinDate: (string | null)[];
  /** The roster gave the join date as a year or a month alone. */
  joinDayUnknown: boolean[];
  lastActivity: (string | null)[];
  lastDues: (string | null)[];
  profile: Profile[];
  idIssues: IdNumberIssue[][];
}

/** The register extract, column by column. */
export interface Residents {
  n: number;
  alive: boolean[];
  deathDate: (string | null)[];
  /** Communes the extract covers. */
  communes: Set<string>;
  id: string[];
  name: LinkName[];
  birth: (LinkDate | null)[];
  sex: (string | null)[];
  idHash: (string | null)[];
  idKind: (string | null)[];
  commune: CommuneOf[];
}

interface RecordRow {
  id: string;
  organization_code: string;
  status: string;
  full_name: string;
  birth_date: string | null;
  birth_date_precision: string | null;
  sex: string | null;
  id_hash: string | null;
  id_kind: string | null;
  phone: string | null;
  commune_code: string | null;
  commune_candidates: string[] | null;
  previous_person: string | null;
  unit_id: string | null;
  join_date: string | null;
  join_date_precision: string | null;
  last_activity_date: string | null;
  last_activity_date_precision: string | null;
  last_dues_date: string | null;
  last_dues_date_precision: string | null;
  profile: Profile;
  id_issues: IdNumberIssue[] | null;
}

interface ResidentRow {
  id: string;
  full_name: string;
  birth_date: string | null;
  birth_date_precision: string | null;
  sex: string | null;
  id_hash: string | null;
  id_kind: string | null;
  commune_code: string | null;
  alive: boolean;
  death_date: string | null;
}

/** Records read per query. */
const CHUNK = 100_000;

/** One consistent snapshot for the whole run, in a temporary table with a dense index per record. */
export async function takeSnapshot(runner: Sql): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS link_rec`);
  await runner.query(
    `CREATE TEMP TABLE link_rec AS
     SELECT (row_number() OVER (ORDER BY r.id))::int - 1 AS seq, r.id, r.organization_code, r.status, r.full_name,
            r.family_key, r.given_key, r.birth_date, r.birth_date_precision, r.sex, r.id_number_hash, r.id_kind, r.phone,
            r.commune_code, r.commune_candidates, r.unit_id, r.join_date, r.join_date_precision, r.last_activity_date, r.last_activity_date_precision,
            r.last_dues_date, r.last_dues_date_precision, r.profile, r.id_issues,
            extract(year FROM r.birth_date)::int AS birth_year,
            (r.birth_date_precision = 'DAY' AND to_char(r.birth_date, 'MM-DD') <> '01-01') AS birth_day_known,
            p.person_id AS previous_person
       FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
      WHERE r.erased_at IS NULL AND r.status = ANY($1)`,
    [LINKED_STATUSES],
  );
  await runner.query(`CREATE UNIQUE INDEX ON link_rec (seq)`);
}

export async function dropSnapshot(runner: Sql): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS link_rec`).catch(() => undefined);
}

/** The records of the snapshot, read 100,000 at a time. */
export async function loadRecords(runner: Sql): Promise<Records> {
  const [{ n }] = await runner.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM link_rec`);
  const recs = emptyRecords(n);
  const add = recordAppender(recs);
  for (let from = 0; from < n; from += CHUNK) {
    const chunk = await runner.query<RecordRow[]>(
      `SELECT id, organization_code, status, full_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_date_precision, sex,
              encode(id_number_hash, 'base64') AS id_hash, id_kind, phone, commune_code, commune_candidates, previous_person,
              unit_id, to_char(join_date, 'YYYY-MM-DD') AS join_date, join_date_precision, to_char(last_activity_date, 'YYYY-MM-DD') AS last_activity_date,
              last_activity_date_precision, to_char(last_dues_date, 'YYYY-MM-DD') AS last_dues_date, last_dues_date_precision, profile, id_issues
         FROM link_rec WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
      [from, from + CHUNK],
    );
    for (const r of chunk) add(r);
  }
  return recs;
}

function emptyRecords(n: number): Records {
  return {
    n,
    id: [],
    org: [],
    status: [],
    name: [],
    birth: [],
    sex: [],
    idHash: [],
    idKind: [],
    phone: [],
    commune: [],
    previousPerson: [],
    birthPrecision: [],
    unit: [],
    joinDate: [],
    joinDayUnknown: [],
    lastActivity: [],
    lastDues: [],
    profile: [],
    idIssues: [],
  };
}

const NO_CANDIDATES: string[] = [];
const NO_PROFILE: Profile = {};
const NO_ISSUES: IdNumberIssue[] = [];

/**
 * Appends a row to the columns. The names of a province repeat: each distinct one is parsed once.
 * Small strings and communes are shared the same way.
 */
function recordAppender(recs: Records): (r: RecordRow) => void {
  const nameOf = nameParser();
  const intern = new Map<string, string>();
  const shared = (x: string) => {
    let y = intern.get(x);
    if (y === undefined) intern.set(x, (y = x));
    return y;
  };
  const communes = new Map<string, CommuneOf>();
  const communeOf = (code: string | null, candidates: string[] | null) => {
    const key = `${code ?? ''}|${(candidates ?? []).join(',')}`;
    let commune = communes.get(key);
    if (!commune) communes.set(key, (commune = { code, candidates: candidates?.length ? candidates : NO_CANDIDATES }));
    return commune;
  };
  return (r) => {
    recs.id.push(r.id);
    recs.org.push(shared(r.organization_code));
    recs.status.push(shared(r.status));
    recs.name.push(nameOf(r.full_name));
    recs.birth.push(linkDate(r.birth_date, r.birth_date_precision));
    recs.sex.push(r.sex === null ? null : shared(r.sex));
    recs.idHash.push(r.id_hash);
    recs.idKind.push(r.id_kind === null ? null : shared(r.id_kind));
    recs.phone.push(r.phone);
    recs.commune.push(communeOf(r.commune_code, r.commune_candidates));
    recs.previousPerson.push(r.previous_person);
    recs.birthPrecision.push(r.birth_date_precision === null ? null : shared(r.birth_date_precision));
    recs.unit.push(r.unit_id);
    recs.joinDate.push(asGiven(r.join_date, r.join_date_precision));
    // A join given as a year or a month says nothing of the week: such a record is in no burst.
    recs.joinDayUnknown.push((r.join_date_precision ?? 'DAY') !== 'DAY');
    recs.lastActivity.push(asGiven(r.last_activity_date, r.last_activity_date_precision));
    recs.lastDues.push(asGiven(r.last_dues_date, r.last_dues_date_precision));
    recs.profile.push(Object.keys(r.profile ?? {}).length ? r.profile : NO_PROFILE);
    recs.idIssues.push(r.id_issues?.length ? r.id_issues : NO_ISSUES);
  };
}

/** Parses each distinct full name once. */
function nameParser(): (full: string) => LinkName {
  const names = new Map<string, LinkName>();
  return (full) => {
    let name = names.get(full);
    if (!name) names.set(full, (name = linkName(full)));
    return name;
  };
}

/** The register extract (every resident: the register is a bridge, not a list to link). */
export async function loadResidents(runner: Sql): Promise<Residents> {
  const rows = await runner.query<ResidentRow[]>(
    `SELECT id, full_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_date_precision, sex,
            encode(id_number_hash, 'base64') AS id_hash, CASE length(id_number_masked) WHEN 12 THEN 'CCCD' WHEN 9 THEN 'CMND' END AS id_kind,
            commune_code, alive, to_char(death_date, 'YYYY-MM-DD') AS death_date
       FROM resident ORDER BY id`,
  );
  const nameOf = nameParser();
  return {
    n: rows.length,
    alive: rows.map((r) => r.alive),
    deathDate: rows.map((r) => r.death_date),
    communes: new Set(rows.map((r) => r.commune_code).filter((c): c is string => !!c)),
    id: rows.map((r) => r.id),
    name: rows.map((r) => nameOf(r.full_name)),
    birth: rows.map((r) => linkDate(r.birth_date, r.birth_date_precision)),
    sex: rows.map((r) => r.sex),
    idHash: rows.map((r) => r.id_hash),
    idKind: rows.map((r) => r.id_kind),
    commune: rows.map((r) => ({ code: r.commune_code, candidates: [] })),
  };
}

/** A stored date as it was given (`2025`, `2025-03`, `2025-03-15`): the rules judge a vague date at its latest day. */
const asGiven = (iso: string | null, precision: string | null): string | null =>
  iso === null ? null : formatPartialDate(fromStoredDate(iso, precision as DatePrecision | null));
