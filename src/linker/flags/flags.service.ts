import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managesRecord, type Principal } from '../../access/principal.js';
import { readScope, scopeWhere, writeScope, type RecordScope } from '../../access/record-scope.js';
import { Role } from '../../access/role.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { assertUuid, DomainError } from '../../common/errors/domain-error.js';
import { unitLabel } from '../../membership/unit/unit-label.js';
import { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { MEMBER_STATUS_INFO, MemberStatus } from '../../membership/status/member-status.js';
import { OrganizationsService } from '../../membership/organization/organizations.service.js';
import { flagOutcomesOf, statusLabel } from '../../membership/organization/status-wording.js';
import { FiguresMemo } from '../figures-memo.js';
import { listPageSize } from '../list-page.js';
import { countProvinceFlags, sharedFlagCountsIn, type FlagCount, type ProvinceFlagCount } from './flag-counts.js';
import type { ListedRecordRow } from '../seen-by-caller.js';
import { flagLabel, type Flag, type FlagCode } from '../model/phantom.js';
import { confirmationDate, ENDING } from './flag-ending.js';
import { flagsJson, hasDismissed, suspectRaisedSince, undismissedFlag } from './flag-sql.js';

export type FlagResolutionKind = 'ATTENTION' | 'CONFIRMED' | 'FALSE_ALARM';

/** A flag as the last run raised it, with the decision taken on it (if any). */
export interface FlagView extends Flag {
  resolution: FlagResolutionKind | null;
  note: string | null;
  /** The Ban Dân vận's request on it, kept when the office decides. */
  askedNote: string | null;
}

export interface FlaggedRecordView {
  recordId: string;
  organization: string;
  externalId: string;
  fullName: string;
  unitCode: string | null;
  unitName: string | null;
  /** As a list names it: with its commune where its name does not say it (unit-label.ts). */
  unitLabel: string | null;
  /** Thôn, bản as written: only for who manages the record (as the member's page). */
  village: string | null;
  communeCode: string | null;
  ao: boolean;
  aoReasons: string[];
  flags: FlagView[];
  /** The list's sort key: suspected phantoms first, then organization and Mã hồ sơ. */
  cursor: string;
}

/** The list's order: suspected first, then by organization, then by name as her roster sorts it (given name first). */
type FlagCursor = [notAo: boolean, organization: string, givenKey: string, nameFolded: string, id: string];
const encodeFlagCursor = (...key: FlagCursor): string => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeFlagCursor(cursor: string): FlagCursor {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 5 && typeof v[0] === 'boolean' && v.slice(1).every((x) => typeof x === 'string'))
      return v as FlagCursor;
  } catch {
    /* fall through */
  }
  const value = cursor.slice(0, 40);
  throw DomainError.invalidInput([{ field: 'after', value, message: `Trường 'after': con trỏ trang '${value}' không hợp lệ` }]);
}

/** How a confirmation ends the membership, and from which day. */
export interface FlagEnding {
  outcome?: MemberStatus | null;
  date?: string | null;
}

/**
 * The phantom flags as people work with them: the flagged records of a scope, counts by code,
 * and decisions — the Ban Dân vận marks a flag for attention; the organization's secretariat
 * confirms it (the membership ends) or calls it a false alarm (not raised again).
 */
/**
 * Flags that alone ask no decision, left out of Cảnh báo's list unless asked for: in two organizations
 * (a fact), or only identity data missing (an old people's roster rarely has a CCCD or a phone: the
 * whole roster listed hid its suspects). Each is listed when its kind is chosen.
 */
const NOT_PROBLEMS = `'MULTI_ORG', 'NO_IDENTITY'`;

