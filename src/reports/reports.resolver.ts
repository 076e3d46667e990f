import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, ALL_ROLES, Caller, PEOPLE_READERS } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { Role } from '../access/role.js';
import { DomainError } from '../common/errors/domain-error.js';
import { liftStatementTimeout } from '../common/graphql/statement-timeout.js';
import { parsePeriod } from '../common/dates/period.js';
import { reachView } from './figures/commune-report.js';
import { PEOPLE_NOT_SUSPECTED } from './figures/figure-wording.js';
import { changesSince, reasonLabel } from './figures/report-figures.js';
import { CommuneReportsArgs, CommuneReportType } from './reading/commune-reports.types.js';
import { LiveCommunesType, LiveFiguresArgs, LiveFiguresType, LiveUnitsType } from './live/live-figures.types.js';
import { periodEnded, reportBasis } from './report-basis.js';
import type { ReportSnapshot } from './report.entities.js';
import { ReportsService } from './reports.service.js';
import {
  ReportArgs,
  REPORT_PAGE,
  ReportPhantomsArgs,
  ReportPhantomType,
  ReportRowPageType,
  ReportRowsArgs,
  ReportsArgs,
  ReportType,
  RunReportArgs,
} from './reports.types.js';

const reasons = (m: Record<string, number>) =>
  Object.entries(m).map(([reason, records]) => ({ reason, label: reasonLabel(reason), records }));

/** Thin: reports and their rows for every role (aggregates); suspected phantoms' names for who may read records. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly service: ReportsService) {}

  @Allow(...ALL_ROLES)
  @Query(() => [ReportType], { description: 'Computed reports, newest first (filters: period, scope).' })
  async reports(@Args() a: ReportsArgs): Promise<ReportType[]> {
    return Promise.all((await this.service.list(a)).map((s) => this.toType(s)));
  }

  @Allow(...ALL_ROLES)
  @Query(() => ReportType, { description: 'One report: by id, or by period and scope.' })
  async report(@Args() a: ReportArgs): Promise<ReportType> {
    if (a.id) return this.toType(await this.service.get(a.id));
    if (!a.period) throw new DomainError('BAD_USER_INPUT', 'Cần id của báo cáo, hoặc period (và scope).');
    return this.toType(await this.service.find(a.period, a.scope));
  }

  @Allow(...ALL_ROLES)
  @Query(() => ReportRowPageType, { description: "A report's rows (organization × commune), with filters." })
  reportRows(@Args() a: ReportRowsArgs): Promise<ReportRowPageType> {
    return this.service.rows(a.report, { ...a, first: a.first ?? REPORT_PAGE });
  }

  @Allow(...ALL_ROLES)
  @Query(() => [CommuneReportType], {
    description:
      "A commune's figures in each stored report that counts it, newest first: its own report of a period, else its part of the province's (aggregates only).",
  })
  communeReports(@Args() a: CommuneReportsArgs): Promise<CommuneReportType[]> {
    return this.service.communeReports(a.commune, a.first ?? 40);
  }

  @Allow(...PEOPLE_READERS)
  @Query(() => [ReportPhantomType], {
    description: "A report's suspected phantoms with names and reasons, within the caller's rights (logged).",
  })
  reportPhantoms(@Args() a: ReportPhantomsArgs, @Caller() caller: Principal): Promise<ReportPhantomType[]> {
    return this.service.phantoms(a.report, caller, { ...a, first: a.first ?? REPORT_PAGE });
  }

  /** Aggregates only, for every role and any scope: the rule of a report's figures (access/report-access.ts). */
  @Allow(...ALL_ROLES)
  @Query(() => LiveFiguresType, { description: "The running period's dashboard figures of a scope, live, with the moment they are as of." })
  async liveFigures(@Args() a: LiveFiguresArgs): Promise<LiveFiguresType> {
    const f = await this.service.live(a.scope);
    return {
      scope: f.area.key,
      scopeLabel: f.area.label,
      asOf: f.asOf,
      linkedAt: f.linkedAt,
      memberships: f.memberships,
      people: f.people,
      peopleNotSuspected: f.peopleNotSuspected,
      peopleNotSuspectedLabel: PEOPLE_NOT_SUSPECTED.label,
      peopleNotSuspectedNote: PEOPLE_NOT_SUSPECTED.note,
      suspectedPhantoms: f.suspectedPhantoms,
      confirmedPhantoms: f.confirmedPhantoms,
      peopleByOrgCount: f.peopleByOrgCount,
      phantomsByReason: reasons(f.phantomsByReason),
    };
  }

  /** Aggregates only, like liveFigures: every commune of the scope, for the dashboard's table. */
  @Allow(...ALL_ROLES)
  @Query(() => LiveCommunesType, {
    description: 'Every commune of a scope with ACTIVE memberships, live: số lượt, số người, nghi ảo (counts only).',
  })
  async liveCommunes(@Args() a: LiveFiguresArgs): Promise<LiveCommunesType> {
    const c = await this.service.liveCommunes(a.scope);
    return { scope: c.area.key, scopeLabel: c.area.label, asOf: c.asOf, communes: c.communes };
  }

  /** Aggregates only, like liveFigures: the units under an organization or a unit, for the dashboard's table. */
  @Allow(...ALL_ROLES)
  @Query(() => LiveUnitsType, {
    description:
      'The units one level under an org: or unit: scope (an organization: its cơ sở), each with its subtree, live: số lượt, số người, nghi ảo (counts only); empty for other scopes.',
  })
  async liveUnits(@Args() a: LiveFiguresArgs): Promise<LiveUnitsType> {
    const u = await this.service.liveUnits(a.scope);
    return { scope: u.area.key, asOf: u.asOf, units: u.units };
  }

  @Allow(Role.ADMIN, Role.DAN_VAN, Role.SECRETARIAT)
  @Mutation(() => ReportType, {
    description:
      "Computes (or recomputes) the report of a period and scope now; replaces the old one at once (an official one is kept, as the new one's `replaced`). A secretariat: its own organization (or unit) only.",
  })
  async runReport(@Args() a: RunReportArgs, @Caller() caller: Principal): Promise<ReportType> {
    liftStatementTimeout(); // a long job: the statement timeout of requests does not apply
    return this.toType(await this.service.run(a.period, a.scope, { caller }));
  }

  private async toType(s: ReportSnapshot): Promise<ReportType> {
    const previous = await this.service.previous(s);
    return {
      id: s.id,
      period: s.period,
      periodLabel: parsePeriod(s.period).label,
      scope: s.scope,
      scopeLabel: s.scopeLabel,
      asOf: s.asOfDay,
      final: s.final,
      ended: periodEnded(s),
      basis: reportBasis(s),
      computedAt: s.computedAt,
      computedBy: s.computedBy,
      totals: s.data.totals,
      peopleByOrgCount: s.data.peopleByOrgCount,
      organizations: s.data.organizations.map((o) => ({
        ...o,
        phantomsByReason: reasons(o.phantomsByReason),
        reach: reachView(o.reach),
      })),
      overlap: s.data.overlap,
      phantomsByReason: reasons(s.data.phantomsByReason),
      previousPeriod: previous?.period ?? null,
      changes: changesSince(s.data, previous?.data ?? null),
      peopleByCommune: s.data.peopleByCommune ?? null,
    };
  }
}
