import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden, type Principal } from '../access/principal.js';
import { readScope, scopeWhere } from '../access/record-scope.js';
import { Role } from '../access/role.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { assertUuid, DomainError } from '../common/errors/domain-error.js';
import { catchUpFailure } from './catch-up-outcome.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import type { EligiblePopulation } from '../membership/organization/organization-definition.js';
import { resolveScope, type ScopeFilter } from '../membership/unit/record-scope-filter.js';
import { asOf, lastEndedPeriod, parsePeriod, previousPeriod, REPORT_TIME_ZONE, type Period } from '../common/dates/period.js';
import { basisLine, needsComputing, provisionalReason, type SnapshotState } from './report-basis.js';
import { ReportSnapshot } from './report.entities.js';
import { rate, type OrganizationFigures, type OrgCountSplit, type ReportData } from './report-figures.js';

/** The advisory lock (two keys: "LT", 8) that lets one instance compute a report at a time. */
const REPORT_LOCK = [0x4c54, 8] as const;

/** The day an event took effect: its decision date, or the day it was recorded in Vietnam. */
const EVENT_DAY = `coalesce(e.effective_date, (e.recorded_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date)`;

export type ReportStage = 'counted' | 'written';

export interface RunOptions {
  /** The clock: tests and the scheduler pass it, so "now" is explicit. */
  now?: Date;
  /** Who asked; none for the schedule. */
  caller?: Principal;
  /** A test's window into the transaction: after counting, and after writing but before commit. */
  onStage?: (stage: ReportStage) => Promise<void>;
}

export interface CatchUpResult {
  period: string;
  scope: string;
  outcome: 'COMPUTED' | 'PRESENT' | 'BUSY' | 'FAILED';
  message?: string;
  /** For a computed one: what it was computed from, final or provisional (one line for the log). */
  basis?: string;
}

export interface ReportRowView {
  organizationCode: string;
  communeCode: string | null;
  communeName: string | null;
  memberships: number;
  people: number;
  duplicateRecords: number;
  withoutIdNumber: number;
  suspectedPhantoms: number;
  joiners: number;
  leavers: number;
  eligible: number | null;
  /** The row's people not suspected of being phantoms, where `eligible` is known. */
  reached: number | null;
  /** `reached` against the commune's eligible population (null: the register cannot say). */
  rate: number | null;
}

export interface ReportPhantomView {
  recordId: string;
  organizationCode: string;
  externalId: string;
  fullName: string;
  birthYear: number | null;
  communeCode: string | null;
  communeName: string | null;
  unitCode: string | null;
  unitName: string | null;
  reasons: string[];
}

type Move = { org: string; commune: string | null; joiners: number; leavers: number };

interface Count {
  org: string;
  commune: string | null;
  memberships: number;
  people: number;
  without_id: number;
  phantoms: number;
  real_people: number;
}

/**
 * Who may compute a report on demand: ADMIN and Ban Dân vận any; a secretariat its own
 * organization (or, kept to a unit, that unit) — the report its leadership sends up.
 */
export function assertMayRun(caller: Principal, scope: ScopeFilter): void {
  if (caller.role === Role.ADMIN || caller.role === Role.DAN_VAN) return;
  if (caller.role === Role.SECRETARIAT && caller.organization) {
    const own = caller.unitPath === null ? `org:${caller.organization}` : `unit:${caller.organization}/${caller.unitCode}`;
    if (scope.key === own) return;
    throw forbidden(`lập báo cáo phạm vi ${scope.key}; tài khoản này chỉ lập được báo cáo phạm vi ${own}`);
  }
  throw forbidden('lập báo cáo');
}

