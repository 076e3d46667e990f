import type { EntityManager } from 'typeorm';
import { formatVnPartialDate, fromStoredDate, type DatePrecision } from '../../../common/dates/partial-date.js';
import { inScope, type RecordScope } from '../../../access/record-scope.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { countedListing } from '../double-listing.js';
import { countedStatus, type CommuneNames } from '../duplicate-listings.js';
import type { MemberStatus } from '../../status/member-status.js';
import { agreesWith, probeOfColumns, type KnownRecord } from './known-member-rules.js';
import { KNOWN_COLUMNS, matchListings } from './known-members.js';

type Listed = KnownRecord & { unitName: string | null; unitPath: string | null };

/**
 * Before the form adds a member her organization may already list — by the import's own rule
 * (known-member-rules.ts: the same CCCD, the same name and birth with the same commune or phone, a
 * namesake of that year nothing sets apart, a name typed another way with the same phone, a word
 * more): the question, as a CONFLICT naming the record(s) that still count — Mã hồ sơ, name, birth
 * and unit when the caller may read it, only its commune otherwise — and what agrees, answered by
 * sending again with `confirmDuplicateInOrg` (two namesakes are then both kept, unflagged). Nothing
 * is asked when she already confirmed, nor for a temporary or ended listing.
 */
export async function askBeforeSamePerson(
  em: EntityManager,
  org: string,
  columns: Record<string, unknown> & { status?: MemberStatus | null },
  ask: { confirmed: boolean; readable: RecordScope; communes: CommuneNames },
): Promise<void> {
  if (ask.confirmed || !countedStatus(columns.status)) return;
  const probe = probeOfColumns(0, columns);
  const match = (await matchListings(em, org, [probe])).get(0);
  if (!match || match.kind === 'NEW') return;
  const ids = match.kind === 'RECORD' ? [match.recordId] : match.candidates.map((c) => c.recordId);
  const same = await em.query<Listed[]>(
    `SELECT ${KNOWN_COLUMNS}, u.name AS "unitName", u.path AS "unitPath"
       FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id
      WHERE r.id = ANY($1::uuid[]) AND ${countedListing('r')} ORDER BY r.external_id LIMIT 3`,
    [ids],
  );
  if (!same.length) return;
  const named = same.map((r) =>
    inScope(ask.readable, { organizationCode: org, unitPath: r.unitPath })
      ? `${r.externalId} — ${r.fullName}, sinh ${birthOf(r)}${r.unitName ? ` (${r.unitName})` : ''}`
      : `ngoài phạm vi của tài khoản này${r.communeCode ? ` (${ask.communes.commune(r.communeCode)?.name ?? r.communeCode})` : ''}`,
  );
  // What agrees, named only with a record she may read (a name typed another way would show it).
  const agrees = inScope(ask.readable, { organizationCode: org, unitPath: same[0].unitPath })
    ? agreesWith(probe, same[0])
    : ['họ tên và năm sinh giống nhau'];
  const question =
    `Tổ chức đã có hồ sơ ${named.join('; ')}: ${agrees.join(', ')}. Nếu là người này, đừng thêm mới — mở hồ sơ đó để sửa. ` +
    `Nếu là người khác, bấm "Vẫn lưu".`;
  throw new DomainError('CONFLICT', `${question} (Để vẫn lưu: gửi lại với confirmDuplicateInOrg = true.)`, [
    { field: 'confirmDuplicateInOrg', value: 'SAME_NAME', message: question },
  ]);
}

const birthOf = (r: KnownRecord) =>
  r.birthDate ? formatVnPartialDate(fromStoredDate(r.birthDate, r.birthDatePrecision as DatePrecision | null)) : 'không rõ';
