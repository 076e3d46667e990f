import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, ALL_ROLES } from '../../access/access.decorators.js';
import { sendTempFile } from '../../common/http/send-temp-file.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { PersonViewsService } from '../../linker/review/person-views.service.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import type { ReportingArea } from '../../membership/unit/reporting-area.js';
import { ReportsService } from '../reports.service.js';
import { writeDashboardXlsx } from './dashboard-xlsx.js';
import { endedPeriods, fromCommuneReport, fromOrganizationRow, fromSnapshot } from './stored-periods.js';

/** Stored periods the dashboard's export carries (its trend). */
const TREND_PERIODS = 12;

/**
 * The dashboard of a scope as a workbook (`GET /tong-quan.xlsx?scope=…`): what the console's dashboard
 * shows, aggregates only (no name: every role may have it, like liveFigures and overlap).
 */
@Controller()
export class DashboardController {
  constructor(
    private readonly reports: ReportsService,
    private readonly views: PersonViewsService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Allow(...ALL_ROLES)
  @Get('tong-quan.xlsx')
  async download(@Query('scope') scope: string | undefined, @Res() res: Response): Promise<void> {
    const live = await this.reports.live(typeof scope === 'string' ? scope.slice(0, 80) : null);
    const [communes, units, overlap, reports, orgs] = await Promise.all([
      this.reports.liveCommunes(live.area.key),
      this.reports.liveUnits(live.area.key),
      // An organization's row is the same in the province's overlap (its people under all of their organizations):
      // read from the province's, counted once and shared, rather than counted again for each organization.
      this.views.overlap(live.area.kind === 'org' ? 'province' : live.area.key),
      // A commune's past periods are its part of the province's reports where it has none of its own (as on screen).
      live.area.kind === 'commune'
        ? this.reports.communeReports(live.area.commune!, TREND_PERIODS).then((v) => v.map(fromCommuneReport))
        : this.storedOf(live.area),
      // In the organizations' own order, as the screen and the report files list them.
      this.organizations.reload().then(() => this.organizations.list().map((o) => o.definition)),
    ]);
    // In her words, codes only: tong-quan-toan-tinh, tong-quan-xa-00004, tong-quan-HND, tong-quan-HND-CHI-1.
    const name = `tong-quan-${
      live.area.key === 'province'
        ? 'toan-tinh'
        : live.area.key
            .replace(/^commune:/, 'xa-')
            .replace(/^(org|unit):/, '')
            .replace('/', '-')
    }.xlsx`;
    await sendTempFile(res, this.config.dataDir, name, (out) =>
      writeDashboardXlsx(
        {
          live,
          communes: communes.communes,
          units: units.units,
          overlap,
          periods: endedPeriods(reports),
          organizations: new Map(orgs.map((o) => [o.code, o.name])),
        },
        out,
      ),
    );
  }

  /** A scope's stored periods; an organization without ended reports of its own has its row of the province's (as on screen). */
  private async storedOf(area: ReportingArea) {
    const own = (await this.reports.list({ scope: area.key, first: TREND_PERIODS })).map(fromSnapshot);
    if (area.kind !== 'org' || own.some((p) => p.ended)) return own;
    const province = await this.reports.list({ scope: 'province', first: TREND_PERIODS });
    return province.flatMap((s) => fromOrganizationRow(s, area.organization!) ?? []);
  }
}
