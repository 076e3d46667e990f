import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { asOf, lastEndedPeriod, parsePeriod, type Period } from '../common/dates/period.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FiguresMemo } from '../linker/figures-memo.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';
import { assertHomeCommune, resolveReportingArea } from '../membership/unit/reporting-area.js';
import { assertMayRun } from './access/report-access.js';
import { countReport, prepareFigures } from './counting/count-report.js';
import type { ReportPhantomView, ReportRowView } from './figures/report-views.js';
import { liveCommunes } from './live/live-communes.js';
import { liveUnits } from './live/live-units.js';
import { liveFigures, type LiveFigures } from './live/live-figures.js';
import { communeReports, type CommuneReportView } from './reading/commune-reports.js';
import { reportPhantoms, type PhantomFilter } from './reading/report-phantoms.js';
import { findReport, getReport, listReports, previousReport, reportRows, reportTrend, type RowFilter } from './reading/report-reads.js';
import { basisLine, needsComputing, provisionalReason } from './report-basis.js';
import { ReportSnapshot } from './report.entities.js';
import { catchUpFailure } from './run/catch-up-outcome.js';
import { takeReportLock } from './run/report-lock.js';
import { provisionalSnapshots, snapshotState } from './run/snapshot-state.js';
import { writeSnapshot } from './run/snapshot-writer.js';

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
  /** The reporting area's key (`province`, `org:HPN`…). */
  scope: string;
  outcome: 'COMPUTED' | 'PRESENT' | 'BUSY' | 'STOPPED' | 'FAILED';
  message?: string;
  /** For a computed one: what it was computed from, final or provisional (one line for the log). */
  basis?: string;
}

/**
 * Reconciliation reports: the figures of a period and a reporting area (`province`, a commune, an
 * organization, a unit), counted in PostgreSQL over the memberships ACTIVE at the period's end (or
 * now, while it runs) and the persons of the last linker run, kept as a snapshot that a re-run
 * replaces in one transaction. Counting is in counting/, reading in reading/, who may do what in
 * access/, the files in documents/.
 */
