import { placeAndDate } from '../../common/documents/official-form.js';
import { vietnamDate } from '../../common/dates/vietnam-time.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/status/member-status.js';
import { rosterSigner, statusesOf, statusLabel } from '../../membership/organization/status-wording.js';
import type { FiledRosterFoot } from './filed-roster.js';

/**
 * A roster issued for the province: by its organization's provincial committee when it has one,
 * else by the province as its name says it (`Tỉnh Điện Biên`); its date line names the place alone
 * (`Điện Biên, ngày …`). Pure.
 */
export function provinceIssuer(province: { name: string; kind: string }, committee: string | null): { name: string; place: string } {
  const place = province.name.startsWith(`${province.kind} `) ? province.name.slice(province.kind.length + 1) : province.name;
  return { name: committee ?? province.name, place };
}

/** `Tính đến ngày 04/12/2026`: the day (in Vietnam) the roster was taken. */
export const asOfLine = (at: Date): string => `Tính đến ngày ${vietnamDate(at)}`;

/**
 * `Tổng số: 3 đoàn viên; trong đó: Đang sinh hoạt: 2, Sinh hoạt tạm thời: 1.`: each status under its
 * own label (the organization's words, as the console's roster shows them), in the order a secretary
 * thinks of them; a status no one has is left out. A list with ended memberships counts records, and
 * says how many are members: `Tổng số: 5 hồ sơ: 3 hội viên (Đang sinh hoạt: 3) và 2 hồ sơ đã kết thúc
 * (Đã mất: 2).` — whoever reads it never takes the dead for members.
 */
export function totalLine(def: OrganizationDefinition, counts: ReadonlyMap<MemberStatus, number>, women: number | null = null): string {
  const n = (v: number) => v.toLocaleString('vi-VN');
  const known = statusesOf(def);
  const order = [...known, ...[...counts.keys()].filter((s) => !known.includes(s))].filter((s) => counts.get(s));
  const sum = (ss: MemberStatus[]) => ss.reduce((a, s) => a + counts.get(s)!, 0);
  const listed = (ss: MemberStatus[]) => ss.map((s) => `${statusLabel(s, def)}: ${n(counts.get(s)!)}`).join(', ');
  const live = order.filter((s) => !MEMBER_STATUS_INFO[s].ends);
  const ended = order.filter((s) => MEMBER_STATUS_INFO[s].ends);
  // How many of the members are women, as a roster's foot says it (not where every one is: a Hội Phụ nữ's list).
  const womenPart = women === null || women === sum(live) ? '' : `; nữ: ${n(women)}`;
  if (!ended.length) return `Tổng số: ${n(sum(live))} ${def.memberTerm}${live.length ? `; trong đó: ${listed(live)}${womenPart}` : ''}.`;
  if (!live.length) return `Tổng số: ${n(sum(ended))} hồ sơ đã kết thúc; trong đó: ${listed(ended)}.`;
  return `Tổng số: ${n(sum(order))} hồ sơ: ${n(sum(live))} ${def.memberTerm} (${listed(live)}${womenPart}) và ${n(sum(ended))} hồ sơ đã kết thúc (${listed(ended)}).`;
}

/** The foot of a filed roster: the totals, "<place>, ngày … tháng … năm …", the maker and the signer (a branch's: its head). */
export function filedFoot(
  def: OrganizationDefinition,
  counts: ReadonlyMap<MemberStatus, number>,
  place: string | null,
  at: Date,
  branch = false,
  women: number | null = null,
): FiledRosterFoot {
  return {
    total: totalLine(def, counts, women),
    placeAndDate: placeAndDate(place ?? '……………', at),
    maker: 'NGƯỜI LẬP BIỂU',
    signer: rosterSigner(def, branch),
  };
}
