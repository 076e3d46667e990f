import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertOrganizationInScope, type Principal } from '../../access/principal.js';
import { readScope, scopeWhere } from '../../access/record-scope.js';
import {
  ANY_PRECISION,
  formatVnPartialDate,
  fromStoredDate,
  parsePartialDate,
  type DatePrecision,
} from '../../common/dates/partial-date.js';
import { clearDataScope, requireReason } from '../../access/clear-data.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../../membership/status/member-status.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { statusLabel } from '../../membership/organization/status-wording.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import { Unit, UnitKind } from '../../membership/unit/unit.entity.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { communeCondition, communeFilter } from '../../membership/member-record/commune-filter.js';
import { likePrefix } from '../../common/sql/escape-like.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { GeographyService } from '../../geography/geography.service.js';
import { templateColumns, type RosterColumn } from '../roster-columns.js';
import { byVietnameseName } from '../../common/text/vietnamese-text.js';

import { dayCell, filedColumns, isDateColumn, openFiledRoster, type FiledCell } from './filed-roster.js';
import { asOfLine, filedFoot, provinceIssuer } from './filed-roster-form.js';
import { makeWritable, openRosterWriter as openWriter, type RosterFormat } from './roster-writer.js';

export type { RosterFormat } from './roster-writer.js';

/** The heading of the exported records in no unit, after the others. */
const NO_UNIT = 'Chưa xếp chi hội';

interface ExportRow {
  id: string;
  given_key: string;
  name_folded: string;
  external_id: string;
  full_name: string;
  birth_date: string | null;
  birth_date_precision: DatePrecision | null;
  sex: 'MALE' | 'FEMALE' | null;
  id_number_masked: string | null;
  /** Selected only for an export with the full numbers. */
  id_number_sealed: Buffer | null;
  phone: string | null;
  commune_code: string | null;
  commune_entered_code: string | null;
  commune_name: string | null;
  ethnicity: string | null;
  village: string | null;
  unit_code: string | null;
  unit_name: string | null;
  join_date: string | null;
  join_date_precision: DatePrecision | null;
  status: MemberStatus;
  last_activity_date: string | null;
  last_activity_date_precision: DatePrecision | null;
  last_dues_date: string | null;
  last_dues_date_precision: DatePrecision | null;
  profile: Record<string, string | number | boolean>;
}

/** `dd/mm/yyyy`, `mm/yyyy` or `yyyy` (the precision it was given), as Vietnamese rosters write dates. */
const vnDate = (iso: string | null, precision: DatePrecision | null) => (iso ? formatVnPartialDate(fromStoredDate(iso, precision)) : '');

/** One record as a template row: what the import reads back to the same record (ID numbers masked). */
export function templateRow(r: ExportRow, columns: RosterColumn[], def: OrganizationDefinition): string[] {
  const value: Record<string, string> = {
    externalId: r.external_id,
    fullName: r.full_name,
    birthDate: vnDate(r.birth_date, r.birth_date_precision),
    sex: r.sex === 'MALE' ? 'Nam' : r.sex === 'FEMALE' ? 'Nữ' : '',
    idNumber: r.id_number_masked ?? '',
    phone: r.phone ?? '',
    communeCode: r.commune_code ?? r.commune_entered_code ?? '',
    ethnicity: r.ethnicity ?? '',
    village: r.village ?? '',
    unit: r.unit_code ?? '',
    joinDate: vnDate(r.join_date, r.join_date_precision),
    status: statusLabel(r.status, def),
    lastActivityDate: vnDate(r.last_activity_date, r.last_activity_date_precision),
    lastDuesDate: vnDate(r.last_dues_date, r.last_dues_date_precision),
  };
  return columns.map((c) => {
    if (!c.key.startsWith('profile.')) return value[c.key] ?? '';
    const v = r.profile[c.key.slice(8)];
    const day = c.profileField?.type === 'DATE' && typeof v === 'string' ? parsePartialDate(v, ANY_PRECISION) : null;
    if (day?.ok) return formatVnPartialDate(day.value); // a profile date (`2016-03`) as the others: `03/2016`
    return v === undefined ? '' : typeof v === 'boolean' ? (v ? 'Có' : 'Không') : String(v);
  });
}

