// `lienthong export` and `lienthong template`: a roster, or an empty one, in the import template.
import type { Command } from 'commander';
import { RosterExportService, type RosterFormat } from '../../roster-io/export/roster-export.service.js';
import { cliCaller, log, withServices } from '../kit/cli-kit.js';
import { formatOption } from '../kit/cli-options.js';

export function exportCommands(program: Command): void {
  program
    .command('export')
    .description('xuất danh sách hội viên theo mẫu nhập (số CCCD được che một phần)')
    .requiredOption('--org <CODE>', 'mã tổ chức (ví dụ HPN)')
    .option('--unit <U>', 'chỉ đơn vị này và các đơn vị trực thuộc (mã đơn vị)')
    .option('--commune <MA_XA>', 'chỉ hội viên ở xã này (mã xã)')
    .requiredOption('--format <csv|xlsx>', 'định dạng tệp: csv hoặc xlsx', formatOption)
    .requiredOption('--out <FILE>', 'tệp sẽ ghi')
    .action(async (o: { org: string; unit?: string; commune?: string; format: RosterFormat; out: string }) => {
      await withServices(async (app) => {
        const { rows } = await app
          .get(RosterExportService)
          .export({ organization: o.org.toUpperCase(), unit: o.unit, commune: o.commune, format: o.format, out: o.out }, cliCaller());
        log(`đã xuất ${rows} hồ sơ`);
        process.stdout.write(`${o.out}\n`);
      });
    });
  program
    .command('template')
    .description('ghi tệp mẫu nhập của một tổ chức (dòng tiêu đề và một dòng ví dụ)')
    .requiredOption('--org <CODE>', 'mã tổ chức (ví dụ HPN)')
    .requiredOption('--out <FILE>', 'tệp sẽ ghi')
    .option('--format <csv|xlsx>', 'định dạng tệp: csv hoặc xlsx', formatOption, 'xlsx')
    .action(async (o: { org: string; out: string; format: RosterFormat }) => {
      await withServices(async (app) => {
        await app.get(RosterExportService).template(o.org.toUpperCase(), o.out, o.format);
        process.stdout.write(`${o.out}\n`);
      });
    });
}
