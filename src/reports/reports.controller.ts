import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, ALL_ROLES, Caller } from '../access/access.decorators.js';
import type { Principal } from '../access/principal.js';
import { sendTempFile } from '../common/http/send-temp-file.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { checkReportFormat, ReportExportService } from './report-export.service.js';
import { ReportsService } from './reports.service.js';

/**
 * A computed report as a file (`GET /reports/<id>.xlsx|pdf|json`), with the caller's rights: AUDITOR gets no names.
 * `?names=none`: the workbook without its sheet of suspected phantoms' names, to send on (its name says so).
 */
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exporter: ReportExportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Allow(...ALL_ROLES)
  @Get('reports/:id.:format')
  async download(
    @Param('id') id: string,
    @Param('format') format: string,
    @Query('names') names: string | undefined,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const f = checkReportFormat(format);
    const s = await this.reports.get(id);
    const withNames = names !== 'none';
    const name = `bao-cao-${s.period}-${scopeFileWord(s.scope)}${withNames || f !== 'xlsx' ? '' : '-khong-ho-ten'}.${f}`;
    await sendTempFile(res, this.config.dataDir, name, (out) => this.exporter.write(s, f, out, caller, withNames));
  }
}

/** A scope in a file name, in Vietnamese words: `tinh`, `xa-00004`, `DTN`, `DTN-B1`. */
export const scopeFileWord = (scope: string): string =>
  scope === 'province'
    ? 'tinh'
    : scope
        .replace(/^commune:/, 'xa-')
        .replace(/^org:/, '')
        .replace(/^unit:/, '')
        .replace(/[:/]/g, '-');
