import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { MemberStatus } from '../membership/member-status.js';
import type { IdNumberIssue } from '../common/identity/id-number.js';
import { SecretVault } from '../personal-data/secret-vault.js';
import { DomainError } from '../common/errors/domain-error.js';
import { storeLinkResult } from './link-store.js';
import { todayInVietnam } from '../common/dates/partial-date.js';
import { MemberRecordsService } from '../membership/member-record/member-records.service.js';
import type { OrganizationDefinition, Profile } from '../membership/organization/organization-definition.js';
import { bursts, phantomFlags, suspicion, type Flag, type FlagCode, type PhantomFacts } from './model/phantom.js';
import { prng } from '../common/random/prng.js';
import { assignPersonIds, cluster, newPersonId, slipKey, type Edge } from './model/clustering.js';
import {
  BirthLevel,
  compareBirth,
  compareCommunes,
  compareIds,
  compareNames,
  compareValues,
  IdLevel,
  linkDate,
  linkName,
  NameLevel,
  SimpleLevel,
  type LinkDate,
  type LinkName,
} from './model/compare.js';
import { LinkDecision, LinkRun, ReviewDecision } from './link.entities.js';
import {
  estimateM,
  estimateU,
  explain,
  PatternTable,
  patternWeight,
  probabilityOf,
  score,
  tfAdjustment,
  weightOf,
  type Comparison,
  type Contribution,
  type Frequencies,
  type Model,
} from './model/model.js';
import { writeMachineCsv } from '../common/files/csv.js';
import type { Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';

export interface LinkOptions {
  /** Link automatically at or above this probability. */
  auto?: number;
  /** Send to review at or above this probability (below `auto`). */
  review?: number;
  /** A block larger than this is split by commune; still larger, it is skipped (and counted). */
  maxBlock?: number;
  /** A test's window into the store transaction: the new result written, not yet committed. */
  onStored?: () => Promise<void>;
}

/** The advisory lock (two keys: "LT", 7) that lets one linker run at a time in the whole installation. */
const LINK_LOCK = [0x4c54, 7] as const;
const LINK_BUSY = 'Một lần liên kết khác đang chạy (ở máy chủ này hoặc máy khác): chờ lần đó xong rồi chạy lại.';
const INTERRUPTED = 'Lần liên kết bị dừng giữa chừng (máy chủ hoặc lệnh bị tắt): chạy lại `lienthong link`.';

export const DEFAULT_LINK_OPTIONS = { auto: 0.99, review: 0.5, maxBlock: 60 };

/** Statuses whose records are linked (a membership that has ended is history, not a person counted). */
export const LINKED_STATUSES = [MemberStatus.ACTIVE, MemberStatus.TEMPORARY, MemberStatus.SUSPENDED];

export interface BlockingRuleSummary {
  rule: string;
  blocks: number;
  pairs: number;
  /** Blocks too large even within one commune: skipped, with the records they held. */
  oversizedBlocks: number;
  oversizedRecords: number;
}

export interface LinkSummary {
  runId: string;
  records: number;
  candidatePairs: number;
  blocking: BlockingRuleSummary[];
  autoLinks: number;
  reviewPairs: number;
  bridgeLinks: number;
  refusedLinks: number;
  verifiedRecords: number;
  persons: number;
  /** Persons with records in two organizations or more. */
  multiOrganizationPersons: number;
  /** Records flagged as the same person twice in one organization. */
  duplicateInOrganization: number;
  /** ACTIVE records suspected to be phantoms ("ảo"). */
  suspectedPhantoms: number;
  model: Model;
  seconds: Record<string, number>;
}

/** A pair worth storing: linked, bridged, refused or to review. */
interface Kept {
  a: number;
  b: number;
  decision: LinkDecision;
  weight: number;
  probability: number;
  /** Its comparison (null for a pair only the register links). */
  c: Comparison | null;
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
  last_activity_date: string | null;
  last_dues_date: string | null;
  profile: Profile;
  id_issues: IdNumberIssue[] | null;
}

/** The records being linked, column by column (a million records stay compact). */
interface Records {
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
  commune: { code: string | null; candidates: string[] }[];
  previousPerson: (string | null)[];
  /** For the phantom checks. */
  birthPrecision: (string | null)[];
  unit: (string | null)[];
  joinDate: (string | null)[];
  lastActivity: (string | null)[];
  lastDues: (string | null)[];
  profile: Profile[];
  idIssues: IdNumberIssue[][];
}

interface Residents {
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
  commune: { code: string | null; candidates: string[] }[];
}

/**
 * Blocking rules: equality of indexed keys, grouped in SQL. Each finds candidates the others miss
 * (a missing ID number, a changed phone, a dropped middle name, a family-name slip, a wrong year).
 */
const RULES: { name: string; key: string; where: string }[] = [
  { name: 'id_number', key: `id_number_hash`, where: `id_number_hash IS NOT NULL` },
  { name: 'phone', key: `phone`, where: `phone IS NOT NULL` },
  // Same name, year and commune: a swapped day and month, or a number typed with one slip. Only
  // records that carry a 12-digit number or a full birth date can show either, so only they are grouped.
  {
    name: 'family_given_year_commune',
    key: `family_key, given_key, birth_year, commune_code`,
    where: `birth_year IS NOT NULL AND commune_code IS NOT NULL AND (id_kind = 'CCCD' OR birth_day_known)`,
  },
  { name: 'given_birth_date', key: `given_key, birth_date`, where: `birth_day_known` },
  { name: 'family_birth_date_sex', key: `family_key, birth_date, sex`, where: `birth_day_known` },
];

/**
 * The linker: finds the one person behind records in several organizations (and the records
 * listed twice in one), with the population register as a bridge, and stores persons with
 * stable ids and every kept pair with its explanation.
 */
@Injectable()
export class LinkerService implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly vault: SecretVault,
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Links every record. One run at a time in the whole installation: an advisory lock held on the
   * run's own connection (released when the run ends, or when its process dies); a second caller
   * gets a CONFLICT error at once.
   */
  async link(options: LinkOptions = {}, progress?: (step: string) => void): Promise<LinkSummary> {
    const opts = { ...DEFAULT_LINK_OPTIONS, ...options };
    if (!(opts.review > 0 && opts.review < opts.auto && opts.auto < 1))
      throw new Error(`thresholds must satisfy 0 < review (${opts.review}) < auto (${opts.auto}) < 1`);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ ok }] = (await runner.query(`SELECT pg_try_advisory_lock($1, $2) AS ok`, [...LINK_LOCK])) as { ok: boolean }[];
      if (!ok) throw new DomainError('CONFLICT', LINK_BUSY, [], 'LINK_BUSY');
      try {
        return await this.run(runner, opts, progress);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1, $2)`, [...LINK_LOCK]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * At start: a run left RUNNING by a process that was killed is marked FAILED — unless a run holds
   * the lock (it is under way, here or on another machine). The number of runs marked.
   */
  async failInterruptedRuns(): Promise<number> {
    return this.db.transaction(async (em) => {
      const [{ ok }] = await em.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1, $2) AS ok`, [...LINK_LOCK]);
      if (!ok) return 0;
      const [{ n }] = await em.query<{ n: number }[]>(
        `WITH failed AS (UPDATE link_run SET status = 'FAILED', finished_at = now(), summary = jsonb_build_object('failure', $1::text)
                          WHERE status = 'RUNNING' RETURNING 1)
         SELECT count(*)::int AS n FROM failed`,
        [INTERRUPTED],
      );
      return n;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const n = await this.failInterruptedRuns();
    if (n) new Logger(LinkerService.name).warn(`marked ${n} interrupted link run(s) FAILED`);
  }

  private async run(
    runner: QueryRunner,
    opts: typeof DEFAULT_LINK_OPTIONS & LinkOptions,
    progress?: (step: string) => void,
  ): Promise<LinkSummary> {
    const seconds: Record<string, number> = {};
    let t0 = Date.now();
    const lap = (name: string) => {
      seconds[name] = (Date.now() - t0) / 1000;
      t0 = Date.now();
      progress?.(name);
    };
    const run = await this.db.getRepository(LinkRun).save({ startedAt: new Date(), status: 'RUNNING', summary: {} });
    try {
      // One consistent snapshot for the whole run, in a temporary table with a dense index per record.
      await runner.query(`DROP TABLE IF EXISTS link_rec`);
      await runner.query(
        `CREATE TEMP TABLE link_rec AS
         SELECT (row_number() OVER (ORDER BY r.id))::int - 1 AS seq, r.id, r.organization_code, r.status, r.full_name,
                r.family_key, r.given_key, r.birth_date, r.birth_date_precision, r.sex, r.id_number_hash, r.id_kind, r.phone,
                r.commune_code, r.commune_candidates, r.unit_id, r.join_date, r.last_activity_date, r.last_dues_date, r.profile, r.id_issues,
                extract(year FROM r.birth_date)::int AS birth_year,
                (r.birth_date_precision = 'DAY' AND to_char(r.birth_date, 'MM-DD') <> '01-01') AS birth_day_known,
                p.person_id AS previous_person
           FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
          WHERE r.erased_at IS NULL AND r.status = ANY($1)`,
        [LINKED_STATUSES],
      );
      await runner.query(`CREATE UNIQUE INDEX ON link_rec (seq)`);
      const recs = await this.loadRecords(runner);
      lap('load');
      const residents = await this.loadResidents(runner);
      lap('load_register');

      // Candidate pairs from the blocking rules (deduplicated), then their comparison levels.
      const { pairs, blocking } = await this.candidatePairs(runner, recs.n, opts.maxBlock);
      lap('blocking');
      const digits = await this.clearIdsFor(runner, recs, pairs);
      const compare = (a: number, b: number): Comparison => this.compareRecords(recs, a, b, digits);
      const freq = frequencies(recs);
      const namesakes = namesakeCounter(recs, residents);
      // u from random pairs (seeded: the same data gives the same model), m by EM over the candidates.
      const rand = prng(20251107);
      const randomPairs = new PatternTable();
      for (let k = 0; k < Math.min(400_000, recs.n * 4) && recs.n > 1; k++) {
        const a = Math.floor(rand() * recs.n);
        const b = Math.floor(rand() * recs.n);
        if (a !== b) randomPairs.add(this.compareRecords(recs, a, b, digits, false));
      }
      const u = estimateU(randomPairs.patterns);
      // Each candidate pair's comparison, as the index of its pattern.
      const table = new PatternTable();
      const patternOf = new Int32Array(pairs.length / 2);
      for (let k = 0; k < patternOf.length; k++) patternOf[k] = table.add(compare(pairs[2 * k], pairs[2 * k + 1]));
      const model = estimateM(table.patterns, u);
      lap('model');

      // Scores and decisions.
      const edges: Edge[] = [];
      const kept = new Map<number, Kept>();
      const slips = new Set<string>();
      const weights = table.patterns.map((p) => patternWeight(model, p.c));
      const reviewWeight = weightOf(opts.review);
      const nameTf = new Map<string, number>();
      const birthTf = new Map<string, number>();
      const tf = (cache: Map<string, number>, key: string, u: number, count: (k: string) => number) =>
        cached(cache, key, () => tfAdjustment(u, count(key), freq.total));
      for (let k = 0; k < patternOf.length; k++) {
        const a = pairs[2 * k];
        const b = pairs[2 * k + 1];
        const pw = weights[patternOf[k]];
        let w = pw.base;
        if (pw.nameTf) w += tf(nameTf, recs.name[a].key, model.u.name.SAME, freq.name);
        const birth = recs.birth[a];
        if (pw.birthTf && birth) w += tf(birthTf, birth.key, model.u.birth.SAME_DAY, freq.birth);
        if (w < reviewWeight) continue;
        const c = table.patterns[patternOf[k]].c;
        const probability = probabilityOf(w);
        // Name, year and commune alone are what namesakes share: without a number, a phone or a full
        // birth date in common, a pair is at most reviewed — and not even that where namesakes are known.
        // A birth date shared by namesakes the register knows (same name, same day) is no evidence of one person.
        const dateShared =
          (c.birth === BirthLevel.SAME_DAY || c.birth === BirthLevel.SWAPPED) && namesakes(recs.name[a].key, recs.birth[a]!.key) > 1;
        const strong = hasStrongEvidence(c, dateShared);
        if (!strong && namesakes(recs.name[a].key, String(recs.birth[a]?.year ?? '')) > 1) continue;
        const decision = linkDecision(c, probability, opts.auto, dateShared);
        if (c.id === IdLevel.ONE_SLIP && decision === LinkDecision.AUTO) slips.add(slipKey(recs.idHash[a]!, recs.idHash[b]!));
        if (decision === LinkDecision.AUTO) edges.push({ a, b, weight: w });
        // The comparison (a shared pattern) is kept, not the explanation: that is written at the end.
        kept.set(a * recs.n + b, { a, b, decision, weight: w, probability, c });
      }
      lap('scoring');

      // The register as a bridge: records matching one resident unambiguously are that resident.
      const bridge = this.matchRegister(recs, residents, model, opts, freq);
      const byResident = new Map<number, number[]>();
      bridge.resident.forEach((r, i) => {
        if (r < 0) return;
        const list = byResident.get(r);
        if (list) list.push(i);
        else byResident.set(r, [i]);
      });
      let bridgeLinks = 0;
      for (const list of byResident.values())
        for (let k = 1; k < list.length; k++) {
          const a = Math.min(list[0], list[k]);
          const b = Math.max(list[0], list[k]);
          const weight = Math.min(bridge.weight[a], bridge.weight[b]);
          edges.push({ a, b, weight });
          bridgeLinks++;
          // A pair scored on its own keeps its explanation; the bridge decides over a review.
          const own = kept.get(a * recs.n + b);
          if (own) {
            if (own.decision === LinkDecision.REVIEW) own.decision = LinkDecision.BRIDGE;
          } else kept.set(a * recs.n + b, { a, b, decision: LinkDecision.BRIDGE, weight, probability: probabilityOf(weight), c: null });
        }
      lap('register');

      // People's decisions on pairs: a confirmed pair is linked, a rejected one never is.
      const reviews = await this.reviews(recs);
      for (const [a, b] of reviews.confirmed) {
        edges.push({ a, b, weight: 1e6 });
        if (recs.idHash[a] && recs.idHash[b]) slips.add(slipKey(recs.idHash[a], recs.idHash[b]));
      }
      // Persons: strongest links first, never two ID numbers in one person.
      const clusters = cluster(recs.n, edges, (i) => (recs.idKind[i] === 'CCCD' ? recs.idHash[i] : null), slips, reviews.cannotLink);
      const refusedSet = new Set(clusters.refused.map((e) => `${e.a}|${e.b}`));
      for (const k of kept.values())
        if (k.decision !== LinkDecision.REVIEW && refusedSet.has(`${k.a}|${k.b}`)) k.decision = LinkDecision.REFUSED;
      const personIds = assignPersonIds(recs.id, clusters.root, (i) => recs.previousPerson[i]);
      const keptList = [...kept.values()];
      const duplicates = this.duplicatesInOrg(recs, clusters.root);
      lap('clustering');

      const phantom = await this.phantomChecks(recs, residents, bridge, personIds, duplicates);
      lap('phantom');

      await this.store(
        runner,
        recs,
        personIds,
        bridge.verified,
        phantom,
        keptList,
        (k) => (k.c ? score(model, k.c, { nameKey: recs.name[k.a].key, birthKey: recs.birth[k.a]?.key ?? null }, freq).contributions : []),
        opts.onStored,
      );
      lap('store');

      const persons = new Map<string, Set<string>>();
      recs.id.forEach((_, i) => {
        const set = persons.get(personIds[i]) ?? new Set<string>();
        set.add(recs.org[i]);
        persons.set(personIds[i], set);
      });
      const summary: LinkSummary = {
        runId: run.id,
        records: recs.n,
        candidatePairs: patternOf.length,
        blocking,
        autoLinks: keptList.filter((k) => k.decision === LinkDecision.AUTO).length,
        reviewPairs: keptList.filter((k) => k.decision === LinkDecision.REVIEW).length,
        bridgeLinks,
        refusedLinks: clusters.refused.length,
        verifiedRecords: bridge.verified.filter(Boolean).length,
        persons: persons.size,
        multiOrganizationPersons: [...persons.values()].filter((s) => s.size > 1).length,
        duplicateInOrganization: duplicates.filter(Boolean).length,
        suspectedPhantoms: phantom.ao.filter((r, i) => r.length && recs.status[i] === (MemberStatus.ACTIVE as string)).length,
        model,
        seconds,
      };
      await this.db.query(`UPDATE link_run SET status = 'DONE', finished_at = now(), summary = $2 WHERE id = $1`, [
        run.id,
        JSON.stringify(summary),
      ]);
      return summary;
    } catch (e) {
      await this.db.query(`UPDATE link_run SET status = 'FAILED', finished_at = now(), summary = $2 WHERE id = $1`, [
        run.id,
        JSON.stringify({ failure: e instanceof Error ? e.message : String(e) }),
      ]);
      throw e;
    } finally {
      await runner.query(`DROP TABLE IF EXISTS link_rec`).catch(() => undefined);
    }
  }

  /** The records of the snapshot, read 100,000 at a time. */
  private async loadRecords(runner: { query: DataSource['query'] }): Promise<Records> {
    const [{ n }] = await runner.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM link_rec`);
    const recs: Records = {
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
      lastActivity: [],
      lastDues: [],
      profile: [],
      idIssues: [],
    };
    // The names of a province repeat: each distinct one is parsed once. Small strings are interned the same way.
    const names = new Map<string, LinkName>();
    const intern = new Map<string, string>();
    const shared = (x: string) => {
      let y = intern.get(x);
      if (y === undefined) intern.set(x, (y = x));
      return y;
    };
    const NO_CANDIDATES: string[] = [];
    const NO_PROFILE: Profile = {};
    const NO_ISSUES: IdNumberIssue[] = [];
    const communes = new Map<string, { code: string | null; candidates: string[] }>();
    for (let from = 0; from < n; from += 100_000) {
      const chunk = await runner.query<RecordRow[]>(
        `SELECT id, organization_code, status, full_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_date_precision, sex,
                encode(id_number_hash, 'base64') AS id_hash, id_kind, phone, commune_code, commune_candidates, previous_person,
                unit_id, to_char(join_date, 'YYYY-MM-DD') AS join_date, to_char(last_activity_date, 'YYYY-MM-DD') AS last_activity_date,
                to_char(last_dues_date, 'YYYY-MM-DD') AS last_dues_date, profile, id_issues
           FROM link_rec WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
        [from, from + 100_000],
      );
      for (const r of chunk) {
        recs.id.push(r.id);
        recs.org.push(shared(r.organization_code));
        recs.status.push(shared(r.status));
        let name = names.get(r.full_name);
        if (!name) names.set(r.full_name, (name = linkName(r.full_name)));
        recs.name.push(name);
        recs.birth.push(linkDate(r.birth_date, r.birth_date_precision));
        recs.sex.push(r.sex === null ? null : shared(r.sex));
        recs.idHash.push(r.id_hash);
        recs.idKind.push(r.id_kind === null ? null : shared(r.id_kind));
        recs.phone.push(r.phone);
        const ck = `${r.commune_code ?? ''}|${(r.commune_candidates ?? []).join(',')}`;
        let commune = communes.get(ck);
        if (!commune)
          communes.set(
            ck,
            (commune = { code: r.commune_code, candidates: r.commune_candidates?.length ? r.commune_candidates : NO_CANDIDATES }),
          );
        recs.commune.push(commune);
        recs.previousPerson.push(r.previous_person);
        recs.birthPrecision.push(r.birth_date_precision === null ? null : shared(r.birth_date_precision));
        recs.unit.push(r.unit_id);
        recs.joinDate.push(r.join_date);
        recs.lastActivity.push(r.last_activity_date);
        recs.lastDues.push(r.last_dues_date);
        recs.profile.push(Object.keys(r.profile ?? {}).length ? r.profile : NO_PROFILE);
        recs.idIssues.push(r.id_issues?.length ? r.id_issues : NO_ISSUES);
      }
    }
    return recs;
  }

  private async loadResidents(runner: { query: DataSource['query'] }): Promise<Residents> {
    const rows = await runner.query<
      {
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
      }[]
    >(
      `SELECT id, full_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_date_precision, sex,
              encode(id_number_hash, 'base64') AS id_hash, CASE length(id_number_masked) WHEN 12 THEN 'CCCD' WHEN 9 THEN 'CMND' END AS id_kind,
              commune_code, alive, to_char(death_date, 'YYYY-MM-DD') AS death_date
         FROM resident ORDER BY id`,
    );
    const names = new Map<string, LinkName>();
    return {
      n: rows.length,
      alive: rows.map((r) => r.alive),
      deathDate: rows.map((r) => r.death_date),
      communes: new Set(rows.map((r) => r.commune_code).filter((c): c is string => !!c)),
      id: rows.map((r) => r.id),
      name: rows.map((r) => {
        let n = names.get(r.full_name);
        if (!n) names.set(r.full_name, (n = linkName(r.full_name)));
        return n;
      }),
      birth: rows.map((r) => linkDate(r.birth_date, r.birth_date_precision)),
      sex: rows.map((r) => r.sex),
      idHash: rows.map((r) => r.id_hash),
      idKind: rows.map((r) => r.id_kind),
      commune: rows.map((r) => ({ code: r.commune_code, candidates: [] })),
    };
  }

  /** The union of the blocking rules' pairs, each pair once (a < b), as a flat array [a0, b0, a1, b1, …]. */
  private async candidatePairs(
    runner: { query: DataSource['query'] },
    n: number,
    maxBlock: number,
  ): Promise<{ pairs: Int32Array; blocking: BlockingRuleSummary[] }> {
    // Pair codes a·n + b (exact in a double below 2^53), sorted and made unique: a set of millions of
    // pairs in 8 bytes each.
    let codes = new Float64Array(1 << 20);
    let length = 0;
    const blocking: BlockingRuleSummary[] = [];
    for (const rule of RULES) {
      // Blocks that fit; larger ones are split by commune (a common name with a placeholder date
      // across a province), and what is still too large is counted, not silently dropped.
      const rows = await runner.query<{ seqs: number[] }[]>(
        `WITH b AS (
           SELECT ${rule.key}, count(*) AS n FROM link_rec WHERE ${rule.where} GROUP BY ${rule.key} HAVING count(*) > 1
         )
         SELECT array_agg(r.seq ORDER BY r.seq) AS seqs
           FROM link_rec r JOIN b USING (${rule.key}) WHERE ${rule.where} AND b.n <= ${maxBlock} GROUP BY ${rule.key}
         UNION ALL
         SELECT array_agg(r.seq ORDER BY r.seq)
           FROM link_rec r JOIN b USING (${rule.key}) WHERE ${rule.where} AND b.n > ${maxBlock} AND r.commune_code IS NOT NULL
          GROUP BY ${rule.key}, r.commune_code HAVING count(*) > 1`,
      );
      const summary: BlockingRuleSummary = { rule: rule.name, blocks: 0, pairs: 0, oversizedBlocks: 0, oversizedRecords: 0 };
      for (const { seqs } of rows) {
        if (seqs.length > maxBlock) {
          summary.oversizedBlocks++;
          summary.oversizedRecords += seqs.length;
          continue;
        }
        summary.blocks++;
        const more = (seqs.length * (seqs.length - 1)) / 2;
        if (length + more > codes.length) {
          const bigger = new Float64Array(Math.max(codes.length * 2, length + more));
          bigger.set(codes.subarray(0, length));
          codes = bigger;
        }
        for (let i = 0; i < seqs.length; i++) for (let j = i + 1; j < seqs.length; j++) codes[length++] = seqs[i] * n + seqs[j];
        summary.pairs += more;
      }
      blocking.push(summary);
    }
    const sorted = codes.subarray(0, length).sort();
    let unique = 0;
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[unique++] = sorted[k];
    const pairs = new Int32Array(unique * 2);
    for (let k = 0; k < unique; k++) {
      const a = Math.floor(sorted[k] / n);
      pairs[2 * k] = a;
      pairs[2 * k + 1] = sorted[k] - a * n;
    }
    return { pairs, blocking };
  }

  /** Clear 12-digit numbers, only of records whose pairs have two different numbers (to tell a slip from another person). */
  private async clearIdsFor(runner: { query: DataSource['query'] }, recs: Records, pairs: Int32Array): Promise<Map<number, string>> {
    const need = new Set<number>();
    for (let k = 0; k < pairs.length; k += 2) {
      const a = pairs[k];
      const b = pairs[k + 1];
      if (recs.idKind[a] === 'CCCD' && recs.idKind[b] === 'CCCD' && recs.idHash[a] && recs.idHash[b] && recs.idHash[a] !== recs.idHash[b]) {
        need.add(a);
        need.add(b);
      }
    }
    const out = new Map<number, string>();
    const list = [...need];
    for (let k = 0; k < list.length; k += 20_000) {
      const chunk = list.slice(k, k + 20_000);
      const rows = await runner.query<{ seq: number; sealed: Buffer }[]>(
        `SELECT l.seq, r.id_number_sealed AS sealed FROM link_rec l JOIN member_record r ON r.id = l.id WHERE l.seq = ANY($1)`,
        [chunk],
      );
      for (const r of rows) if (r.sealed) out.set(r.seq, this.vault.open(r.sealed));
    }
    return out;
  }

  private compareRecords(recs: Records, a: number, b: number, digits: Map<number, string>, withIds = true): Comparison {
    return {
      name: compareNames(recs.name[a], recs.name[b]),
      birth: compareBirth(recs.birth[a], recs.birth[b]),
      sex: compareValues(recs.sex[a], recs.sex[b]),
      id: compareIds({ hash: recs.idHash[a], kind: recs.idKind[a] }, { hash: recs.idHash[b], kind: recs.idKind[b] }, () => {
        const x = digits.get(a);
        const y = digits.get(b);
        // Random pairs (for u) have no clear digits: two numbers that differ count as different.
        return withIds && x && y ? [x, y] : null;
      }),
      phone: compareValues(recs.phone[a], recs.phone[b]),
      commune: compareCommunes(recs.commune[a], recs.commune[b]),
      organization: recs.org[a] === recs.org[b] ? SimpleLevel.SAME : SimpleLevel.DIFFERENT,
    };
  }

  /**
   * Each record against the register: an equal ID number, or else the residents of the same name
   * and birth year scored with the model. One resident clearly above the rest verifies the record;
   * several close ones (namesakes with placeholder dates) bridge nothing.
   */
  private matchRegister(
    recs: Records,
    res: Residents,
    model: Model,
    opts: typeof DEFAULT_LINK_OPTIONS,
    freq: Frequencies,
  ): { resident: Int32Array; weight: Float64Array; verified: boolean[]; kind: Uint8Array } {
    const resident = new Int32Array(recs.n).fill(-1);
    const weight = new Float64Array(recs.n);
    const verified = new Array<boolean>(recs.n).fill(false);
    // What the register says of each record (for the phantom checks): 0 not covered, 1 no resident fits, 2 several, 3 matched.
    const kind = new Uint8Array(recs.n);
    if (!res.n) return { resident, weight, verified, kind };
    const byId = new Map<string, number[]>();
    const byNameYear = new Map<string, number[]>();
    for (let r = 0; r < res.n; r++) {
      const id = res.idHash[r];
      if (id) byId.set(id, [...(byId.get(id) ?? []), r]);
      const key = `${res.name[r].key}|${res.birth[r]?.year ?? ''}`;
      const list = byNameYear.get(key);
      if (list) list.push(r);
      else byNameYear.set(key, [r]);
    }
    // Weights from patterns (the same as `score`, without building explanations for every candidate).
    const table = new PatternTable();
    const weights: ReturnType<typeof patternWeight>[] = [];
    const nameTf = new Map<string, number>();
    const birthTf = new Map<string, number>();
    const pairWeight = (c: Comparison, nameKey: string, birthKey: string | null) => {
      const k = table.add(c);
      const pw = (weights[k] ??= patternWeight(model, c));
      let w = pw.base;
      if (pw.nameTf) w += cached(nameTf, nameKey, () => tfAdjustment(model.u.name.SAME, freq.name(nameKey), freq.total));
      if (pw.birthTf && birthKey)
        w += cached(birthTf, birthKey, () => tfAdjustment(model.u.birth.SAME_DAY, freq.birth(birthKey), freq.total));
      return w;
    };
    for (let i = 0; i < recs.n; i++) {
      const id = recs.idHash[i];
      const sameId = id ? (byId.get(id) ?? []) : [];
      if (sameId.length === 1 && recs.idKind[i] === res.idKind[sameId[0]]) {
        resident[i] = sameId[0];
        weight[i] = 30;
        verified[i] = true;
        kind[i] = 3;
        continue;
      }
      const candidates = byNameYear.get(`${recs.name[i].key}|${recs.birth[i]?.year ?? ''}`);
      // Union members and others who may live elsewhere are looked for province-wide.
      const c = recs.commune[i];
      const covered = (c.code ? res.communes.has(c.code) : c.candidates.some((x) => res.communes.has(x))) || recs.org[i] === 'CD';
      kind[i] = candidates || sameId.length ? 2 : covered ? 1 : 0;
      if (!candidates) continue;
      let best = -1;
      let bestP = 0;
      let secondP = 0;
      let bestW = 0;
      let bestStrong = false;
      let bestC: Comparison | null = null;
      for (const r of candidates) {
        const c: Comparison = {
          name: compareNames(recs.name[i], res.name[r]),
          birth: compareBirth(recs.birth[i], res.birth[r]),
          sex: compareValues(recs.sex[i], res.sex[r]),
          // A record with a number that the register does not have under this name: not this resident.
          id: compareIds({ hash: id, kind: recs.idKind[i] }, { hash: res.idHash[r], kind: res.idKind[r] }, () => null),
          phone: SimpleLevel.MISSING,
          commune: compareCommunes(recs.commune[i], res.commune[r]),
          organization: SimpleLevel.MISSING,
        };
        const w = pairWeight(c, recs.name[i].key, recs.birth[i]?.key ?? null);
        const p = probabilityOf(w);
        if (p > bestP) {
          secondP = bestP;
          bestP = p;
          best = r;
          bestW = w;
          bestStrong = hasStrongEvidence(c) && c.name !== NameLevel.DIFFERENT;
          bestC = c;
        } else if (p > secondP) secondP = p;
      }
      // Unambiguous: one resident clearly above the rest, on more than name, year and commune —
      // or the only resident of that name and year in the register.
      const unique = candidates.length === 1;
      const uniqueFits = (c: Comparison | null) => !!c && c.commune === SimpleLevel.SAME && c.birth === BirthLevel.SAME_YEAR;
      if (best >= 0 && bestP >= opts.auto && secondP < opts.review && (bestStrong || (unique && uniqueFits(bestC)))) {
        resident[i] = best;
        weight[i] = bestW;
        verified[i] = true;
        kind[i] = 3;
      }
    }
    return { resident, weight, verified, kind };
  }

  /** Records whose person has another ACTIVE record in the same organization (a temporary listing is no duplicate). */
  private duplicatesInOrg(recs: Records, root: Int32Array): boolean[] {
    const out = new Array<boolean>(recs.n).fill(false);
    const seen = new Map<string, number>();
    for (let i = 0; i < recs.n; i++) {
      if (recs.status[i] !== (MemberStatus.ACTIVE as string)) continue;
      const key = `${root[i]}|${recs.org[i]}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else out[first] = out[i] = true;
    }
    return out;
  }

  /** The run's result replaces the previous one in one short transaction that no reader waits for (`link-store.ts`). */
  private async store(
    runner: QueryRunner,
    recs: Records,
    personIds: string[],
    verified: boolean[],
    phantom: { flags: Flag[][]; ao: FlagCode[][] },
    kept: Kept[],
    contributions: (k: Kept) => Contribution[],
    beforeCommit?: () => Promise<void>,
  ): Promise<void> {
    await storeLinkResult(
      runner,
      {
        record_person: (function* () {
          for (let i = 0; i < recs.n; i++)
            yield [
              recs.id[i],
              personIds[i],
              verified[i],
              phantom.flags[i].map((f) => f.code).sort(),
              phantom.ao[i].length > 0,
              phantom.ao[i],
            ];
        })(),
        record_flag: (function* () {
          for (let i = 0; i < recs.n; i++)
            for (const f of phantom.flags[i]) yield [recs.id[i], f.code, f.severity, f.message, JSON.stringify(f.evidence)];
        })(),
        // Streamed: the explanations of a million pairs are never all in memory at once.
        record_link: (function* () {
          for (const x of kept)
            yield [
              recs.id[x.a],
              recs.id[x.b],
              x.decision,
              x.probability,
              Math.round(x.weight * 100) / 100,
              JSON.stringify(contributions(x)),
            ];
        })(),
      },
      beforeCommit,
    );
  }

  /**
   * The phantom checks of every record (`phantom.ts`), from the record, the register match and the
   * persons just found; a flag a person marked a false alarm is not raised again.
   */
  private async phantomChecks(
    recs: Records,
    res: Residents,
    bridge: { resident: Int32Array; kind: Uint8Array },
    personIds: string[],
    duplicates: boolean[],
  ): Promise<{ flags: Flag[][]; ao: FlagCode[][] }> {
    const today = todayInVietnam();
    const defs = new Map<string, OrganizationDefinition>();
    for (const org of new Set(recs.org)) defs.set(org, await this.records.organizationForRecords(org));
    const suppressed = new Set(
      (
        await this.db.query<{ record_id: string; code: string }[]>(
          `SELECT record_id, code FROM flag_resolution WHERE resolution = 'FALSE_ALARM'`,
        )
      ).map((r) => `${r.record_id}|${r.code}`),
    );
    const personsOfPhone = new Map<string, Set<string>>();
    const orgsOfPerson = new Map<string, Set<string>>();
    for (let i = 0; i < recs.n; i++) {
      const phone = recs.phone[i];
      if (phone) personsOfPhone.set(phone, (personsOfPhone.get(phone) ?? new Set<string>()).add(personIds[i]));
      if (recs.status[i] === (MemberStatus.ACTIVE as string))
        orgsOfPerson.set(personIds[i], (orgsOfPerson.get(personIds[i]) ?? new Set<string>()).add(recs.org[i]));
    }
    const bare = (i: number) => !recs.idHash[i] && !recs.phone[i] && !recs.lastActivity[i] && !recs.lastDues[i];
    const burst = bursts(recs.id.map((_, i) => ({ unit: recs.unit[i], joinDate: recs.joinDate[i], bare: bare(i) })));
    const flags: Flag[][] = [];
    const ao: FlagCode[][] = [];
    for (let i = 0; i < recs.n; i++) {
      const r = bridge.resident[i];
      const facts: PhantomFacts = {
        organization: defs.get(recs.org[i])!,
        status: recs.status[i] as MemberStatus,
        birthDate: recs.birth[i]
          ? `${recs.birth[i]!.year}-${String(recs.birth[i]!.month).padStart(2, '0')}-${String(recs.birth[i]!.day).padStart(2, '0')}`
          : null,
        birthDatePrecision: recs.birthPrecision[i],
        sex: recs.sex[i] as 'MALE' | 'FEMALE' | null,
        joinDate: recs.joinDate[i],
        profile: recs.profile[i],
        lastActivityDate: recs.lastActivity[i],
        lastDuesDate: recs.lastDues[i],
        hasIdNumber: !!recs.idHash[i],
        idIssues: recs.idIssues[i],
        idMalformed: false,
        hasPhone: !!recs.phone[i],
        register:
          bridge.kind[i] === 3 && r >= 0
            ? { kind: 'MATCHED', alive: res.alive[r], deathDate: res.deathDate[r] }
            : bridge.kind[i] === 2
              ? { kind: 'AMBIGUOUS', residents: 2 }
              : bridge.kind[i] === 1
                ? { kind: 'NO_MATCH' }
                : { kind: 'NOT_COVERED' },
        phoneShared: recs.phone[i] ? personsOfPhone.get(recs.phone[i]!)!.size : 0,
        burst: burst[i],
        duplicateInOrg: duplicates[i],
        organizationsOfPerson: orgsOfPerson.get(personIds[i])?.size ?? 0,
      };
      const own = phantomFlags(facts, today).filter((f) => !suppressed.has(`${recs.id[i]}|${f.code}`));
      flags.push(own);
      ao.push(suspicion(own, facts));
    }
    return { flags, ao };
  }

  /** The decisions people took on pairs of the snapshot's records. */
  private async reviews(recs: Records): Promise<{ confirmed: [number, number][]; cannotLink: Map<number, number[]> }> {
    const rows = await this.db.query<{ record_a: string; record_b: string; decision: ReviewDecision }[]>(
      `SELECT record_a, record_b, decision FROM link_review`,
    );
    const out = { confirmed: [] as [number, number][], cannotLink: new Map<number, number[]>() };
    if (!rows.length) return out;
    const seq = new Map(recs.id.map((id, i) => [id, i]));
    for (const r of rows) {
      const x = seq.get(r.record_a);
      const y = seq.get(r.record_b);
      if (x === undefined || y === undefined) continue; // a record no longer linked (ended, erased)
      const [a, b] = x < y ? [x, y] : [y, x];
      if (r.decision === ReviewDecision.CONFIRM) out.confirmed.push([a, b]);
      else {
        out.cannotLink.set(a, [...(out.cannotLink.get(a) ?? []), b]);
        out.cannotLink.set(b, [...(out.cannotLink.get(b) ?? []), a]);
      }
    }
    return out;
  }

  /** The audit file (`org,ma_ho_so,person_id,ao,flags`, UTF-8, for programs): the number of rows written (the export is logged). */
  async writeAudit(out: string, caller: Principal): Promise<number> {
    const rows = await this.auditRows();
    await writeMachineCsv(
      out,
      ['org', 'ma_ho_so', 'person_id', 'ao', 'flags'],
      rows.map((r) => [r.org, r.code, r.personId, String(r.ao), r.flags.join(';')]),
    );
    await this.audit.record(caller, { action: AuditAction.EXPORT, subjectType: 'AUDIT_FILE', detail: { rows: rows.length } });
    return rows.length;
  }

  /** The pairs kept for a record (linked, to review, refused), each with its explanation in Vietnamese. */
  async explanations(recordId: string): Promise<{ other: string; decision: LinkDecision; probability: number; explanation: string }[]> {
    const rows = await this.db.query<
      { other: string; decision: LinkDecision; probability: number; weight: number; contributions: Contribution[] }[]
    >(
      `SELECT CASE WHEN record_a = $1 THEN record_b ELSE record_a END AS other, decision, probability, weight, contributions
         FROM record_link WHERE record_a = $1 OR record_b = $1 ORDER BY weight DESC`,
      [recordId],
    );
    return rows.map((r) => ({
      other: r.other,
      decision: r.decision,
      probability: r.probability,
      explanation:
        r.decision === LinkDecision.BRIDGE && !r.contributions.length
          ? `Cả hai hồ sơ khớp cùng một người trong CSDL dân cư (và chỉ người đó): ${VERDICTS[r.decision]}.`
          : explain(r, VERDICTS[r.decision]),
    }));
  }

  /**
   * The audit file's rows: one per ACTIVE member record, with its person (a record the linker has
   * not seen yet is its own person), whether it is a suspected phantom, and its flags.
   */
  async auditRows(): Promise<{ org: string; code: string; personId: string; ao: 0 | 1; flags: string[] }[]> {
    const rows = await this.db.query<
      { id: string; org: string; code: string; person_id: string | null; flags: string[] | null; ao: boolean | null }[]
    >(
      `SELECT r.id, r.organization_code AS org, r.external_id AS code, p.person_id, p.flags, p.ao
         FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id
        WHERE r.status = 'ACTIVE' AND r.erased_at IS NULL
        ORDER BY r.organization_code, r.external_id`,
    );
    return rows.map((r) => ({
      org: r.org,
      code: r.code,
      personId: r.person_id ?? newPersonId(r.id),
      ao: r.ao ? 1 : 0,
      flags: r.flags ?? [],
    }));
  }
}

const VERDICTS: Record<LinkDecision, string> = {
  AUTO: 'đã liên kết tự động thành một người',
  REVIEW: 'cần cán bộ xem xét',
  BRIDGE: 'liên kết qua CSDL dân cư',
  REFUSED: 'không liên kết vì một người không thể có hai số định danh',
};

function cached(cache: Map<string, number>, key: string, compute: () => number): number {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = compute()));
  return v;
}

/**
 * Whether a scored pair links by itself or waits for a person: it needs the probability, strong
 * evidence, and no contradiction a person must see — two 12-digit numbers that differ in two
 * places or more, or two different names without the same number.
 */
export function linkDecision(
  c: Comparison,
  probability: number,
  auto: number,
  dateShared = false,
): LinkDecision.AUTO | LinkDecision.REVIEW {
  const nameAllows = c.name !== NameLevel.DIFFERENT || c.id === IdLevel.SAME;
  return probability >= auto && hasStrongEvidence(c, dateShared) && nameAllows && c.id !== IdLevel.DIFFERENT
    ? LinkDecision.AUTO
    : LinkDecision.REVIEW;
}

/**
 * What namesakes do not share: a number, a phone — or the same name with the same full birth
 * date in the same commune (unless the register knows two people with that name and date). A
 * name one letter off, or born the same day in another commune, is for a person to judge: in a
 * province of a million, thousands of different people share a birth date and a near name.
 */
function hasStrongEvidence(c: Comparison, dateShared = false): boolean {
  return (
    c.id === IdLevel.SAME ||
    c.id === IdLevel.ONE_SLIP ||
    c.phone === SimpleLevel.SAME ||
    (!dateShared &&
      c.name === NameLevel.SAME &&
      c.commune === SimpleLevel.SAME &&
      (c.birth === BirthLevel.SAME_DAY || c.birth === BirthLevel.SWAPPED))
  );
}

/**
 * How many different people are known to bear a name with a birth date (`yyyy-mm-dd`) or in a
 * birth year (`yyyy`): residents of the register, or records with different 12-digit numbers,
 * whichever says more.
 */
function namesakeCounter(recs: Records, res: Residents): (nameKey: string, birthKey: string) => number {
  const register = new Map<string, number>();
  const add = (k: string) => register.set(k, (register.get(k) ?? 0) + 1);
  for (let r = 0; r < res.n; r++) {
    const b = res.birth[r];
    add(`${res.name[r].key}|${b?.year ?? ''}`);
    if (b && !b.yearOnly) add(`${res.name[r].key}|${b.key}`);
  }
  const numbers = new Map<string, Set<string>>();
  const addNumber = (k: string, id: string) => {
    const set = numbers.get(k) ?? new Set<string>();
    set.add(id);
    numbers.set(k, set);
  };
  for (let i = 0; i < recs.n; i++) {
    if (recs.idKind[i] !== 'CCCD' || !recs.idHash[i]) continue;
    const b = recs.birth[i];
    addNumber(`${recs.name[i].key}|${b?.year ?? ''}`, recs.idHash[i]!);
    if (b && !b.yearOnly) addNumber(`${recs.name[i].key}|${b.key}`, recs.idHash[i]!);
  }
  return (nameKey, birthKey) => {
    const k = `${nameKey}|${birthKey}`;
    return Math.max(register.get(k) ?? 0, numbers.get(k)?.size ?? 0);
  };
}

/** How many records share each name key and each exact birth date (for the frequency adjustment). */
function frequencies(recs: Records): Frequencies {
  const names = new Map<string, number>();
  const births = new Map<string, number>();
  for (let i = 0; i < recs.n; i++) {
    names.set(recs.name[i].key, (names.get(recs.name[i].key) ?? 0) + 1);
    const b = recs.birth[i];
    if (b && !b.yearOnly) births.set(b.key, (births.get(b.key) ?? 0) + 1);
  }
  return { total: recs.n, name: (k) => names.get(k) ?? 1, birth: (k) => births.get(k) ?? 1 };
}
