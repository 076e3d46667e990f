import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Allow, ALL_ROLES } from '../../access/access.decorators.js';
import { sendTempFile } from '../../common/http/send-temp-file.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { PersonViewsService } from '../../linker/review/person-views.service.js';
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
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Allow(...ALL_ROLES)
  @Get('tong-quan.xlsx')
  async download(@Query('scope') scope: string | undefined, @Res() res: Response): Promise<void> {
    const live = await this.reports.live(typeof scope === 'string' ? scope.slice(0, 80) : null);
    const [communes, overlap, reports, orgs] = await Promise.all([
      this.reports.liveCommunes(live.area.key),
      // An organization's row is the same in the province's overlap (its people under all of their organizations):
      // read from the province's, counted once and shared, rather than counted again for each organization.
      this.views.overlap(live.area.kind === 'org' ? 'province' : live.area.key),
      // A commune's past periods are its part of the province's reports where it has none of its own (as on screen).
      live.area.kind === 'commune'
        ? this.reports.communeReports(live.area.commune!, TREND_PERIODS).then((v) => v.map(fromCommuneReport))
        : this.storedOf(live.area),
      this.db.query<{ code: string; name: string }[]>(`SELECT code, name FROM organization`),
    ]);
    const name = `tong-quan-${live.area.key.replace(/[:/]/g, '-')}.xlsx`;
    await sendTempFile(res, this.config.dataDir, name, (out) =>
      writeDashboardXlsx(
        {
          live,
          communes: communes.communes,
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
