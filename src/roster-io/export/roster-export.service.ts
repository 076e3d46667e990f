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
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/status/member-status.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import { UnitsService } from '../../membership/unit/units.service.js';
import { likePrefix } from '../../common/sql/escape-like.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { GeographyService } from '../../geography/geography.service.js';
import { templateColumns, type RosterColumn } from '../roster-columns.js';

import { openRosterWriter as openWriter, type RosterFormat } from './roster-writer.js';

export type { RosterFormat } from './roster-writer.js';

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
  phone: string | null;
  commune_code: string | null;
  commune_entered_code: string | null;
  ethnicity: string | null;
  unit_code: string | null;
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
export function templateRow(r: ExportRow, columns: RosterColumn[]): string[] {
  const value: Record<string, string> = {
    externalId: r.external_id,
    fullName: r.full_name,
    birthDate: vnDate(r.birth_date, r.birth_date_precision),
    sex: r.sex === 'MALE' ? 'Nam' : r.sex === 'FEMALE' ? 'Nữ' : '',
    idNumber: r.id_number_masked ?? '',
    phone: r.phone ?? '',
    communeCode: r.commune_code ?? r.commune_entered_code ?? '',
    ethnicity: r.ethnicity ?? '',
    unit: r.unit_code ?? '',
    joinDate: vnDate(r.join_date, r.join_date_precision),
    status: MEMBER_STATUS_INFO[r.status].label,
    lastActivityDate: vnDate(r.last_activity_date, r.last_activity_date_precision),
    lastDuesDate: vnDate(r.last_dues_date, r.last_dues_date_precision),
  };
  return columns.map((c) => {
    if (!c.key.startsWith('profile.')) return value[c.key] ?? '';
    const v = r.profile[c.key.slice(8)];
    const day = c.date && typeof v === 'string' ? parsePartialDate(v, ANY_PRECISION) : null;
    if (day?.ok) return formatVnPartialDate(day.value); // a profile date (`2016-03`) as the others: `03/2016`
    return v === undefined ? '' : typeof v === 'boolean' ? (v ? 'Có' : 'Không') : String(v);
  });
}

/** Writes rosters and the import template in the template's columns, streaming. */
@Injectable()
export class RosterExportService {
  constructor(
    private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly geography: GeographyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The roster of an organization (or of one unit's subtree) within the caller's scope; logged. */
  async export(
    opts: { organization: string; unit?: string | null; format: RosterFormat; out: string },
    actor: Principal,
  ): Promise<{ rows: number }> {
    const scope = readScope(actor);
    assertOrganizationInScope(scope, opts.organization, 'xuất danh sách');
    const def = await this.organizations.get(opts.organization);
    const unitPath = opts.unit ? (await this.units.findByCode(def.code, opts.unit)).path : null;
    // The organization, the unit asked for and the caller's scope; the keyset follows as the last three parameters.
    const where = ['r.organization_code = $1', 'r.erased_at IS NULL'];
    const params: unknown[] = [def.code];
    if (unitPath) where.push(`u.path LIKE $${params.push(likePrefix(unitPath))}`);
    scopeWhere(scope, where, params);
    const k = params.length;
    const columns = templateColumns(def);
    const writer = await openWriter(
      opts.out,
      opts.format,
      columns.map((c) => c.header),
    );
    let rows = 0;
    let after: [string, string, string] | null = null;
    for (;;) {
      const page: ExportRow[] = await this.db.query<ExportRow[]>(
        `SELECT r.id, r.given_key, r.name_folded, r.external_id, r.full_name, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.birth_date_precision, r.sex,
                r.id_number_masked, r.phone, r.commune_code, r.commune_entered_code, r.ethnicity, u.code AS unit_code,
                to_char(r.join_date, 'YYYY-MM-DD') AS join_date, r.join_date_precision, r.status, to_char(r.last_activity_date, 'YYYY-MM-DD') AS last_activity_date,
                r.last_activity_date_precision, to_char(r.last_dues_date, 'YYYY-MM-DD') AS last_dues_date, r.last_dues_date_precision, r.profile
           FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
          WHERE ${where.join(' AND ')}
            AND ($${k + 1}::text IS NULL OR (r.given_key, r.name_folded, r.id) > ($${k + 1}, $${k + 2}, $${k + 3}::uuid))
          ORDER BY r.given_key, r.name_folded, r.id LIMIT 5000`,
        [...params, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null],
      );
      for (const r of page) await writer.row(templateRow(r, columns));
      rows += page.length;
      if (page.length < 5000) break;
      const last = page[page.length - 1];
      after = [last.given_key, last.name_folded, last.id];
    }
    await writer.close();
    await this.audit.record(actor, {
      action: AuditAction.EXPORT,
      subjectType: 'ROSTER',
      organization: def.code,
      detail: { rows, format: opts.format, unit: opts.unit ?? null },
    });
    return { rows };
  }

  /** The import template: the header row and one filled example row. */
  async template(organization: string, out: string, format: RosterFormat = 'xlsx'): Promise<void> {
    const def: OrganizationDefinition = await this.organizations.get(organization);
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
