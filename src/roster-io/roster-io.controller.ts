import { randomUUID } from 'node:crypto';
import { chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import multer from 'multer';
import { Allow, Caller, ROSTER_WRITERS } from '../access/access.decorators.js';
import { CLEAR_DATA_TAKERS } from '../access/clear-data.js';
import type { Principal } from '../access/principal.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { FieldProblem } from '../common/errors/field-problem.js';
import { sideFileName } from '../common/files/side-files.js';
import { privateUploadDir, sendTempFile } from '../common/http/send-temp-file.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RosterExportService, type RosterFormat } from './export/roster-export.service.js';
import { RosterImportService } from './import/roster-import.service.js';
import { MAX_UPLOAD_BYTES, UploadAbortedInterceptor, UploadFilter } from './upload-filters.js';

/** The DATA_DIR under whose uploads/<pid> multer writes, set when the controller is built (the decorator runs before). */
let uploadsDataDir = path.join(os.tmpdir(), 'lienthong-uploads');

interface UploadedRoster {
  path: string;
  originalname: string;
  size: number;
}

/**
 * Rosters over HTTP for secretariats, outside GraphQL (multipart and downloads), with the same
 * bearer token and the same roles: upload starts an import job (its status is the `importJob`
 * query), the error and result files, the export and the template download.
 */
@Controller()
export class RosterIoController {
  constructor(
    private readonly importer: RosterImportService,
    private readonly exporter: RosterExportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    uploadsDataDir = config.dataDir;
  }

  @Allow(...ROSTER_WRITERS)
  @Post('imports')
  @HttpCode(202)
  @UseFilters(UploadFilter)
  @UseInterceptors(
    UploadAbortedInterceptor,
    FileInterceptor('file', {
      storage: multer.diskStorage({
        destination: (_req, _file, cb) => cb(null, privateUploadDir(uploadsDataDir)),
        // The stored name is ours: the file's own name (any bytes) is only shown back, never a path.
        filename: (_req, _file, cb) => cb(null, `${randomUUID()}.upload`),
      }),
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 },
      // Browsers send file names as UTF-8 ("danh-sách-hội-viên.xlsx"); multer reads Latin-1 by default.
      defParamCharset: 'utf8',
    }),
  )
  async upload(
    @UploadedFile() file: UploadedRoster | undefined,
    @Query('organization') organization: string | undefined,
    @Query('createUnits') createUnits: string | undefined,
    @Query('sheet') sheet: string | undefined,
    @Query('preview') preview: string | undefined,
    @Query('assignIds') assignIds: string | undefined,
    @Caller() caller: Principal,
  ): Promise<{ jobId: string; status: string }> {
    if (!file)
      throw DomainError.invalidInput([
        { field: 'file', value: null, message: "Tệp: gửi tệp .csv hoặc .xlsx trong trường 'file' (multipart/form-data)" },
      ]);
    const removeUpload = () => rm(file.path, { force: true }).catch(() => undefined);
    const refused = uploadProblem(file, organization);
    if (refused) {
      await removeUpload();
      throw DomainError.invalidInput([refused]);
    }
    try {
      await chmod(file.path, 0o600);
      const { jobId, done } = await this.importer.start(
        file.path,
        {
          organization: organization!.toUpperCase(),
          createUnits: createUnits === 'true',
          // As the CLI's --assign-ids: an empty Mã hồ sơ cell is a row without a code (matched or given one), not an error.
          assignIds: assignIds === 'true',
          sheet: sheet || null,
          sourceName: file.originalname,
          // Codes assigned to a file without Mã hồ sơ stay on the records, and in GET /imports/:id/result.xlsx; no file is left beside the upload.
          writeResult: false,
          // A preview plans only: the job waits (PREVIEW) for confirmImport, its file kept under DATA_DIR.
          preview: preview === 'true',
          // What she sees before it is written: her secretariat's earlier corrections of the same headers read again.
          rememberMapping: preview === 'true',
        },
        caller,
      );
      // The job keeps its outcome (DONE, FAILED with the reason, or a preview's plan with its own copy of the file under
      // DATA_DIR/previews): here only the upload goes, whatever happened — her roster is never left where it was sent.
      void done.then(removeUpload, removeUpload);
      if (preview === 'true')
        return {
          jobId,
          status: `query { importPreview(jobId: "${jobId}") { status counts { fate count } rows { row fate code reason } } }`,
        };
      return { jobId, status: `query { importJob(id: "${jobId}") { status created updated unchanged rejected } }` };
    } catch (e) {
      await removeUpload();
      throw e;
    }
  }

  @Allow(...ROSTER_WRITERS)
  @Get('imports/:id/errors.:format')
  async errorFile(
    @Param('id') id: string,
    @Param('format') format: string,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const f = checkFormat(format);
    const job = await this.importer.job(id, caller);
    await this.sendTemp(res, sideFileName(job.sourceName, 'errors', f), (out) => this.importer.writeErrorFile(job.id, out, caller));
  }

  /**
   * The result file of an import whose codes were assigned (a file without Mã hồ sơ): her rows with
   * the code each got, its outcome and warnings. Same access and audit as the error file.
   */
  @Allow(...ROSTER_WRITERS)
  @Get('imports/:id/result.:format')
  async resultFile(
    @Param('id') id: string,
    @Param('format') format: string,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const f = checkFormat(format);
    const job = await this.importer.job(id, caller);
    if (!(await this.importer.hasResult(job.id)))
      throw new DomainError(
        'NOT_FOUND',
        `Lượt nhập này không có tệp kết quả: tệp đã có cột Mã hồ sơ nên không có mã nào được gán, hoặc lượt nhập đã quá 30 ngày (tệp lỗi: /imports/${job.id}/errors.xlsx)`,
      );
    await this.sendTemp(res, sideFileName(job.sourceName, 'result', f), (out) => this.importer.writeResultFile(job.id, out, caller));
  }

  @Allow(...ROSTER_WRITERS)
  @Get('exports/:org.:format')
  async export(
    @Param('org') org: string,
    @Param('format') format: string,
    @Query('unit') unit: string | undefined,
    @Query('status') status: string | undefined,
    @Query('commune') commune: string | undefined,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const f = checkFormat(format);
    // Named by what it holds (HPN-TO-3.xlsx, HPN-03334.xlsx): two filtered downloads are not two "HPN (1).xlsx".
    const name = [org.toUpperCase(), unit, commune].filter(Boolean).join('-');
    await this.sendTemp(res, `${name}.${f}`, (out) =>
      this.exporter.export(
        { organization: org.toUpperCase(), unit, status: status || null, commune: commune || null, format: f, out },
        caller,
      ),
    );
  }

  /**
   * The roster with the full CCCD numbers: a POST, so that the written reason travels in the body
   * (never in a URL or a server log) and a browser session must send its CSRF header. Who may: the
   * rule for clear data (access/clear-data.ts); logged with the reason and the count.
   */
  @Allow(...CLEAR_DATA_TAKERS)
  @Post('exports/:org/cccd.:format')
  @HttpCode(200)
  async exportClear(
    @Param('org') org: string,
    @Param('format') format: string,
    @Body() body: { reason?: unknown; unit?: unknown; status?: unknown; commune?: unknown } | undefined,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const f = checkFormat(format);
    const reason = typeof body?.reason === 'string' ? body.reason.slice(0, 500) : '';
    const unit = typeof body?.unit === 'string' && body.unit ? body.unit : null;
    const status = typeof body?.status === 'string' && body.status ? body.status : null;
    const commune = typeof body?.commune === 'string' && body.commune ? body.commune : null;
    await this.sendTemp(res, `${org.toUpperCase()}-cccd.${f}`, (out) =>
      this.exporter.export({ organization: org.toUpperCase(), unit, status, commune, format: f, out, clearIdNumbers: { reason } }, caller),
    );
  }

  @Allow(...ROSTER_WRITERS)
  @Get('templates/:org.:format')
  async template(@Param('org') org: string, @Param('format') format: string, @Res() res: Response): Promise<void> {
    const f = checkFormat(format);
    await this.sendTemp(res, `mau-${org.toUpperCase()}.${f}`, (out) => this.exporter.template(org.toUpperCase(), out, f));
  }

  private sendTemp(res: Response, name: string, write: (out: string) => Promise<unknown>): Promise<void> {
    return sendTempFile(res, this.config.dataDir, name, write);
  }
}

/** What is wrong with an upload before it is read (no organization, a file name with control characters), or null. */
function uploadProblem(file: UploadedRoster, organization: string | undefined): FieldProblem | null {
  if (!organization) return { field: 'organization', value: null, message: 'Tổ chức: cần ?organization=MÃ (ví dụ DTN)' };
  if (/[\u0000-\u001f\u007f-\u009f]/.test(file.originalname))
    return {
      field: 'file',
      value: null,
      message: 'Tên tệp có ký tự điều khiển (ví dụ %00) nên không được nhận: hãy đổi tên tệp (chỉ chữ, số, dấu cách, - và _) rồi gửi lại',
    };
  return null;
}

function checkFormat(format: string): RosterFormat {
  if (format !== 'csv' && format !== 'xlsx')
    throw DomainError.invalidInput([{ field: 'format', value: format, message: `Định dạng '${format}': csv hoặc xlsx` }]);
  return format;
}
