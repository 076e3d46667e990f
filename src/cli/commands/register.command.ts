// `lienthong import-residents FILE`: an extract of the population register (the CLI keeps its old name).
import type { Command } from 'commander';
import { SIDE_FILES } from '../../common/files/side-files.js';
import { RegisterService } from '../../register/register.service.js';
import { cliCaller, log, withServices } from '../kit/cli-kit.js';

export function registerCommand(program: Command): void {
  program
    .command('import-residents')
    .description('nhập trích xuất CSDL dân cư (thay thế phần trích xuất trước đó của các xã có trong tệp)')
    .argument('<FILE>', 'tệp trích xuất, các cột: Họ và tên, Ngày sinh, Giới tính, Số CCCD, Mã xã, Tình trạng, Ngày mất')
    .option('--errors <FILE>', `nơi ghi các dòng lỗi (mặc định: <tên>.${SIDE_FILES.errors}.csv, cạnh tệp nhập)`)
    .action(async (file: string, o: { errors?: string }) => {
      await withServices(async (app) => {
        const s = await app.get(RegisterService).import(file, cliCaller(), o.errors);
        for (const e of s.errors.slice(0, 20)) log(`dòng ${e.row}: ${e.message}`);
        if (s.errors.length > 20) log(`… và ${s.errors.length - 20} dòng lỗi khác`);
        process.stdout.write(`dòng\t${s.rows}\nlỗi\t${s.rejected}\nxã\t${s.communes}\nthay thế\t${s.replaced}\n`);
      });
    });
}
