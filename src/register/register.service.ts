import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { todayInVietnam } from '../common/dates/partial-date.js';
import { DomainError } from '../common/errors/domain-error.js';
import { sideFile } from '../common/files/side-files.js';
import { MemberRecordsService } from '../membership/member-record/member-records.service.js';
import { SecretVault } from '../personal-data/secret-vault.js';
import { bulkInsert, type SqlColumn } from '../common/sql/bulk-sql.js';
import { writeCsvFile } from '../common/files/csv.js';
import { openRoster, type RosterSource } from '../common/files/tabular-source.js';
import { extractHeader, readExtractRow, type ExtractHeader, type ResidentValues } from './register-extract.js';

export interface ResidentsSummary {
  batchId: string;
  rows: number;
  rejected: number;
  communes: number;
  replaced: number;
  errors: { row: number; message: string }[];
}

/** What staging read: the rows kept, the rows refused (with their cells, for the error file), the header as written. */
interface Staged {
  rows: number;
  errors: { row: number; cells: string[]; message: string }[];
  headerCells: string[];
}

/** The resident table's columns, in the order `residentRow` gives them. */
const RESIDENT_COLUMNS: SqlColumn[] = [
  ['batch_id', 'uuid'],
  ['full_name', 'text'],
  ['name_folded', 'text'],
  ['birth_date', 'date'],
  ['birth_date_precision', 'varchar'],
  ['sex', 'varchar'],
  ['id_number_sealed', 'bytea'],
  ['id_number_hash', 'bytea'],
  ['id_number_masked', 'varchar'],
  ['commune_code', 'varchar'],
  ['commune_entered_code', 'varchar'],
  ['alive', 'bool'],
  ['death_date', 'date'],
];

/** Rows staged per INSERT. */
const STAGE_BATCH = 2000;

/**
 * Imports an extract of the population register. Rows are staged under a new batch; at the end,
 * in one transaction, the batch becomes the extract of the communes it covers and the earlier rows
 * of those communes go. A killed import leaves a RUNNING batch that nothing reads and the next
 * import removes.
 */
@Injectable()
export class RegisterService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly vault: SecretVault,
    private readonly audit: AuditService,
  ) {}

  async import(file: string, actor: Principal, errorsFile?: string | null): Promise<ResidentsSummary> {
    const source = await openRoster(file);
    const batchId = await this.startBatch(file);
    const staged = await this.stage(source, batchId, file);
    const replaced = await this.replaceCommunes(batchId, staged, actor);
    if (staged.errors.length)
      await writeCsvFile(
        errorsFile ?? sideFile(file, 'errors'),
        [...staged.headerCells, 'Dòng trong tệp gốc', 'Lỗi'],
        staged.errors.map((e) => [...e.cells, String(e.row), e.message]),
      );
    return {
      batchId,
      rows: staged.rows,
      rejected: staged.errors.length,
      communes: replaced.communes,
      replaced: replaced.replaced,
      errors: staged.errors.map((e) => ({ row: e.row, message: e.message })),
    };
  }

  /** Removes what a killed import left, and opens a RUNNING batch for this file. */
  private async startBatch(file: string): Promise<string> {
    await this.db.query(`DELETE FROM resident WHERE batch_id IN (SELECT id FROM resident_batch WHERE status = 'RUNNING')`);
    await this.db.query(`DELETE FROM resident_batch WHERE status = 'RUNNING'`);
    const [{ id }] = await this.db.query<{ id: string }[]>(
      `INSERT INTO resident_batch (source_name, status) VALUES ($1, 'RUNNING') RETURNING id`,
      [path.basename(file)],
    );
    return id;
  }

  /** Reads the file: rows before the header are skipped, blank rows too; good rows go into the batch. */
  private async stage(source: RosterSource, batchId: string, file: string): Promise<Staged> {
    const today = todayInVietnam();
    const staged: Staged = { rows: 0, errors: [], headerCells: [] };
    let header: ExtractHeader | null = null;
    let pending: unknown[][] = [];
    const resolveCommune = (code: string | null, problems: Parameters<MemberRecordsService['resolveCommune']>[1]) => {
      const { communeCode, communeEnteredCode } = this.records.resolveCommune({ communeCode: code }, problems).values;
      return { communeCode, communeEnteredCode };
    };
    for await (const src of source.rows) {
      if (!header) {
        header = extractHeader(src.cells);
        if (header) staged.headerCells = src.cells;
        continue;
      }
      if (src.cells.every((c) => !c.trim())) continue;
      const read = readExtractRow(src.cells, header, today, resolveCommune);
      if (!read.ok) {
        staged.errors.push({ row: src.row, cells: src.cells, message: read.message });
        continue;
      }
      pending.push(this.residentRow(batchId, read.value));
      staged.rows++;
      if (pending.length >= STAGE_BATCH) pending = await this.insert(pending);
    }
    if (!header)
      throw new DomainError(
        'BAD_USER_INPUT',
        `'${path.basename(file)}': không tìm thấy dòng tiêu đề (Họ và tên, Ngày sinh, Giới tính, Số CCCD, Mã xã, Tình trạng, Ngày mất)`,
      );
    if (pending.length) await this.insert(pending);
    return staged;
  }

  private residentRow(batchId: string, r: ResidentValues): unknown[] {
    const sealed = this.vault.sealIdNumber(r.idDigits);
    return [
      batchId,
      r.fullName,
      r.nameFolded,
      r.birthDate,
      r.birthDatePrecision,
      r.sex,
      sealed.idNumberSealed,
      sealed.idNumberHash,
      sealed.idNumberMasked,
      r.commune.communeCode,
      r.commune.communeEnteredCode,
      r.alive,
      r.deathDate,
    ];
  }

  /** Inserts the pending rows; returns an empty list for the next ones. */
  private async insert(pending: unknown[][]): Promise<unknown[][]> {
    await bulkInsert(this.db.manager, 'resident', RESIDENT_COLUMNS, pending);
    return [];
  }

  /** In one transaction: the batch replaces the earlier rows of the communes it covers, and is audited. */
  private async replaceCommunes(batchId: string, staged: Staged, actor: Principal): Promise<{ communes: number; replaced: number }> {
    const { rows, errors } = staged;
    return this.db.transaction(async (em) => {
      const communes = (
        await em.query<{ c: string }[]>(
          `SELECT DISTINCT commune_code AS c FROM resident WHERE batch_id = $1 AND commune_code IS NOT NULL`,
          [batchId],
        )
      ).map((r) => r.c);
      const [, count] = await em.query<[unknown, number]>(`DELETE FROM resident WHERE batch_id <> $1 AND commune_code = ANY($2)`, [
        batchId,
        communes,
      ]);
      await em.query(
        `UPDATE resident_batch SET status = 'DONE', rows = $2, rejected = $3, communes = $4, finished_at = now() WHERE id = $1`,
        [batchId, rows, errors.length, communes],
      );
      await this.audit.record(
        actor,
        {
          action: AuditAction.IMPORT,
          subjectType: 'RESIDENT_EXTRACT',
          subjectId: batchId,
          detail: { rows, rejected: errors.length, communes: communes.length },
        },
        em,
      );
      return { communes: communes.length, replaced: count };
    });
  }
}
