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
    .description('lập (hoặc lập lại) báo cáo đối chiếu của một kỳ và ghi ra tệp (json, xlsx hoặc pdf)')
    .requiredOption('--period <PERIOD>', 'kỳ báo cáo: 2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm), theo giờ Việt Nam')
    .option(
      '--scope <SCOPE>',
      'phạm vi: province (toàn tỉnh), commune:<mã xã>, org:<mã tổ chức> hoặc unit:<mã tổ chức>/<mã đơn vị>',
      'province',
    )
    .option('--format <FORMAT>', 'json, xlsx hoặc pdf (mặc định: theo đuôi tên tệp)')
    .requiredOption('--out <FILE>', 'tệp sẽ ghi')
    .option('--stored', 'ghi báo cáo đã lập lần gần nhất, không lập lại')
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