/** A filed roster's row: STT, her columns with real dates, the commune's and the unit's names beside their codes. */
export function filedRow(r: ExportRow, columns: RosterColumn[], def: OrganizationDefinition, n: number): FiledCell[] {
  const cells = templateRow(r, columns, def);
  const out: FiledCell[] = [n];
  columns.forEach((c, i) => {
    out.push(isDateColumn(c) ? dayCell(cells[i]) : cells[i]);
    if (c.key === 'communeCode') out.push(r.commune_name ?? '');
    if (c.key === 'unit') out.push(r.unit_name ?? '');
  });
  return out;
}

export interface ExportOptions {
  organization: string;
  unit?: string | null;
  /** Only the records of this status (the roster screen's filter: `Đang sinh hoạt` sends no one who died). */
  status?: string | null;
  /** Only the records of this commune (Mã xã: the roster screen's commune filter). */
  commune?: string | null;
  format: RosterFormat;
  out: string;
  /** The full CCCD numbers instead of the masked ones, for this written reason (.xlsx or CSV alike). */
  clearIdNumbers?: { reason: string } | null;
}

/** Who a filed roster is of (its second line) and the place of its date line. */
interface Issuer {
  name: string;
  place: string | null;
  /** The body above it, named on the line over it (a chi hội's base: HỘI LHPN PHƯỜNG …); none: the organization. */
  above?: string | null;
  /** A chi hội, chi đoàn or tổ: signed by its head, not by a committee. */
  branch?: boolean;
}

/** Under the title of a file with the full numbers. */
const CLEAR_NUMBERS_NOTE = 'Có số CCCD đầy đủ: chỉ dùng cho mục đích đã ghi, không gửi tiếp, xóa tệp khi dùng xong';

