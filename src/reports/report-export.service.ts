import fs from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { type Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { parsePeriod } from '../common/dates/period.js';
import { reportDocument, reportJson, type ReportDocument } from './documents/report-document.js';
import { writeReportPdf } from './documents/report-pdf.js';
import { writeReportXlsx } from './documents/report-xlsx.js';
import type { ReportSnapshot } from './report.entities.js';
import { mayReadNames } from './access/report-access.js';
import { ReportsService } from './reports.service.js';
import { OrganizationsService } from '../membership/organization/organizations.service.js';

export const REPORT_FORMATS = ['json', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function checkReportFormat(format: string): ReportFormat {
  const f = format.toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(f))
    throw DomainError.invalidInput([
      { field: 'format', value: format, message: `Định dạng '${format}' không có: dùng json, xlsx hoặc pdf` },
    ]);
  return f as ReportFormat;
}

/** A report as a file: JSON for machines, a workbook to print, a PDF with charts. */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Names of suspected phantoms only where asked (the workbook and the PDF, not the JSON: a machine
   * reads names through `reportPhantoms`, logged), and only for who may read records (never AUDITOR).
   */
  async document(s: ReportSnapshot, caller: Principal, withNames: boolean): Promise<ReportDocument> {
    const [previous, trend, rows] = await Promise.all([this.reports.previous(s), this.reports.trend(s), this.reports.rows(s.id)]);
    const phantoms = !withNames || !mayReadNames(caller) ? null : await this.reports.phantoms(s.id, caller);
    const abbreviations = Object.fromEntries(
      this.organizations.list().map((o) => [o.definition.code, o.definition.abbreviation ?? o.definition.code]),
    );
    return reportDocument(s, parsePeriod(s.period).label, previous, trend, rows.nodes, phantoms, abbreviations);
  }

  /** `withNames: false`: the workbook without the suspected phantoms' names either, as one sends it on. */
  async write(s: ReportSnapshot, format: ReportFormat, out: string, caller: Principal, withNames = true): Promise<ReportDocument> {
    const d = await this.document(s, caller, withNames && format === 'xlsx');
    if (format === 'json') await fs.promises.writeFile(out, JSON.stringify(reportJson(d), null, 2));
    else if (format === 'xlsx') await writeReportXlsx(d, out, this.config.reportForm);
    else await writeReportPdf(d, out, this.config.reportForm);
    await this.audit.record(caller, {
      action: AuditAction.REPORT_DOWNLOADED,
      subjectType: 'REPORT',
      subjectId: s.id,
      organization: null,
      detail: { format, period: s.period, scope: s.scope, suspectedPhantoms: d.phantoms?.length ?? 0 },
    });
    return d;
  }
}