@Injectable()
export class ReportsService implements OnModuleDestroy {
  private readonly logger = new Logger('Reports');
  /** The server is stopping: a catch-up whose connection closes under it is STOPPED, not an error. */
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly figures: FiguresMemo,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): void {
    this.stopping = true;
  }

  /**
   * Computes (or recomputes) the report of a period and area. Only one report runs at a time in
   * the whole installation (an advisory lock): a second caller gets a CONFLICT error at once.
   */
  async run(periodText: string, areaText: string | null | undefined, opts: RunOptions): Promise<ReportSnapshot> {
    const period = parsePeriod(periodText);
    const now = opts.now ?? new Date();
    const when = asOf(period, now);
    const started = Date.now();
    const asked = await resolveReportingArea(this.db, areaText);
    await assertHomeCommune(this.db, asked, this.config.province);
    if (opts.caller) assertMayRun(opts.caller, asked);
    await this.orgs.reload();
    const basis = await this.db.transaction(async (em) => {
      await takeReportLock(em);
      return prepareFigures(em, period, when, await resolveReportingArea(em, areaText));
    });
    // A second connection counts beside the report's own (count-report.ts).
    const side = this.db.createQueryRunner();
    await side.connect();
    const id = await this.db
      .transaction(async (em) => {
        await takeReportLock(em);
        const area = await resolveReportingArea(em, areaText);
        const definitions = this.orgs.list().map((o) => o.definition);
        const { data, rows } = await countReport(
          em,
          definitions,
          period,
          when,
          area,
          basis === null ? null : { side: side.manager, basis },
        );
        await opts.onStage?.('counted');
        // Final once the period is over and its persons come from a linker run finished after it.
        const final = when.final && provisionalReason(period, now, data.linkRun) === null;
        const computedBy = opts.caller?.name ?? 'schedule';
        const id = await writeSnapshot(em, { period, area, asOfDay: when.day, final, computedAt: now, computedBy, started }, data, rows);
        await this.audit.record(
          opts.caller ?? { kind: 'SERVICE', id: null, name: 'schedule', role: null },
          {
            action: AuditAction.REPORT_COMPUTED,
            subjectType: 'REPORT',
            subjectId: id,
            organization: area.organization,
            detail: { period: period.key, scope: area.key, memberships: data.totals.memberships },
          },
          em,
        );
        await opts.onStage?.('written');
        return id;
      })
      .finally(() => side.release());
    return this.db.getRepository(ReportSnapshot).findOneByOrFail({ id });
  }

  /**
   * What the schedule asks for, as of `now`: for each configured kind and area, the last period
   * that has ended — computed if it has no snapshot, or a provisional one that can now be better
   * (`needsComputing`). Periods missed before it are not caught up (nobody asked for them;
   * `lienthong report` computes any on demand). Then every other provisional report of a period
   * over — one someone ran for a commune, a month, an earlier quarter — that can now be better:
   * its reason says the schedule will make it again, and it does.
   */
  async catchUp(now: Date, kinds = this.config.reportSchedule, areas = this.config.reportScopes): Promise<CatchUpResult[]> {
    const out: CatchUpResult[] = [];
    for (const kind of kinds) for (const areaText of areas) out.push(await this.catchUpOne(lastEndedPeriod(kind, now), areaText, now));
    const seen = new Set(out.map((r) => `${r.period} ${r.scope}`));
    for (const s of await provisionalSnapshots(this.db)) {
      const period = parsePeriod(s.period);
      if (period.end.getTime() > now.getTime() || seen.has(`${s.period} ${s.scope}`)) continue;
      const redone = await this.catchUpOne(period, s.scope, now);
      if (redone.outcome !== 'PRESENT') out.push(redone);
    }
    return out;
  }

  /** One period and area of the catch-up; a bad area in the configuration (or one failure) does not stop the others. */
  private async catchUpOne(period: Period, areaText: string, now: Date): Promise<CatchUpResult> {
    let area = areaText;
    try {
      area = (await resolveReportingArea(this.db, areaText)).key;
      if (!needsComputing(await snapshotState(this.db, period, area))) return { period: period.key, scope: area, outcome: 'PRESENT' };
      const computed = await this.run(period.key, area, { now });
      return { period: period.key, scope: area, outcome: 'COMPUTED', basis: basisLine(computed) };
    } catch (e) {
      const outcome = catchUpFailure(e, this.stopping);
      if (outcome === 'FAILED') this.logger.error(`báo cáo ${period.key} ${area}: ${(e as Error).message}`);
      return { period: period.key, scope: area, outcome, message: (e as Error).message };
    }
  }

  // ——— reading (reading/): the figures for every role, the names within the caller's rights ———

  list(f: { period?: string | null; scope?: string | null; first?: number | null }): Promise<ReportSnapshot[]> {
    return listReports(this.db, f);
  }

  get(id: string): Promise<ReportSnapshot> {
    return getReport(this.db, id);
  }

  find(periodText: string, areaText?: string | null): Promise<ReportSnapshot> {
    return findReport(this.db, periodText, areaText);
  }

  previous(s: ReportSnapshot): Promise<ReportSnapshot | null> {
    return previousReport(this.db, s);
  }

  trend(s: ReportSnapshot, count = 8): Promise<ReportSnapshot[]> {
    return reportTrend(this.db, s, count);
  }

  rows(snapshotId: string, f: RowFilter = {}): Promise<{ totalCount: number; nodes: ReportRowView[] }> {
    return reportRows(this.db, snapshotId, f);
  }

  /** A commune in each stored report that counts it (its own, or the province's part). */
  communeReports(commune: string, first = 40): Promise<CommuneReportView[]> {
    return communeReports(this.db, commune, first);
  }

  phantoms(snapshotId: string, caller: Principal, f: PhantomFilter = {}): Promise<ReportPhantomView[]> {
    return reportPhantoms(this.db, this.audit, snapshotId, caller, f);
  }

  /**
   * The running period's dashboard figures of an area, live (live/): counted once and shared until a
   * commit changes the records or their persons (the figures memo), each stamped with when it was counted.
   */
  async live(areaText: string | null | undefined): Promise<LiveFigures> {
    const area = await resolveReportingArea(this.db, areaText);
    return (await this.figures.get(`live:${area.key}`, () => liveFigures(this.db, area.key))).value;
  }

  /** Every commune of an area, live (live/), shared like `live`. */
  async liveCommunes(areaText: string | null | undefined): ReturnType<typeof liveCommunes> {
    const area = await resolveReportingArea(this.db, areaText);
    return (await this.figures.get(`live-communes:${area.key}`, () => liveCommunes(this.db, area.key))).value;
  }

  /** The units one level under an organization or a unit, live (live/), shared like `live`. */
  async liveUnits(areaText: string | null | undefined): ReturnType<typeof liveUnits> {
    const area = await resolveReportingArea(this.db, areaText);
    return (await this.figures.get(`live-units:${area.key}`, () => liveUnits(this.db, area.key))).value;
  }
}