/** Writes rosters and the import template in the template's columns, streaming. */
@Injectable()
export class RosterExportService {
  constructor(
    private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly geography: GeographyService,
    private readonly vault: SecretVault,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The roster of an organization (or of one unit's subtree) within the caller's scope, ID numbers
   * masked; with `clearIdNumbers` the full numbers, under the rule for clear data (access/clear-data.ts):
   * a written reason, what the caller may change. Logged with the count of records (and the reason).
   */
  async export(opts: ExportOptions, actor: Principal): Promise<{ rows: number }> {
    const clear = opts.clearIdNumbers ? requireReason(opts.clearIdNumbers.reason, 'xuất số CCCD đầy đủ') : null;
    const scope = clear ? clearDataScope(actor) : readScope(actor);
    assertOrganizationInScope(scope, opts.organization, clear ? 'xuất danh sách có số CCCD đầy đủ' : 'xuất danh sách');
    const def = await this.organizations.get(opts.organization);
    await makeWritable(opts.out);
    const unit = opts.unit ? await this.units.findByCode(def.code, opts.unit) : null;
    // The organization, the unit asked for and the caller's scope; the keyset follows as the last three parameters.
    const where = ['r.organization_code = $1', 'r.erased_at IS NULL'];
    const params: unknown[] = [def.code];
    if (unit) where.push(`u.path LIKE $${params.push(likePrefix(unit.path))}`);
    if (opts.status) where.push(`r.status = $${params.push(exportStatus(opts.status))}`);
    if (opts.commune) {
      const c = communeFilter(this.geography, opts.commune);
      const codes = `$${params.push(c.codes)}`;
      where.push(communeCondition(c, codes, c.enteredCode ? `$${params.push(c.enteredCode)}` : ''));
    }
    scopeWhere(scope, where, params);
    const k = params.length;
    const columns = templateColumns(def);
    const issuer = opts.format === 'xlsx' ? await this.issuerOf(def, unit, actor, where, params) : null;
    const sink = await this.openSink(opts, def, issuer, columns, !!clear);
    let rows = 0;
    // The filed roster as she files it: chi hội by chi hội, each under its heading (a CSV, the template's rows, by name).
    const groups = opts.format === 'xlsx' ? await this.unitGroups(where, params) : [undefined];
    for (const group of groups) {
      if (group && groups.length > 1) await sink.section(group.name);
      const inGroup = group ? (group.id ? `r.unit_id = $${k + 4}::uuid` : 'r.unit_id IS NULL') : 'true';
      let after: [string, string, string] | null = null;
      for (;;) {
        const page: ExportRow[] = await this.db.query<ExportRow[]>(
          `SELECT r.id, r.given_key, r.name_folded, r.external_id, r.full_name, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.birth_date_precision, r.sex,
                r.id_number_masked, ${clear ? 'r.id_number_sealed' : 'NULL::bytea'} AS id_number_sealed, r.phone, r.commune_code, r.commune_entered_code,
                c.name AS commune_name, r.ethnicity, r.village, u.code AS unit_code, u.name AS unit_name,
                to_char(r.join_date, 'YYYY-MM-DD') AS join_date, r.join_date_precision, r.status, to_char(r.last_activity_date, 'YYYY-MM-DD') AS last_activity_date,
                r.last_activity_date_precision, to_char(r.last_dues_date, 'YYYY-MM-DD') AS last_dues_date, r.last_dues_date_precision, r.profile
           FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN commune c ON c.code = r.commune_code
          WHERE ${where.join(' AND ')} AND ${inGroup}
            AND ($${k + 1}::text IS NULL OR (r.given_key, r.name_folded, r.id) > ($${k + 1}, $${k + 2}, $${k + 3}::uuid))
          ORDER BY r.given_key, r.name_folded, r.id LIMIT 5000`,
          [...params, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, ...(group?.id ? [group.id] : [])],
        );
        for (const r of page) {
          // The full number goes where the masked one would: the file's one CCCD column.
          if (r.id_number_sealed) r.id_number_masked = this.vault.open(r.id_number_sealed);
          await sink.row(r, ++rows);
        }
        if (page.length < 5000) break;
        const last = page[page.length - 1];
        after = [last.given_key, last.name_folded, last.id];
      }
    }
    await sink.close();
    await this.audit.record(actor, {
      action: AuditAction.EXPORT,
      subjectType: 'ROSTER',
      organization: def.code,
      // The count and the kind of file, never a number; the reason goes to the audit note.
      detail: {
        rows,
        format: opts.format,
        unit: opts.unit ?? null,
        status: opts.status ?? null,
        commune: opts.commune ?? null,
        clearIdNumbers: !!clear,
      },
      reason: clear,
    });
    return { rows };
  }

  /** The units the exported records are in, in Vietnamese list order, none last. */
  private async unitGroups(where: string[], params: unknown[]): Promise<{ id: string | null; name: string }[]> {
    const units = await this.db.query<{ id: string | null; name: string | null }[]>(
      `SELECT DISTINCT r.unit_id AS id, u.name FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE ${where.join(' AND ')}`,
      params,
    );
    return units.sort((a, b) => byVietnameseName(a.name, b.name)).map((u) => ({ id: u.id, name: u.name ?? NO_UNIT }));
  }

  /** CSV: the template's columns, a row as the import reads it; .xlsx: the filed roster (filed-roster.ts). */
  private async openSink(opts: ExportOptions, def: OrganizationDefinition, issuer: Issuer | null, columns: RosterColumn[], clear: boolean) {
    if (opts.format === 'csv') {
      const w = await openWriter(
        opts.out,
        'csv',
        columns.map((c) => c.header),
      );
      return { row: (r: ExportRow) => w.row(templateRow(r, columns, def)), section: () => Promise.resolve(), close: () => w.close() };
    }
    const now = new Date();
    const w = openFiledRoster(
      opts.out,
      {
        organization: issuer?.above ?? def.name,
        issuer: issuer?.name ?? null,
        title: `DANH SÁCH ${def.memberTerm.toUpperCase()}`,
        asOf: asOfLine(now),
        notes: clear ? [CLEAR_NUMBERS_NOTE] : [],
      },
      filedColumns(columns),
    );
    // The foot counts each status on its own (a member sinh hoạt tạm thời is not one đang sinh hoạt).
    const counts = new Map<MemberStatus, number>();
    // …and the women among the members, as a roster's foot says it.
    let women = 0;
    return {
      row: (r: ExportRow, n: number) => {
        counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
        if (r.sex === 'FEMALE' && !MEMBER_STATUS_INFO[r.status].ends) women++;
        return w.row(filedRow(r, columns, def, n));
      },
      section: (name: string) => w.section(name),
      close: () => w.close(filedFoot(def, counts, issuer?.place ?? null, now, !!issuer?.branch, women)),
    };
  }

  /**
   * Who the roster is of, in words (never a code), and the place of its date line: the unit asked
   * for, else the caller's own unit, else the commune every exported record shares, else the
   * deployment's province.
   */
  private async issuerOf(
    def: OrganizationDefinition,
    asked: Unit | null,
    actor: Principal,
    where: string[],
    params: unknown[],
  ): Promise<Issuer | null> {
    const unit = asked ?? (actor.unitCode ? await this.units.findByCodeOrNull(def.code, actor.unitCode) : null);
    const communeOf = (code: string | null) => (code ? (this.geography.commune(code)?.name ?? null) : null);
    const above = unit?.parentId ? await this.db.getRepository(Unit).findOneBy({ id: unit.parentId }) : null;
    if (unit)
      return { name: unit.name, place: communeOf(unit.communeCode), above: above?.name ?? null, branch: unit.kind === UnitKind.BRANCH };
    const shared = await this.db.query<{ code: string | null }[]>(
      `SELECT DISTINCT r.commune_code AS code FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE ${where.join(' AND ')} LIMIT 2`,
      params,
    );
    const commune = shared.length === 1 ? communeOf(shared[0].code) : null;
    if (commune) return { name: commune, place: commune };
    const province = this.geography.listProvinces().find((p) => p.code === this.config.province);
    // The organization's own committee of the province (`Tỉnh Đoàn Điện Biên`) when it has one, else the province.
    const [committee] = await this.db.query<{ name: string }[]>(
      `SELECT name FROM unit WHERE organization_code = $1 AND kind = 'PROVINCE' ORDER BY name LIMIT 2`,
      [def.code],
    );
    if (province) return provinceIssuer(province, committee?.name ?? null);
    return committee ? { name: committee.name, place: null } : null;
  }

  /** The import template: the header row and one filled example row. */
  async template(organization: string, out: string, format: RosterFormat = 'xlsx'): Promise<void> {
    const def: OrganizationDefinition = await this.organizations.get(organization);
    await makeWritable(out);
    const columns = templateColumns(def);
    const writer = await openWriter(
      out,
      format,
      columns.map((c) => c.header),
    );
    const commune = this.exampleCommune();
    await writer.row(columns.map((c) => (c.key === 'communeCode' && commune ? commune : c.example)));
    await writer.close();
  }

  /** A commune of the deployment's province for the template's example (the column's own example without PROVINCE). */
  private exampleCommune(): string | null {
    if (!this.config.province) return null;
    return this.geography.listCommunes({ province: this.config.province, limit: 1 })[0]?.code ?? null;
  }
}

/** A status asked for by its code (`ACTIVE`), or a Vietnamese refusal naming the codes there are. */
function exportStatus(code: string): MemberStatus {
  if (Object.values(MemberStatus).includes(code as MemberStatus)) return code as MemberStatus;
  throw DomainError.invalidInput([
    { field: 'status', value: code, message: `Trạng thái '${code}' không có; các mã: ${Object.values(MemberStatus).join(', ')}` },
  ]);
}