/** What the flagged list is filtered by (the scope of the caller's rights is added apart). */
interface FlagFilter {
  organization?: string | null;
  unit?: string | null;
  /** A unit of `organization` with its subtree. */
  withinUnit?: string | null;
  commune?: string | null;
  noCommune?: boolean | null;
  code?: string | null;
  reason?: string | null;
  /** With the flags called a false alarm (the list leaves them out when false; the counts do not look). */
  dismissed?: boolean | null;
  /** Only the records with a flag the Ban Dân vận asked her to look at, still undecided. */
  attention?: boolean | null;
  /** Not the records whose only flag is MULTI_ORG, unless suspected. */
  problemsOnly?: boolean | null;
  /** Only those suspected since then (suspectRaisedSince). */
  raisedSince?: Date | null;
}

@Injectable()
export class FlagsService {
  constructor(
    private readonly db: DataSource,
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
    private readonly figures: FiguresMemo,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Flagged records within the caller's rights, suspected phantoms first. */
  async flagged(
    f: FlagFilter & {
      first?: number | null;
      after?: string | null;
    },
    caller: Principal,
  ): Promise<FlaggedRecordView[]> {
    const asker = caller.role === Role.DAN_VAN || caller.role === Role.ADMIN;
    const { where, params } = this.scoped(readScope(caller), f, asker);
    await this.unitKnown(f);
    if (f.after) {
      const key = decodeFlagCursor(f.after).map((v) => `$${params.push(v)}`);
      where.push(`(NOT p.ao, r.organization_code, r.given_key, r.name_folded, r.id) > (${key.slice(0, 4).join(', ')}, ${key[4]}::uuid)`);
    }
    const rows = await this.db.query<
      (ListedRecordRow & {
        given_key: string;
        name_folded: string;
        unit_name: string | null;
        unit_commune: string | null;
        village: string | null;
        commune_code: string | null;
        ao: boolean;
        ao_reasons: string[];
        flags: FlagView[] | null;
      })[]
    >(
      `SELECT r.id, r.organization_code, r.external_id, r.full_name, r.given_key, r.name_folded, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
              uc.name AS unit_commune, r.village, r.commune_code, p.ao, p.ao_reasons,
              ${flagsJson('r.id', { dismissed: !!f.dismissed || (!!f.attention && asker) })} AS flags
         FROM record_person p JOIN member_record r ON r.id = p.record_id LEFT JOIN unit u ON u.id = r.unit_id
         LEFT JOIN commune uc ON uc.code = u.commune_code
        WHERE ${where.join(' AND ')}
        ORDER BY NOT p.ao, r.organization_code, r.given_key, r.name_folded, r.id LIMIT ${listPageSize(f.first)}`,
      params,
    );
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'FLAGGED_RECORDS',
      organization: f.organization?.toUpperCase() ?? caller.organization,
      // Codes only (organization, unit, commune, flag), and how many records were shown.
      detail: {
        rows: rows.length,
        unit: f.unit ?? null,
        ...(f.withinUnit ? { withinUnit: f.withinUnit } : {}),
        commune: f.commune ?? null,
        ...(f.noCommune ? { noCommune: true } : {}),
        code: f.code ?? null,
        ...(f.reason ? { reason: f.reason } : {}),
        ...(f.dismissed ? { dismissed: true } : {}),
        ...(f.problemsOnly ? { problemsOnly: true } : {}),
        ...(f.raisedSince ? { raisedSince: f.raisedSince.toISOString() } : {}),
      },
    });
    return rows.map((r) => ({
      recordId: r.id,
      organization: r.organization_code,
      externalId: r.external_id,
      fullName: r.full_name,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      unitLabel: r.unit_name === null ? null : unitLabel(r.unit_name, r.unit_commune),
      village: managesRecord(caller, { organizationCode: r.organization_code, unitPath: r.unit_path }) ? r.village : null,
      communeCode: r.commune_code,
      ao: r.ao,
      aoReasons: r.ao_reasons,
      flags: r.flags ?? [],
      cursor: encodeFlagCursor(!r.ao, r.organization_code, r.given_key, r.name_folded, r.id),
    }));
  }

  /** The flags of one record (within the caller's rights: the record service checks them). */
  async flagsOf(recordId: string): Promise<FlagView[]> {
    return (await this.flagsOfMany([recordId])).get(recordId) ?? [];
  }

  /** The flags of several records in one query (a roster page's, through the resolver's batch). */
  async flagsOfMany(recordIds: string[]): Promise<Map<string, FlagView[]>> {
    const rows = await this.db.query<{ id: string; flags: FlagView[] | null }[]>(
      `SELECT id, ${flagsJson('id')} AS flags FROM unnest($1::uuid[]) id`,
      [recordIds],
    );
    return new Map(rows.map((r) => [r.id, r.flags ?? []]));
  }

  /** Counts by code, per organization and unit, of ACTIVE records (suspected phantoms apart). */
  /** Counts by organization, unit and code within the caller's rights: from the province's, counted once and shared (flag-counts.ts). */
  async counts(f: { organization?: string | null }, caller: Principal): Promise<readonly FlagCount[]> {
    return sharedFlagCountsIn(await this.provinceCounts(), readScope(caller), f.organization ?? null);
  }

  /**
   * The caller's ACTIVE records no link run has read yet (imported in bulk since the last one, or
   * before any): their flags are on their records but not in the lists and counts, which read persons.
   */
  async unlinked(f: { organization?: string | null }, caller: Principal): Promise<number> {
    // Only records made since the last run began can be unread by it; shared until records or persons change
    // (a scan of the ACTIVE records: 80–130 ms at 237,000 on this machine, BENCHMARKS.md).
    const where = [
      `r.erased_at IS NULL`,
      `r.status = 'ACTIVE'`,
      `r.created_at > coalesce((SELECT max(l.started_at) FROM link_run l WHERE l.status = 'DONE'), '-infinity')`,
      `NOT EXISTS (SELECT 1 FROM record_person p WHERE p.record_id = r.id)`,
    ];
    const params: unknown[] = [];
    const scope = readScope(caller);
    scopeWhere(scope, where, params);
    if (f.organization) where.push(`r.organization_code = $${params.push(f.organization.toUpperCase())}`);
    const count = async () =>
      (
        await this.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id WHERE ${where.join(' AND ')}`,
          params,
        )
      )[0].n;
    return (await this.figures.get(`unlinked:${JSON.stringify([scope, f.organization ?? null])}`, count)).value;
  }

  /** The province's counts by organization, unit and code, shared through the figures memo. */
  async provinceCounts(): Promise<ProvinceFlagCount[]> {
    return (await this.figures.get('flagCounts', () => countProvinceFlags(this.db))).value;
  }

  /**
   * A decision on a flag, kept across runs. ATTENTION: the Ban Dân vận asks the secretariat to look.
   * CONFIRMED: the secretariat ends the membership (died → DECEASED, otherwise struck off) with the
   * note as the reason. FALSE_ALARM: the flag is not raised again for this record.
   */
  async resolve(
    recordId: string,
    code: string,
    resolution: FlagResolutionKind,
    note: string,
    caller: Principal,
    ending: FlagEnding = {},
  ): Promise<void> {
    assertUuid('recordId', recordId);
    if (!note.trim()) throw new DomainError('BAD_USER_INPUT', 'Ghi chú: cần ghi lý do hoặc căn cứ của quyết định.');
    if (resolution !== 'CONFIRMED' && (ending.outcome || ending.date))
      throw new DomainError('BAD_USER_INPUT', 'Chỉ khi xác nhận cảnh báo mới chọn kết quả và ngày kết thúc sinh hoạt.');
    const [flag] = await this.db.query<{ code: string; evidence: Record<string, unknown> | null }[]>(
      `SELECT code, evidence FROM record_flag WHERE record_id = $1 AND code = $2`,
      [recordId, code],
    );
    // The record must be the caller's to see (the secretariat: its own; the Ban Dân vận: any).
    const record = await this.records.get(recordId, caller);
    // What a confirmation may mean, in the organization's words (no trưởng thành where there is no upper age).
    const def = await this.organizations.get(record.organizationCode);
    const outcomes = flagOutcomesOf(def);
    if (ending.outcome && !outcomes.includes(ending.outcome))
      throw DomainError.invalidInput([
        {
          field: 'outcome',
          value: ending.outcome,
          message: `Kết quả '${MEMBER_STATUS_INFO[ending.outcome].label}' không dùng khi xác nhận cảnh báo của ${def.name}; chọn một trong: ${outcomes.map((s) => statusLabel(s, def)).join(', ')}`,
        },
      ]);
    if (!flag) throw new DomainError('NOT_FOUND', `Hồ sơ này không có cảnh báo '${code}'.`);
    if (resolution === 'ATTENTION' ? caller.role !== Role.DAN_VAN && caller.role !== Role.ADMIN : writeScope(caller).kind === 'NONE')
      throw new DomainError(
        'FORBIDDEN',
        resolution === 'ATTENTION' ? 'Chỉ Ban Dân vận đánh dấu cần chú ý.' : 'Chỉ văn phòng của tổ chức xác nhận hoặc bác bỏ cảnh báo.',
      );
    let outcome: MemberStatus | null = null;
    if (resolution === 'CONFIRMED') {
      const byFlag = ENDING[code as FlagCode];
      if (!byFlag) throw new DomainError('BAD_USER_INPUT', `Cảnh báo '${code}' là cảnh báo dữ liệu: sửa hồ sơ thay vì xác nhận.`);
      const status = (outcome = ending.outcome ?? byFlag);
      const date = confirmationDate(code, flag.evidence, status, ending.date, todayInVietnam());
      await this.records.end({ id: record.id, status, date, reason: `${flagLabel(code)}: ${note.trim()}` }, caller, true);
    }
    await this.db.transaction(async (em) => {
      await em.query(
        // The Ban Dân vận's request stays beside the office's decision on it (asked_*): he sees what became of it.
        `INSERT INTO flag_resolution (record_id, code, resolution, note, resolved_by, asked_by, asked_note, asked_at)
         SELECT $1, $2, $3, $4, $5, a.by, a.note, a.at
           FROM (SELECT CASE WHEN $3 = 'ATTENTION' THEN $5 END AS by, CASE WHEN $3 = 'ATTENTION' THEN $4 END AS note,
                        CASE WHEN $3 = 'ATTENTION' THEN now() END AS at) a
         ON CONFLICT (record_id, code) DO UPDATE SET resolution = EXCLUDED.resolution, note = EXCLUDED.note,
           resolved_by = EXCLUDED.resolved_by, resolved_at = now(),
           asked_by = coalesce(EXCLUDED.asked_by, flag_resolution.asked_by), asked_note = coalesce(EXCLUDED.asked_note, flag_resolution.asked_note),
           asked_at = coalesce(EXCLUDED.asked_at, flag_resolution.asked_at)`,
        [recordId, code, resolution, note.trim(), caller.name],
      );
      // A false alarm is no reason to suspect her: the counts and the next report drop it now, as the next run would.
      if (resolution === 'FALSE_ALARM')
        await em.query(
          `UPDATE record_person SET ao_reasons = array_remove(ao_reasons, $2), ao = cardinality(array_remove(ao_reasons, $2)) > 0
            WHERE record_id = $1 AND $2 = ANY(ao_reasons)`,
          [recordId, code],
        );
      await this.audit.record(
        caller,
        {
          action: AuditAction.FLAG_DECISION,
          subjectType: 'MEMBER_RECORD',
          subjectId: recordId,
          organization: record.organizationCode,
          reason: note.trim(),
          detail: outcome ? { code, resolution, outcome } : { code, resolution },
        },
        em,
      );
    });
    this.figures.forget(); // its own next read counts the decision at once (the notification may come a moment later)
  }

  /** A unit filter names a unit of the organization: a mistyped code is said so, not answered with an empty list. */
  private async unitKnown(f: FlagFilter): Promise<void> {
    const code = f.withinUnit ?? f.unit;
    if (!code || !f.organization) return;
    const [known] = await this.db.query<unknown[]>(`SELECT 1 FROM unit WHERE organization_code = $1 AND code = $2`, [
      f.organization.toUpperCase(),
      code,
    ]);
    if (!known)
      throw DomainError.invalidInput([
        {
          field: f.withinUnit ? 'withinUnit' : 'unit',
          value: code,
          message: `${f.organization.toUpperCase()} không có đơn vị mã '${code}': chọn đơn vị trong danh sách`,
        },
      ]);
  }

  /** `asker`: the Ban Dân vận (or an administrator), whose "đề nghị chú ý" list keeps his requests once the office decided them. */
  private scoped(scope: RecordScope, f: FlagFilter, asker = false): { where: string[]; params: unknown[] } {
    if (f.commune && f.noCommune)
      throw DomainError.invalidInput([
        { field: 'noCommune', value: 'true', message: `Lọc theo xã ${f.commune} hoặc theo hồ sơ chưa rõ xã, không cả hai` },
      ]);
    // His requests: each, whatever the office decided (the membership it ended too), with that decision. Hers: those waiting.
    const history = !!f.attention && asker;
    const where = history
      ? [`r.erased_at IS NULL`, `EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = r.id AND x.asked_by IS NOT NULL)`]
      : [
          `r.erased_at IS NULL`,
          `r.status = 'ACTIVE'`,
          `(p.ao OR cardinality(p.flags) > 0${f.dismissed ? ` OR ${hasDismissed('r')}` : ''})`,
        ];
    const params: unknown[] = [];
    scopeWhere(scope, where, params);
    if (f.organization) where.push(`r.organization_code = $${params.push(f.organization.toUpperCase())}`);
    if (f.unit) where.push(`u.code = $${params.push(f.unit)}`);
    if (f.withinUnit) {
      if (!f.organization)
        throw DomainError.invalidInput([
          { field: 'withinUnit', value: f.withinUnit, message: 'Lọc theo đơn vị thì chọn cả tổ chức của đơn vị' },
        ]);
      where.push(
        `starts_with(u.path, (SELECT w.path FROM unit w WHERE w.organization_code = $${params.push(f.organization.toUpperCase())} AND w.code = $${params.push(f.withinUnit)}))`,
      );
    }
    if (f.commune) where.push(`r.commune_code = $${params.push(f.commune)}`);
    if (f.noCommune) where.push('r.commune_code IS NULL');
    // In two organizations is no problem: a row for it alone buried her six suspects among ninety (a tester's Cảnh báo).
    if (f.problemsOnly)
      where.push(
        `(p.ao OR EXISTS (SELECT 1 FROM unnest(p.flags) c WHERE c NOT IN (${NOT_PROBLEMS}))${f.dismissed ? ` OR ${hasDismissed('r')}` : ''})`,
      );
    if (f.code) where.push(f.code === 'AO' ? 'p.ao' : `$${params.push(f.code)} = ANY(p.flags)`);
    // The dashboard's "by reason": suspected for this reason (a flag of the same code may be only a warning elsewhere).
    // His requests by that reason: the flag he asked about, whatever the office decided (a false alarm is no reason any more).
    if (f.reason && history)
      where.push(
        `EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = r.id AND x.asked_by IS NOT NULL AND x.code = $${params.push(f.reason)})`,
      );
    else if (f.reason) where.push('p.ao', `$${params.push(f.reason)} = ANY(p.ao_reasons)`);
    // A flag she called a false alarm leaves her list at once (not at the next run), unless she asks for those too.
    if (!f.dismissed && !history) where.push(undismissedFlag('r', f.code && f.code !== 'AO' ? `$${params.push(f.code)}` : undefined));
    if (f.raisedSince) where.push(suspectRaisedSince('r', `$${params.push(f.raisedSince)}`));
    if (f.attention && !history)
      where.push(`EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = r.id AND x.resolution = 'ATTENTION')`);
    return { where, params };
  }
}
