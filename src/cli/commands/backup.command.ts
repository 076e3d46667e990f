// `lienthong backup --out FILE` and `lienthong restore FILE --data-dir NEW`: the embedded cluster
// copied while the server runs, and made into a new DATA_DIR (src/database/backup/).
import type { Command } from 'commander';
import path from 'node:path';
import { EXTERNAL_DATABASE as EXTERNAL, restoredAccessNote } from '../../backups/backup-messages.js';
import { BackupsService } from '../../backups/backups.service.js';
import { byteSize } from '../../common/text/byte-size.js';
import { loadConfig } from '../../config/app-config.js';
import { restoreBaseBackup } from '../../database/backup/restore-backup.js';
import { cliCaller, log, UsageError, withServices, writeLines } from '../kit/cli-kit.js';

export function backupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'sao lưu cơ sở dữ liệu đi kèm ngay khi máy chủ đang chạy, vào một tệp .tar.gz (chỉ kèm khóa dữ liệu cá nhân khi có --with-key)',
    )
    .requiredOption('--out <FILE>', 'tệp sao lưu sẽ ghi (.tar.gz)')
    .option('--with-key', 'kèm cả khóa dữ liệu cá nhân (lienthong.key) vào tệp sao lưu: khi đó phải giữ tệp sao lưu kín như chính khóa')
    .action(async (o: { out: string; withKey?: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw new Error(EXTERNAL);
      const started = Date.now();
      // Through the services (like any command, attached to the running cluster or starting it): its row and audit line kept.
      const r = await withServices((app) =>
        app.get(BackupsService).take(cliCaller(), { out: path.resolve(o.out), withKey: !!o.withKey, log }),
      );
      log(
        r.withKey
          ? `bản sao lưu CÓ chứa khóa dữ liệu cá nhân: ai có tệp này là đọc được mọi số CCCD — giữ nó kín như chính khóa`
          : `bản sao lưu KHÔNG chứa khóa dữ liệu cá nhân: hãy cất riêng ${config.key ? 'LIENTHONG_KEY' : r.keyFile} — thiếu khóa thì bản sao lưu vô dụng`,
      );
      writeLines([
        `tệp\t${r.file}`,
        `dung lượng\t${byteSize(r.bytes)} (${r.bytes} byte)`,
        `WAL\t${r.startLsn} → ${r.stopLsn} (${r.walSegments} tệp)`,
        `khóa trong bản sao lưu\t${r.withKey ? 'có' : 'không'}`,
        `thời gian\t${((Date.now() - started) / 1000).toFixed(1)} s`,
      ]);
    });
  program
    .command('restore')
    .description('khôi phục một tệp do `lienthong backup` tạo vào một thư mục DATA_DIR mới, còn trống')
    .argument('<FILE>', 'tệp sao lưu (.tar.gz)')
    .option('--data-dir <DIR>', 'thư mục DATA_DIR mới (không ghi thì lấy biến DATA_DIR); thư mục phải trống hoặc chưa có')
    .option(
      '--key <FILE>',
      'tệp khóa dữ liệu cá nhân cất riêng khỏi bản sao lưu (không ghi thì dùng LIENTHONG_KEY, hoặc khóa có trong tệp sao lưu)',
    )
    .action(async (file: string, o: { dataDir?: string; key?: string }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw new Error(EXTERNAL);
      if (!o.dataDir && !process.env.DATA_DIR?.trim()) throw new UsageError('restore: hãy chỉ thư mục DATA_DIR mới (--data-dir THƯ_MỤC)');
      const started = Date.now();
      const r = await restoreBaseBackup({
        file: path.resolve(file),
        dataDir: o.dataDir ? path.resolve(o.dataDir) : config.dataDir,
        keyFile: o.key ? path.resolve(o.key) : null,
        envKey: config.key,
        log,
      });
      log(
        `đã khôi phục vào ${r.dataDir}; khởi động máy chủ với DATA_DIR=${r.dataDir}${r.keySource === 'LIENTHONG_KEY' ? ' và cùng LIENTHONG_KEY' : ''}`,
      );
      log(restoredAccessNote(r.takenAt, r.access));
      writeLines([
        `thư mục\t${r.dataDir}`,
        `hồ sơ\t${r.records}`,
        `khóa\t${r.keySource}`,
        `thời gian\t${((Date.now() - started) / 1000).toFixed(1)} s`,
      ]);
    });
}
