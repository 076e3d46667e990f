// `lienthong export` and `lienthong template`: a roster, or an empty one, in the import template.
import type { Command } from 'commander';
import { RosterExportService, type RosterFormat } from '../../roster-io/export/roster-export.service.js';
import { cliCaller, log, withServices } from '../kit/cli-kit.js';
import { formatOption } from '../kit/cli-options.js';

export function exportCommands(program: Command): void {
  program
    .command('export')
    .description('export a roster in the import template (ID numbers masked)')
    .requiredOption('--org <CODE>', 'the organization')
    .option('--unit <U>', 'only this unit and its subtree')
    .option('--commune <MA_XA>', 'only the members of this commune (its code)')
    .requiredOption('--format <csv|xlsx>', 'file format', formatOption)
    .requiredOption('--out <FILE>', 'the file to write')
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
    .description('write the import template of an organization (header and an example row)')
    .requiredOption('--org <CODE>', 'the organization')
    .requiredOption('--out <FILE>', 'the file to write')
    .option('--format <csv|xlsx>', 'file format', formatOption, 'xlsx')
    .action(async (o: { org: string; out: string; format: RosterFormat }) => {
      await withServices(async (app) => {
        await app.get(RosterExportService).template(o.org.toUpperCase(), o.out, o.format);
        process.stdout.write(`${o.out}\n`);
      });
    });
}
