import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { unsaidCommune } from './unit-label.js';
import { likePrefix } from '../../common/sql/escape-like.js';

/** A reporting area: the part of the province that figures are counted over (what `overlap` and the reports take) — not the caller's rights, which are `access/record-scope.ts`. */
export interface ReportingArea {
  /** Normalized: `province`, `commune:00004`, `org:HPN`, `unit:HPN/B1`. */
  key: string;
  kind: 'province' | 'commune' | 'org' | 'unit';
  /** `Toàn tỉnh`, `Xã Hòa Bình`, `Hội Liên hiệp Phụ nữ Việt Nam`, `Chi hội 1 (HPN)`. */
  label: string;
  /** The organization of an `org:` or `unit:` scope. */
  organization: string | null;
  commune: string | null;
  /** A condition on `member_record r`, with its parameters numbered from `$<first>`. */
  condition(first: number): { sql: string; params: unknown[] };
}

const USAGE = 'dùng province, commune:<mã xã 5 chữ số>, org:<mã tổ chức> hoặc unit:<mã tổ chức>/<mã đơn vị>';

/**
 * Reads a scope: `province` (the default), `commune:<code>`, `org:<code>`, `unit:<org>/<code>` (the
 * unit and its subtree) — or `unit:<code>` when only one organization has a unit of that code.
 */
export async function resolveReportingArea(db: DataSource | EntityManager, text: string | null | undefined): Promise<ReportingArea> {
  const scope = (text ?? '').trim() || 'province';
  const [kind, ...rest] = scope.split(':');
  const value = rest.join(':').trim();
  const bad = () => new DomainError('BAD_USER_INPUT', `Phạm vi '${scope}' không hợp lệ: ${USAGE}.`);
  if (kind === 'province' && !value)
    return {
      key: 'province',
      kind: 'province',
      label: 'Toàn tỉnh',
      organization: null,
      commune: null,
      condition: () => ({ sql: 'true', params: [] }),
    };
  if (kind === 'commune') {
    if (!/^\d{5}$/.test(value)) throw bad();
    const [c] = await db.query<{ name: string }[]>(`SELECT name FROM commune WHERE code = $1`, [value]);
    if (!c) throw new DomainError('NOT_FOUND', `Không có xã/phường mã '${value}' trong danh mục đơn vị hành chính.`);
    return {
      key: `commune:${value}`,
      kind: 'commune',
      label: c.name,
      organization: null,
      commune: value,
      condition: (i) => ({ sql: `r.commune_code = $${i}`, params: [value] }),
    };
  }
  if (kind === 'org' && value) {
    const code = value.toUpperCase();
    const [o] = await db.query<{ name: string }[]>(`SELECT name FROM organization WHERE code = $1`, [code]);
    if (!o) throw new DomainError('NOT_FOUND', `Không có tổ chức mã '${code}'.`);
    return {
      key: `org:${code}`,
      kind: 'org',
      label: o.name,
      organization: code,
      commune: null,
      condition: (i) => ({ sql: `r.organization_code = $${i}`, params: [code] }),
    };
  }
  if (kind === 'unit' && value) {
    const [org, code] = value.includes('/')
      ? [value.slice(0, value.indexOf('/')).toUpperCase(), value.slice(value.indexOf('/') + 1)]
      : [null, value];
    const units = await db.query<{ path: string; name: string; organization_code: string; code: string; commune: string | null }[]>(
      `SELECT u.path, u.name, u.organization_code, u.code, c.name AS commune
         FROM unit u LEFT JOIN commune c ON c.code = u.commune_code
        WHERE u.code = $1 AND ($2::varchar IS NULL OR u.organization_code = $2) LIMIT 3`,
      [code, org],
    );
    if (!units.length)
      throw new DomainError('NOT_FOUND', org ? `Không có đơn vị '${code}' trong tổ chức ${org}.` : `Không có đơn vị nào mã '${code}'.`);
    if (units.length > 1)
      throw new DomainError(
        'BAD_USER_INPUT',
        `Mã đơn vị '${code}' có ở nhiều tổ chức (${units.map((u) => u.organization_code).join(', ')}): viết unit:<mã tổ chức>/${code}.`,
      );
    const u = units[0];
    return {
      key: `unit:${u.organization_code}/${u.code}`,
      kind: 'unit',
      // Its commune where its name does not say it: four communes have a "Chi hội … thôn Trung".
      label: `${[u.name, unsaidCommune(u.name, u.commune)].filter(Boolean).join(', ')} (${u.organization_code})`,
      organization: u.organization_code,
      commune: null,
      condition: (i) => ({ sql: `r.unit_id IN (SELECT id FROM unit WHERE path LIKE $${i})`, params: [likePrefix(u.path)] }),
    };
  }
  throw bad();
}

/**
 * A commune's report is one of the deployment's province (PROVINCE; none set: any): a namesake commune of
 * another province ("Xã Mường Lạn" of Sơn La beside Điện Biên's) would be listed as hers, counting no one.
 */
export async function assertHomeCommune(db: DataSource | EntityManager, area: ReportingArea, province: string | null): Promise<void> {
  if (area.kind !== 'commune' || province === null) return;
  const [c] = await db.query<{ province_code: string; province: string }[]>(
    `SELECT c.province_code, p.name AS province FROM commune c JOIN province p ON p.code = c.province_code WHERE c.code = $1`,
    [area.commune],
  );
  if (c && c.province_code !== province)
    throw new DomainError(
      'BAD_USER_INPUT',
      `${area.label} (mã ${area.commune}) thuộc ${c.province}, không thuộc tỉnh của hệ thống này: báo cáo chỉ lập cho các xã, phường trong tỉnh. Hãy chọn lại xã (gõ tên xã, chọn dòng không ghi tên tỉnh khác).`,
    );
}
