// `lienthong report --period P --out FILE`: the reconciliation report of a period, computed or as stored.
import type { Command } from 'commander';
import path from 'node:path';
import { formatVnDay } from '../../common/dates/vn-day.js';
import { snapshotProvisionalReason } from '../../reports/report-basis.js';
import { checkReportFormat, ReportExportService } from '../../reports/report-export.service.js';
import { ReportsService } from '../../reports/reports.service.js';
import { cliCaller, withServices, writeLines } from '../kit/cli-kit.js';

interface ReportOptions {
  period: string;
  scope: string;
  format?: string;
  out: string;
  stored?: boolean;
}

export function reportCommand(program: Command): void {
  program
    .command('report')
    .description('compute (or recompute) the reconciliation report of a period and write it (json, xlsx or pdf)')
    .requiredOption('--period <PERIOD>', '2026-11 (month), 2026-Q4 (quarter) or 2026 (year), in Vietnam time')
    .option('--scope <SCOPE>', 'province, commune:<code>, org:<code> or unit:<org>/<code>', 'province')
    .option('--format <FORMAT>', 'json, xlsx or pdf (default: from the file name)')
    .requiredOption('--out <FILE>', 'the file to write')
    .option('--stored', 'write the report as last computed, without computing it again')
    .action(report);
}

async function report(o: ReportOptions): Promise<void> {
  const format = checkReportFormat(o.format ?? (path.extname(o.out).slice(1) || 'json'));
  await withServices(async (app) => {
    const caller = cliCaller();
    const reports = app.get(ReportsService);
    const s = o.stored ? await reports.find(o.period, o.scope) : await reports.run(o.period, o.scope, { caller });
    await app.get(ReportExportService).write(s, format, o.out, caller);
    const t = s.data.totals;
    writeLines([
      `kỳ\t${s.period}${s.final ? '' : ` (tạm tính: ${snapshotProvisionalReason(s)})`}`,
      `phạm vi\t${s.scopeLabel}`,
      `đến hết ngày\t${formatVnDay(s.asOfDay)}`,
      `số lượt\t${t.memberships}`,
      `số người\t${t.people}`,
      `người ở từ hai tổ chức\t${t.peopleInSeveralOrgs}`,
      `hồ sơ nghi ảo\t${t.suspectedPhantoms}`,
      `giây\t${s.seconds.toFixed(1)}`,
      `tệp\t${o.out}`,
    ]);
  });
}
