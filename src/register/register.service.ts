import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal.js';
import { AuditAction } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { isAfterDay, parsePartialDate, toStoredDate, todayInVietnam } from '../common/dates/partial-date.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { FieldProblem } from '../common/errors/field-problem.js';
import { sideFile } from '../common/files/side-files.js';
import { foldText } from '../common/text/vietnamese-text.js';
import { parseIdNumber } from '../common/identity/id-number.js';
import { parsePersonName, parseSex } from '../common/identity/person-name.js';
import { MemberRecordsService } from '../membership/member-record/member-records.service.js';
import { SecretVault } from '../personal-data/secret-vault.js';
import { bulkInsert } from '../common/sql/bulk-sql.js';
import { writeCsvFile } from '../common/files/csv.js';
import { headerKey } from '../common/files/header-key.js';
import { excelSerialDate, openRoster } from '../common/files/tabular-source.js';

/** The extract's columns (issue "Rosters in and out", item 6). */
const COLUMNS = {
  fullName: ['Họ và tên', 'ho_ten', 'ho_va_ten'],
  birthDate: ['Ngày sinh', 'ngay_sinh'],
  sex: ['Giới tính', 'gioi_tinh'],
  idNumber: ['Số CCCD', 'so_cccd', 'so dinh danh', 'so_dinh_danh'],
  communeCode: ['Mã xã', 'ma_xa'],
  state: ['Tình trạng', 'tinh_trang'],
  deathDate: ['Ngày mất', 'ngay_mat'],
} as const;
type Column = keyof typeof COLUMNS;
const BY_KEY = new Map<string, Column>(Object.entries(COLUMNS).flatMap(([k, names]) => names.map((n) => [headerKey(n), k as Column])));

export interface ResidentsSummary {
  batchId: string;
  rows: number;
  rejected: number;
  communes: number;
  replaced: number;
  errors: { row: number; message: string }[];
}

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
    await this.db.query(`DELETE FROM resident WHERE batch_id IN (SELECT id FROM resident_batch WHERE status = 'RUNNING')`);
    await this.db.query(`DELETE FROM resident_batch WHERE status = 'RUNNING'`);
    const [{ id: batchId }] = await this.db.query<{ id: string }[]>(
      `INSERT INTO resident_batch (source_name, status) VALUES ($1, 'RUNNING') RETURNING id`,
      [path.basename(file)],
    );
    const today = todayInVietnam();
    let header: Map<number, Column> | null = null;
    let rows = 0;
    const errors: { row: number; cells: string[]; message: string }[] = [];
    let pending: unknown[][] = [];
    let headerCells: string[] = [];
    const flush = async () => {
      await bulkInsert(
        this.db.manager,
        'resident',
        [
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
        ],
        pending,
      );
      pending = [];
    };
    for await (const src of source.rows) {
      if (!header) {
        const m = new Map<number, Column>();
        src.cells.forEach((c, i) => {
          const k = BY_KEY.get(headerKey(c));
          if (k) m.set(i, k);
        });
        if ([...m.values()].includes('fullName') && m.size >= 3) {
          header = m;
          headerCells = src.cells;
        }
        continue;
      }
      if (src.cells.every((c) => !c.trim())) continue;
      const v = (k: Column) => {
        for (const [i, c] of header!) if (c === k) return (src.cells[i] ?? '').trim();
        return '';
      };
      const problems: string[] = [];
      const name = parsePersonName(v('fullName'));
      if (!name.ok) problems.push(`Họ và tên: ${name.reason}`);
      const birthText = excelSerialDate(v('birthDate'));
      const birth = birthText ? parsePartialDate(birthText, { allowYearOnly: true }) : null;
      if (birth && !birth.ok) problems.push(`Ngày sinh: ${birth.reason}`);
      const sex = v('sex') ? parseSex(v('sex')) : null;
      if (sex && !sex.ok) problems.push(`Giới tính: ${sex.reason}`);
      const id = v('idNumber') ? parseIdNumber(v('idNumber')) : null;
      if (id && !id.ok) problems.push(`Số CCCD: ${id.reason}`);
      const communeProblems: FieldProblem[] = [];
      const commune = this.records.resolveCommune({ communeCode: v('communeCode') || null }, communeProblems);
      problems.push(...communeProblems.map((p) => p.message));
      const state = foldText(v('state'));
      const alive = state === '' || state === 'con song' ? true : state === 'da mat' || state === 'chet' ? false : null;
      if (alive === null) problems.push(`Tình trạng: '${v('state')}' phải là 'Còn sống' hoặc 'Đã mất'`);
      const deathText = excelSerialDate(v('deathDate'));
      const death = deathText ? parsePartialDate(deathText) : null;
      if (death && !death.ok) problems.push(`Ngày mất: ${death.reason}`);
      else if (death?.ok && isAfterDay(death.value, today)) problems.push('Ngày mất: ở tương lai');
      if (problems.length || !name.ok) {
        errors.push({ row: src.row, cells: src.cells, message: problems.join('; ') });
        continue;
      }
      const sealed = this.vault.sealIdNumber(id?.ok ? id.value.digits : null);
      pending.push([
        batchId,
        name.value.fullName,
        name.value.folded,
        birth?.ok ? toStoredDate(birth.value) : null,
        birth?.ok ? birth.value.precision : null,
        sex?.ok ? sex.value : null,
        sealed.idNumberSealed,
        sealed.idNumberHash,
        sealed.idNumberMasked,
        commune.values.communeCode,
        commune.values.communeEnteredCode,
        alive,
        death?.ok ? toStoredDate(death.value) : null,
      ]);
      rows++;
      if (pending.length >= 2000) await flush();
    }
    if (!header)
      throw new DomainError(
        'BAD_USER_INPUT',
        `'${path.basename(file)}': không tìm thấy dòng tiêu đề (Họ và tên, Ngày sinh, Giới tính, Số CCCD, Mã xã, Tình trạng, Ngày mất)`,
      );
    if (pending.length) await flush();
    const replaced = await this.db.transaction(async (em) => {
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
    if (errors.length) {
      const out = errorsFile ?? sideFile(file, 'errors');
      await writeCsvFile(
        out,
        [...headerCells, 'Dòng trong tệp gốc', 'Lỗi'],
        errors.map((e) => [...e.cells, String(e.row), e.message]),
      );
    }
    return {
      batchId,
      rows,
      rejected: errors.length,
      communes: replaced.communes,
      replaced: replaced.replaced,
      errors: errors.map((e) => ({ row: e.row, message: e.message })),
    };
  }
}
