import type { EntityManager } from 'typeorm';
import { formatVnPartialDate, fromStoredDate, type DatePrecision } from '../../common/dates/partial-date.js';
import { inScope, type RecordScope } from '../../access/record-scope.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { MemberStatus } from '../status/member-status.js';
import { countedListing } from './double-listing.js';
import { countedStatus, type CommuneNames } from './duplicate-listings.js';

/** What the form is about to save, as far as telling whether her organization already lists the person. */
export interface NewListing {
  nameFolded?: string | null;
  givenKey?: string | null;
  familyKey?: string | null;
  birthDate?: string | null;
  birthDatePrecision?: DatePrecision | null;
  communeCode?: string | null;
  idNumberHash?: Buffer | null;
  status?: MemberStatus | null;
}

interface Listed {
  external_id: string;
  full_name: string;
  name_folded: string;
  unit_name: string | null;
  unit_path: string | null;
  commune_code: string | null;
  birth_date: string;
  birth_date_precision: DatePrecision | null;
  id_number_hash: Buffer | null;
}

/** A birth known to the day (not the 01/01 a roster writes for "year only"). */
const fullDay = (iso: string, precision: DatePrecision | null) => (precision ?? 'DAY') === 'DAY' && !iso.endsWith('-01-01');

/**
 * Whether a listing is the person about to be added, as the import holds such a row (a second
 * record is never made without her say): the same name (accents and spaces aside) and the same
 * birth day; or, where either gives only the year, the same year in the same commune. Two different
 * CCCDs are two people.
 */
export function samePersonListed(n: NewListing, r: Listed): boolean {
  if (!n.nameFolded || !n.birthDate || n.nameFolded !== r.name_folded) return false;
  if (n.idNumberHash && r.id_number_hash && !n.idNumberHash.equals(r.id_number_hash)) return false;
  if (fullDay(n.birthDate, n.birthDatePrecision ?? null) && fullDay(r.birth_date, r.birth_date_precision))
    return n.birthDate === r.birth_date;
  return n.birthDate.slice(0, 4) === r.birth_date.slice(0, 4) && !!n.communeCode && n.communeCode === r.commune_code;
}

/**
 * Before the form adds a member her organization may already list (no CCCD to tell, the same name
 * and birth): the question, as a CONFLICT naming the record(s) — its Mã hồ sơ, name, birth and unit
 * when the caller may read it, only its commune otherwise — answered by sending again with
 * `confirmDuplicateInOrg` (two namesakes are then both kept, unflagged). Nothing is asked when
 * she already confirmed.
 */
export async function askBeforeSameName(
  em: EntityManager,
  org: string,
  n: NewListing,
  ask: { confirmed: boolean; readable: RecordScope; communes: CommuneNames },
): Promise<void> {
  // A temporary or ended listing is no second listing (as for a shared CCCD).
  if (ask.confirmed || !countedStatus(n.status) || !n.givenKey || !n.familyKey || !n.birthDate) return;
  const year = n.birthDate.slice(0, 4);
  const rows = await em.query<Listed[]>(
    `SELECT r.external_id, r.full_name, r.name_folded, u.name AS unit_name, u.path AS unit_path, r.commune_code,
            to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.birth_date_precision, r.id_number_hash
       FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
      WHERE r.given_key = $1 AND r.family_key = $2 AND r.birth_date BETWEEN $3::date AND $4::date
        AND r.organization_code = $5 AND ${countedListing('r')}
      ORDER BY r.external_id LIMIT 20`,
    [n.givenKey, n.familyKey, `${year}-01-01`, `${year}-12-31`, org],
  );
  const same = rows.filter((r) => samePersonListed(n, r)).slice(0, 3);
  if (!same.length) return;
  const named = same.map((r) =>
    inScope(ask.readable, { organizationCode: org, unitPath: r.unit_path })
      ? `${r.external_id} — ${r.full_name}, sinh ${formatVnPartialDate(fromStoredDate(r.birth_date, r.birth_date_precision))}${r.unit_name ? ` (${r.unit_name})` : ''}`
      : `một hồ sơ ngoài phạm vi của tài khoản này${r.commune_code ? ` (${ask.communes.commune(r.commune_code)?.name ?? r.commune_code})` : ''}`,
  );
  const question =
    `Tổ chức đã có hồ sơ ${named.join('; ')}: cùng họ tên và ngày sinh. Nếu là người này, đừng thêm mới — mở hồ sơ đó để sửa. ` +
    `Nếu là người khác trùng tên, bấm "Vẫn lưu".`;
  throw new DomainError('CONFLICT', `${question} (Để vẫn lưu: gửi lại với confirmDuplicateInOrg = true.)`, [
    { field: 'confirmDuplicateInOrg', value: 'SAME_NAME', message: question },
  ]);
}
