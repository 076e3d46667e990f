// `lienthong audit --out FILE`: every active record with its person and flags, for an outside check.
import type { Command } from 'commander';
import { LinkerService } from '../../linker/linker.service.js';
import { cliCaller, withServices } from '../kit/cli-kit.js';

export function auditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      'ghi mọi hồ sơ đang sinh hoạt (ACTIVE) kèm người và các cảnh báo của hồ sơ, để kiểm tra độc lập (cột: org,ma_ho_so,person_id,ao,flags)',
    )
    .requiredOption('--out <FILE>', 'tệp CSV sẽ ghi')
    .action(async (o: { out: string }) => {
      await withServices(async (app) => {
        const n = await app.get(LinkerService).writeAudit(o.out, cliCaller());
        process.stdout.write(`hồ sơ\t${n}\ntệp\t${o.out}\n`);
      });
    });
}