/**
 * Reconciliation reports: the figures of a period and scope, counted in PostgreSQL over the
 * memberships ACTIVE at the period's end (or now, while it runs) and the persons of the last linker
 * run, kept as a snapshot that a re-run replaces in one transaction.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly db: DataSource,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Computes (or recomputes) the report of a period and scope. Only one report runs at a time in
   * the whole installation (an advisory lock): a second caller gets a CONFLICT error at once.
   */
  async run(periodText: string, scopeText: string | null | undefined, opts: RunOptions): Promise<ReportSnapshot> {
    const period = parsePeriod(periodText);
    const now = opts.now ?? new Date();
    const when = asOf(period, now);
    const started = Date.now();
    if (opts.caller) assertMayRun(opts.caller, await resolveScope(this.db, scopeText));
    await this.orgs.reload();
    const id = await this.db.transaction(async (em) => {
      const [{ ok }] = await em.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1, $2) AS ok`, [...REPORT_LOCK]);
      if (!ok)
        throw new DomainError(
          'CONFLICT',
          'Một báo cáo khác đang được lập (ở máy chủ này hoặc máy khác): chờ xong rồi chạy lại.',
          [],
          'REPORT_BUSY',
        );
      const scope = await resolveScope(em, scopeText);
      const { data, moves, reach, byOrgCommune } = await this.count(em, period, when, scope);
      const rows = this.rowsOf(byOrgCommune, data, moves, reach.byCommune);
      await opts.onStage?.('counted');
      await em.query(`DELETE FROM report_snapshot WHERE period = $1 AND scope = $2`, [period.key, scope.key]);
      const [{ id }] = await em.query<{ id: string }[]>(
        `INSERT INTO report_snapshot (period, period_kind, scope, scope_label, as_of_day, final, computed_at, computed_by, seconds, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          period.key,
          period.kind,
          scope.key,
          scope.label,
          when.day,
          // Final once the period is over and its persons come from a linker run finished after it.
          when.final && provisionalReason(period, now, data.linkRun) === null,
          now,
          opts.caller?.name ?? 'schedule',
          (Date.now() - started) / 1000,
          data,
        ],
      );
      await em.query(
        `INSERT INTO report_row (snapshot_id, organization_code, commune_code, memberships, people, duplicate_records, without_id_number,
                                 suspected_phantoms, joiners, leavers, eligible, reached)
         SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[],
                                  $11::int[], $12::int[])`,
        [
          id,
          rows.map((r) => r.organizationCode),
          rows.map((r) => r.communeCode),
          rows.map((r) => r.memberships),
          rows.map((r) => r.people),
          rows.map((r) => r.duplicateRecords),
          rows.map((r) => r.withoutIdNumber),
          rows.map((r) => r.suspectedPhantoms),
          rows.map((r) => r.joiners),
          rows.map((r) => r.leavers),
          rows.map((r) => r.eligible),
          rows.map((r) => r.reached),
        ],
      );
      await em.query(
        `INSERT INTO report_phantom (snapshot_id, record_id, organization_code, commune_code, reasons)
         SELECT $1, id, org, commune, reasons FROM rep WHERE in_scope AND ao`,
        [id],
      );
      await em.query(`UPDATE report_snapshot SET seconds = $2 WHERE id = $1`, [id, (Date.now() - started) / 1000]);
      await this.audit.record(
        opts.caller ?? { kind: 'SERVICE', id: null, name: 'schedule', role: null },
        {
          action: AuditAction.REPORT_COMPUTED,
          subjectType: 'REPORT',
          subjectId: id,
          organization: scope.organization,
          detail: { period: period.key, scope: scope.key, memberships: data.totals.memberships },
        },
        em,
      );
      await opts.onStage?.('written');
      return id;
    });
    return this.db.getRepository(ReportSnapshot).findOneByOrFail({ id });
  }

  /**
   * What the schedule asks for, as of `now`: for each configured kind and scope, the last period
   * that has ended — computed if it has no snapshot, or a provisional one that can now be better
   * (`needsComputing`). Periods missed before it are not
   * caught up (nobody asked for them; `lienthong report` computes any on demand).
   */
  async catchUp(now: Date, kinds = this.config.reportSchedule, scopes = this.config.reportScopes): Promise<CatchUpResult[]> {
    const out: CatchUpResult[] = [];
    for (const kind of kinds)
      for (const scopeText of scopes) {
        const period = lastEndedPeriod(kind, now);
        let scope = scopeText;
        try {
          scope = (await resolveScope(this.db, scopeText)).key;
          const [present] = await this.db.query<SnapshotState[]>(
            `SELECT s.final, s.computed_at < $3 AS "beforeEnd",
                    EXISTS (SELECT 1 FROM link_run l WHERE l.status = 'DONE' AND l.finished_at > s.computed_at AND l.finished_at >= $3) AS "newerLinkRun"
               FROM report_snapshot s WHERE s.period = $1 AND s.scope = $2`,
            [period.key, scope, period.end],
          );
          if (!needsComputing(present)) {
            out.push({ period: period.key, scope, outcome: 'PRESENT' });
            continue;
          }
          const computed = await this.run(period.key, scope, { now });
          out.push({ period: period.key, scope, outcome: 'COMPUTED', basis: basisLine(computed) });
        } catch (e) {
          // One bad scope in the configuration (or one failure) does not stop the others.
          const outcome = catchUpFailure(e);
          if (outcome === 'FAILED') this.logger.error(`báo cáo ${period.key} ${scope}: ${(e as Error).message}`);
          out.push({ period: period.key, scope, outcome, message: (e as Error).message });
        }
      }
    return out;
  }

  // ——— reading ———

  async list(f: { period?: string | null; scope?: string | null; first?: number | null }): Promise<ReportSnapshot[]> {
    const qb = this.db.getRepository(ReportSnapshot).createQueryBuilder('s');
    if (f.period) qb.andWhere('s.period = :p', { p: parsePeriod(f.period).key });
    if (f.scope) qb.andWhere('s.scope = :s', { s: (await resolveScope(this.db, f.scope)).key });
    return qb
      .orderBy('s.as_of_day', 'DESC')
      .addOrderBy('s.period_kind', 'ASC')
      .addOrderBy('s.scope', 'ASC')
      .take(Math.min(200, Math.max(1, f.first ?? 50)))
      .getMany();
  }

  async get(id: string): Promise<ReportSnapshot> {
    assertUuid('id', id);
    const s = await this.db.getRepository(ReportSnapshot).findOneBy({ id });
    if (!s) throw DomainError.notFound('báo cáo', id);
    return s;
  }

  async find(periodText: string, scopeText?: string | null): Promise<ReportSnapshot> {
    const period = parsePeriod(periodText);
    const scope = await resolveScope(this.db, scopeText);
    const s = await this.db.getRepository(ReportSnapshot).findOneBy({ period: period.key, scope: scope.key });
    if (!s)
      throw new DomainError('NOT_FOUND', `Chưa có báo cáo ${period.label} (${scope.label}): lập bằng runReport hoặc lienthong report.`);
    return s;
  }

  /** The report of the period before, same scope, if it was computed. */
  async previous(s: ReportSnapshot): Promise<ReportSnapshot | null> {
    return this.db.getRepository(ReportSnapshot).findOneBy({ period: previousPeriod(parsePeriod(s.period)).key, scope: s.scope });
  }

  /** The reports of the same kind and scope up to this one, oldest first (the trend chart). */
  async trend(s: ReportSnapshot, count = 8): Promise<ReportSnapshot[]> {
    const rows = await this.db
      .getRepository(ReportSnapshot)
      .createQueryBuilder('s')
      .where('s.scope = :scope AND s.period_kind = :kind AND s.as_of_day <= :day', { scope: s.scope, kind: s.periodKind, day: s.asOfDay })
      .orderBy('s.as_of_day', 'DESC')
      .take(count)
      .getMany();
    return rows.reverse();
  }

  async rows(
    snapshotId: string,
    f: { organization?: string | null; commune?: string | null; first?: number | null; offset?: number | null } = {},
  ): Promise<{ totalCount: number; nodes: ReportRowView[] }> {
    assertUuid('report', snapshotId);
    const params: unknown[] = [snapshotId];
    const where = ['w.snapshot_id = $1'];
    if (f.organization) where.push(`w.organization_code = $${params.push(f.organization.toUpperCase())}`);
    if (f.commune) where.push(`w.commune_code = $${params.push(f.commune)}`);
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM report_row w WHERE ${where.join(' AND ')}`,
      params,
    );
    const limit = f.first === undefined || f.first === null ? 'ALL' : String(Math.min(10_000, Math.max(1, f.first)));
    const rows = await this.db.query<Omit<ReportRowView, 'rate'>[]>(
      `SELECT w.organization_code AS "organizationCode", w.commune_code AS "communeCode", c.name AS "communeName", w.memberships, w.people,
              w.duplicate_records AS "duplicateRecords", w.without_id_number AS "withoutIdNumber", w.suspected_phantoms AS "suspectedPhantoms",
              w.joiners, w.leavers, w.eligible, w.reached
         FROM report_row w LEFT JOIN commune c ON c.code = w.commune_code
        WHERE ${where.join(' AND ')}
        ORDER BY w.commune_code NULLS LAST, w.organization_code LIMIT ${limit} OFFSET $${params.push(Math.max(0, f.offset ?? 0))}`,
      params,
    );
    return {
      totalCount: n,
      nodes: rows.map((r) => ({ ...r, rate: r.eligible === null || r.reached === null ? null : rate(r.reached, r.eligible) })),
    };
  }

  /**
   * The suspected phantoms of a report with names and reasons (never ID numbers), as far as the
   * caller may read records; the read is logged.
   */
  async phantoms(
    snapshotId: string,
    caller: Principal,
    f: {
      organization?: string | null;
      commune?: string | null;
      reason?: string | null;
      first?: number | null;
      offset?: number | null;
    } = {},
  ): Promise<ReportPhantomView[]> {
    assertUuid('report', snapshotId);
    const scope = readScope(caller);
    if (scope.kind === 'NONE') return [];
    const params: unknown[] = [snapshotId];
    const where = ['x.snapshot_id = $1', 'r.erased_at IS NULL'];
    scopeWhere(scope, where, params, { organization: 'x.organization_code', unitPath: 'u.path' });
    if (f.organization) where.push(`x.organization_code = $${params.push(f.organization.toUpperCase())}`);
    if (f.commune) where.push(`x.commune_code = $${params.push(f.commune)}`);
    if (f.reason) where.push(`$${params.push(f.reason)} = ANY(x.reasons)`);
    const limit = f.first === undefined || f.first === null ? 'ALL' : String(Math.min(100_000, Math.max(1, f.first)));
    const rows = await this.db.query<ReportPhantomView[]>(
      `SELECT x.record_id AS "recordId", x.organization_code AS "organizationCode", r.external_id AS "externalId", r.full_name AS "fullName",
              extract(year FROM r.birth_date)::int AS "birthYear", x.commune_code AS "communeCode", c.name AS "communeName",
              u.code AS "unitCode", u.name AS "unitName", x.reasons
         FROM report_phantom x JOIN member_record r ON r.id = x.record_id
         LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN commune c ON c.code = x.commune_code
        WHERE ${where.join(' AND ')}
        ORDER BY x.organization_code, x.commune_code NULLS LAST, r.name_folded, r.external_id, x.record_id
        LIMIT ${limit} OFFSET $${params.push(Math.max(0, f.offset ?? 0))}`,
      params,
    );
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'REPORT',
      subjectId: snapshotId,
      organization: scope.kind === 'ORGANIZATION' ? scope.organization : null,
      detail: { suspectedPhantoms: rows.length },
    });
    return rows;
  }

  // ——— counting ———

  /** Every ACTIVE membership at the day (in `rep`), flagged for the scope, with its person and suspicion. */
  private async snapshotMemberships(em: EntityManager, period: Period, when: { day: string; final: boolean }, scope: ScopeFilter) {
    const cond = scope.condition(1);
    const p = cond.params.length + 1;
    // While the period runs, the records' own status is the truth; once it is over, the status at its
    // last day comes from the dated history (a record without any history counts as it is now).
    // One pass over the history (the latest status-bearing event of each record by the day), joined
    // once — not a lookup per record.
    const history = when.final
      ? `LEFT JOIN (SELECT DISTINCT ON (e.record_id) e.record_id, e.to_status FROM membership_event e
                     WHERE e.to_status IS NOT NULL AND ${EVENT_DAY} <= $${p}::date
                     ORDER BY e.record_id, ${EVENT_DAY} DESC, e.recorded_at DESC) st ON st.record_id = r.id`
      : '';
    const active = when.final
      ? `coalesce(st.to_status,
           CASE WHEN r.created_at < $${p + 1} AND NOT EXISTS (SELECT 1 FROM membership_event x WHERE x.record_id = r.id) THEN r.status END
         ) = 'ACTIVE'`
      : `r.status = 'ACTIVE'`;
    const params = when.final ? [...cond.params, when.day, period.end] : cond.params;
    await em.query(`DROP TABLE IF EXISTS rep`);
    await em.query(
      `CREATE TEMP TABLE rep ON COMMIT DROP AS
       SELECT r.id, r.organization_code AS org, r.commune_code AS commune, coalesce(p.person_id, r.id) AS who,
              coalesce(p.ao, false) AS ao, coalesce(p.ao_reasons, '{}') AS reasons, r.id_number_hash IS NULL AS no_id,
              (${cond.sql}) AS in_scope
         FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id ${history}
        WHERE ${active}`,
      params,
    );
    await em.query(`ANALYZE rep`);
    // Each person of the scope, with the organizations they are ACTIVE in anywhere in the province.
    await em.query(`DROP TABLE IF EXISTS rep_people`);
    await em.query(
      `CREATE TEMP TABLE rep_people ON COMMIT DROP AS
       SELECT who, array_agg(DISTINCT org ORDER BY org) AS orgs FROM rep
        WHERE who IN (SELECT who FROM rep WHERE in_scope) GROUP BY who`,
    );
  }

  private async count(em: EntityManager, period: Period, when: { day: string; final: boolean }, scope: ScopeFilter) {
    await this.snapshotMemberships(em, period, when, scope);
    const split = (r: { one: number; two: number; more: number } | undefined): OrgCountSplit => ({
      one: r?.one ?? 0,
      two: r?.two ?? 0,
      threeOrMore: r?.more ?? 0,
    });
    // The scope, each organization and each (organization, commune) in one pass.
    const counted = await em.query<(Count & { level: number })[]>(
      `SELECT org, commune, grouping(org, commune) AS level, count(*)::int AS memberships, count(DISTINCT who)::int AS people,
              count(*) FILTER (WHERE no_id)::int AS without_id, count(*) FILTER (WHERE ao)::int AS phantoms,
              count(DISTINCT who) FILTER (WHERE NOT ao)::int AS real_people
         FROM rep WHERE in_scope GROUP BY GROUPING SETS ((org, commune), (org), ())`,
    );
    const tot = counted.find((c) => c.level === 3) ?? { memberships: 0, people: 0, phantoms: 0, without_id: 0 };
    const byOrg = counted.filter((c) => c.level === 1);
    const byOrgCommune = counted.filter((c) => c.level === 0);
    const [allSplit] = await em.query<{ one: number; two: number; more: number }[]>(
      `SELECT count(*) FILTER (WHERE cardinality(orgs) = 1)::int AS one, count(*) FILTER (WHERE cardinality(orgs) = 2)::int AS two,
              count(*) FILTER (WHERE cardinality(orgs) >= 3)::int AS more FROM rep_people`,
    );
    const orgSplit = await em.query<{ org: string; one: number; two: number; more: number }[]>(
      `SELECT s.org, count(*) FILTER (WHERE cardinality(p.orgs) = 1)::int AS one, count(*) FILTER (WHERE cardinality(p.orgs) = 2)::int AS two,
              count(*) FILTER (WHERE cardinality(p.orgs) >= 3)::int AS more
         FROM (SELECT DISTINCT org, who FROM rep WHERE in_scope) s JOIN rep_people p USING (who) GROUP BY s.org`,
    );
    const overlap = await em.query<{ a: string; b: string; people: number }[]>(
      `SELECT a, b, count(*)::int AS people FROM rep_people, unnest(orgs) a, unnest(orgs) b WHERE a <= b GROUP BY a, b ORDER BY a, b`,
    );
    const reasons = await em.query<{ org: string; reason: string; n: number }[]>(
      `SELECT org, reason, count(*)::int AS n FROM rep, unnest(reasons) reason WHERE in_scope AND ao GROUP BY org, reason ORDER BY org, reason`,
    );
    const moves = await this.joinersAndLeavers(em, period, when, scope);
    const reach = await this.reach(em, when, scope);
    const [register] = await em.query<{ communes: number; residents: number }[]>(
      `SELECT count(DISTINCT x.commune_code)::int AS communes, count(*)::int AS residents
         FROM resident x JOIN resident_batch b ON b.id = x.batch_id AND b.status = 'DONE'`,
    );
    const [run] = await em.query<{ id: string; finished_at: Date }[]>(
      `SELECT id, finished_at FROM link_run WHERE status = 'DONE' ORDER BY finished_at DESC LIMIT 1`,
    );
    const cond = scope.condition(1);
    const [{ records }] = await em.query<{ records: number }[]>(
      `SELECT count(*)::int AS records FROM member_record r WHERE r.erased_at IS NULL AND ${cond.sql}`,
      cond.params,
    );

    const organizations: OrganizationFigures[] = [];
    for (const { definition: d } of this.orgs.list()) {
      if (!d.hasIndividualMembers) continue;
      if (scope.organization && scope.organization !== d.code) continue;
      const c = byOrg.find((x) => x.org === d.code);
      const phantomsByReason: Record<string, number> = {};
      for (const r of reasons) if (r.org === d.code) phantomsByReason[r.reason] = r.n;
      const m = moves.filter((x) => x.org === d.code);
      organizations.push({
        code: d.code,
        name: d.name,
        memberships: c?.memberships ?? 0,
        people: c?.people ?? 0,
        duplicateRecords: c ? c.memberships - c.people : 0,
        withoutIdNumber: c?.without_id ?? 0,
        suspectedPhantoms: c?.phantoms ?? 0,
        phantomsByReason,
        joiners: m.reduce((s, x) => s + x.joiners, 0),
        leavers: m.reduce((s, x) => s + x.leavers, 0),
        peopleByOrgCount: split(orgSplit.find((x) => x.org === d.code)),
        reach: reach.byOrg.get(d.code) ?? { known: false, why: 'không có trong danh mục' },
      });
    }
    const phantomsByReason: Record<string, number> = {};
    for (const r of reasons) phantomsByReason[r.reason] = (phantomsByReason[r.reason] ?? 0) + r.n;
    const s = split(allSplit);
    const data: ReportData = {
      totals: {
        memberships: tot.memberships,
        people: tot.people,
        peopleInSeveralOrgs: s.two + s.threeOrMore,
        suspectedPhantoms: tot.phantoms,
        duplicateRecords: byOrg.reduce((sum, c) => sum + c.memberships - c.people, 0),
        withoutIdNumber: tot.without_id,
        joiners: moves.reduce((sum, x) => sum + x.joiners, 0),
        leavers: moves.reduce((sum, x) => sum + x.leavers, 0),
      },
      peopleByOrgCount: s,
      organizations,
      overlap,
      phantomsByReason,
      register,
      linkRun: run ? { id: run.id, finishedAt: run.finished_at.toISOString() } : null,
      records,
    };
    return { data, moves, reach, byOrgCommune };
  }

  /** Admitted (join date, else the day entered) and ended (an ENDED event) within the period up to the day, by organization and commune. */
  private async joinersAndLeavers(em: EntityManager, period: Period, when: { day: string }, scope: ScopeFilter): Promise<Move[]> {
    const cond = scope.condition(3);
    return em.query(
      `WITH j AS (
         SELECT r.organization_code AS org, r.commune_code AS commune, count(*)::int AS n FROM member_record r
          WHERE coalesce(r.join_date, (r.created_at AT TIME ZONE '${REPORT_TIME_ZONE}')::date) BETWEEN $1::date AND $2::date AND ${cond.sql}
          GROUP BY 1, 2),
       l AS (
         SELECT r.organization_code AS org, r.commune_code AS commune, count(DISTINCT r.id)::int AS n
           FROM membership_event e JOIN member_record r ON r.id = e.record_id
          WHERE e.kind = 'ENDED' AND ${EVENT_DAY} BETWEEN $1::date AND $2::date AND ${cond.sql}
          GROUP BY 1, 2)
       SELECT coalesce(j.org, l.org) AS org, coalesce(j.commune, l.commune) AS commune, coalesce(j.n, 0) AS joiners, coalesce(l.n, 0) AS leavers
         FROM j FULL JOIN l ON l.org = j.org AND l.commune IS NOT DISTINCT FROM j.commune`,
      [period.firstDay, when.day, ...cond.params],
    );
  }

  /**
   * Tỷ lệ tập hợp: for each organization whose eligible population the register knows, the residents
   * of each covered commune who fit it on the day (alive, age, sex), and the organization's people
   * in those communes. A unit's scope has no population of its own: n/a.
   */
  private async reach(
    em: EntityManager,
    when: { day: string },
    scope: ScopeFilter,
  ): Promise<{ byOrg: Map<string, OrganizationFigures['reach']>; byCommune: Map<string, Map<string, number>> }> {
    const byOrg = new Map<string, OrganizationFigures['reach']>();
    const byCommune = new Map<string, Map<string, number>>();
    const known = this.orgs
      .list()
      .map((o) => o.definition)
      .filter((d): d is typeof d & { eligiblePopulation: Extract<EligiblePopulation, { known: true }> } => d.eligiblePopulation.known);
    for (const { definition: d } of this.orgs.list())
      if (!d.eligiblePopulation.known) byOrg.set(d.code, { known: false, why: d.eligiblePopulation.why });
    if (scope.kind === 'unit') {
      for (const d of known) byOrg.set(d.code, { known: false, why: 'phạm vi một đơn vị không ứng với dân số của xã nào' });
      return { byOrg, byCommune };
    }
    if (!known.length) return { byOrg, byCommune };
    const fits = known.map((d) => {
      const e = d.eligiblePopulation;
      const parts = ['x.birth_date IS NOT NULL'];
      if (e.sex) parts.push(`x.sex = '${e.sex}'`);
      if (e.minAge !== undefined) parts.push(`x.birth_date <= $1::date - interval '${Math.trunc(e.minAge)} years'`);
      if (e.maxAge !== undefined) parts.push(`x.birth_date > $1::date - interval '${Math.trunc(e.maxAge) + 1} years'`);
      return `count(*) FILTER (WHERE ${parts.join(' AND ')})::int AS "${d.code}"`;
    });
    const params: unknown[] = [when.day];
    const communeCond = scope.commune ? `AND x.commune_code = $${params.push(scope.commune)}` : '';
    const counts = await em.query<Record<string, string | number>[]>(
      `SELECT x.commune_code AS commune, ${fits.join(', ')}
         FROM resident x JOIN resident_batch b ON b.id = x.batch_id AND b.status = 'DONE'
        WHERE x.commune_code IS NOT NULL AND (x.alive OR x.death_date > $1::date) ${communeCond}
        GROUP BY x.commune_code`,
      params,
    );
    const communes = counts.map((c) => c.commune as string);
    const reached = await em.query<{ org: string; people: number }[]>(
      `SELECT org, count(DISTINCT who) FILTER (WHERE NOT ao)::int AS people FROM rep WHERE in_scope AND commune = ANY($1) GROUP BY org`,
      [communes],
    );
    for (const d of known) {
      if (scope.organization && scope.organization !== d.code) continue;
      const perCommune = new Map(counts.map((c) => [c.commune as string, Number(c[d.code])]));
      byCommune.set(d.code, perCommune);
      const eligible = [...perCommune.values()].reduce((s, n) => s + n, 0);
      const people = reached.find((r) => r.org === d.code)?.people ?? 0;
      byOrg.set(
        d.code,
        communes.length
          ? {
              known: true,
              label: d.eligiblePopulation.label,
              eligible,
              reached: people,
              rate: rate(people, eligible),
              communes: communes.length,
            }
          : { known: false, why: scope.commune ? 'CSDL dân cư chưa có xã này' : 'chưa nhập CSDL dân cư' },
      );
    }
    return { byOrg, byCommune };
  }

  /** The (organization, commune) rows: every pair with members, and every covered commune of an organization the register can measure. */
  private rowsOf(
    counts: Count[],
    data: ReportData,
    moves: Move[],
    byCommune: Map<string, Map<string, number>>,
  ): Omit<ReportRowView, 'communeName' | 'rate'>[] {
    const key = (org: string, commune: string | null) => `${org}|${commune ?? ''}`;
    const rows = new Map<string, Omit<ReportRowView, 'communeName' | 'rate'>>();
    const row = (org: string, commune: string | null) => {
      let r = rows.get(key(org, commune));
      if (!r) {
        const eligible = commune === null ? null : (byCommune.get(org)?.get(commune) ?? null);
        r = {
          organizationCode: org,
          communeCode: commune,
          memberships: 0,
          people: 0,
          duplicateRecords: 0,
          withoutIdNumber: 0,
          suspectedPhantoms: 0,
          joiners: 0,
          leavers: 0,
          eligible,
          reached: eligible === null ? null : 0,
        };
        rows.set(key(org, commune), r);
      }
      return r;
    };
    const orgs = new Set(data.organizations.map((o) => o.code));
    for (const c of counts) {
      if (!orgs.has(c.org)) continue;
      Object.assign(row(c.org, c.commune), {
        memberships: c.memberships,
        people: c.people,
        duplicateRecords: c.memberships - c.people,
        withoutIdNumber: c.without_id,
        suspectedPhantoms: c.phantoms,
      });
      const r = row(c.org, c.commune);
      if (r.eligible !== null) r.reached = c.real_people;
    }
    for (const m of moves) if (orgs.has(m.org)) Object.assign(row(m.org, m.commune), { joiners: m.joiners, leavers: m.leavers });
    for (const [org, perCommune] of byCommune) for (const commune of perCommune.keys()) row(org, commune);
    return [...rows.values()];
  }
}
