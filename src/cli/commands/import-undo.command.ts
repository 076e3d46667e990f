// `lienthong import-undo JOB_ID --reason "…"`: a finished import rolled back (exit 0), or refused (exit 1).
import type { Command } from 'commander';
import { DomainError } from '../../common/errors/domain-error.js';
import { ImportUndoService } from '../../roster-io/import/import-undo.service.js';
import { cliCaller, UsageError, withServices, writeLines } from '../kit/cli-kit.js';

export function importUndoCommand(program: Command): void {
  program
    .command('import-undo')
    .description('hủy một lượt nhập đã xong (trong vòng 30 ngày, khi chưa ai sửa các hồ sơ lượt nhập đó đã ghi)')
    .argument('<JOB_ID>', 'mã lượt nhập (như `lienthong import` đã in, dòng "lượt nhập")')
    .requiredOption('--reason <TEXT>', 'lý do hủy lượt nhập (ít nhất 10 ký tự)')
    .action(undoImport);
}

async function undoImport(jobId: string, o: { reason: string }): Promise<void> {
  await withServices(async (app) => {
    try {
      const undo = app.get(ImportUndoService);
      const job = await undo.undoImport(jobId, o.reason, cliCaller());
      writeLines([
        `lượt nhập\t${job.id}`,
        `trạng thái\t${job.status}`,
        `hồ sơ đã xóa (do lượt nhập tạo)\t${job.created}`,
        `hồ sơ đã khôi phục\t${job.updated}`,
        `chi hội/đơn vị đã xóa (do lượt nhập tạo, không còn dùng)\t${(await undo.undoneOf(job.id))?.unitsRemoved ?? 0}`,
      ]);
    } catch (e) {
      // A malformed id or a reason too short is a usage error; a refusal is work that could not be done.
      if (e instanceof DomainError && e.code === 'BAD_USER_INPUT') throw new UsageError(e.message);
      throw e;
    }
  });
}
