import type { EntityManager } from 'typeorm';
import type { MemberRecord } from '../../membership/member-record/member-record.entity.js';
import type { Unit } from '../../membership/unit/unit.entity.js';
import { communeWhenNone } from '../../membership/unit/own-unit.js';
import type { RosterRow } from './roster-row.js';

/**
 * The commune of a row that does not say it plainly. A commune's roster writes the hamlet in
 * "Địa chỉ" ("Na Sang", "Bản Phủ"), and a hamlet may share its name with a commune elsewhere: read
 * alone, the address would move the member to that commune. So an address that names no kind of unit
 * gives a commune only where nothing else says where the member lives; otherwise the member stays in
 * the commune the record, her chi hội or the secretariat's own unit is in, and is told why. A new
 * member whose row names no commune at all takes the commune of her chi hội (or of the secretariat's
 * unit): a commune's office never has to type its own commune on every row.
 */

/** Where the member is known to live, for this row: her record's commune, else her unit's, else the secretariat's. */
export function knownCommune(record: MemberRecord | null, unit: Unit | null | undefined, own: Unit | null): string | null {
  return record?.communeCode ?? unit?.communeCode ?? own?.communeCode ?? null;
}

/**
 * Settles the row's commune in `values` (the record's columns as the row writes them) and returns
 * a warning for the row, if any. `known`: `knownCommune`.
 */
export async function settleRowCommune(
  em: EntityManager,
  row: RosterRow,
  record: MemberRecord | null,
  known: string | null,
  values: Record<string, unknown>,
): Promise<{ column: string; value: string; message: string } | null> {
  const bare = row.bareAddress;
  const keep = () => {
    if (record) Object.assign(values, placeOf(record));
    else Object.assign(values, { communeCode: known, communeEnteredCode: null, communeCandidates: [] });
  };
  if (!bare) {
    // No commune written: a new member lives where her unit is.
    if (!record) Object.assign(values, communeWhenNone(values, known));
    return null;
  }
  const warn = (message: string) => ({ column: bare.column, value: bare.text, message });
  if (!known) return bare.warning ? warn(bare.warning) : null;
  if (!bare.communeCode || bare.communeCode === known) {
    // A hamlet, or the member's own commune: she stays where she is known to live, and nothing is wrong.
    if (!bare.communeCode) keep();
    return null;
  }
  keep();
  const [found, there] = await communeNames(em, [bare.communeCode, known]);
  return warn(
    `Địa chỉ '${bare.text}' trùng tên ${found} nhưng không ghi "xã/phường": đã hiểu là thôn, bản của ${there}, ` +
      `nơi hội viên đang ở, và giữ ${there}. Nếu người này ở ${found}, hãy ghi rõ "${found}" rồi nhập lại`,
  );
}

/**
 * A row whose commune cell names several communes — a name found in two provinces ("Thanh An"), or an
 * old code split between new communes — leaves the member with no commune: said, with the candidates,
 * never silently — unless one of them is the commune she is known to live in (`knownCommune`), which it
 * then is. Null when the row's commune was settled (or it writes none).
 */
export async function unsettledCommuneWarning(
  em: EntityManager,
  row: RosterRow,
  values: Record<string, unknown>,
  known: string | null,
): Promise<{ column: string; value: string; message: string } | null> {
  const candidates = (values.communeCandidates as string[] | undefined) ?? [];
  const written = row.fields.communeCode ?? row.fields.communeName;
  if (values.communeCode || !candidates.length || !written) return null;
  // One of them is where she is known to live (her record's, her chi hội's, the secretariat's commune): that one, unsaid.
  if (known && candidates.includes(known)) {
    Object.assign(values, { communeCode: known, communeCandidates: [] });
    return null;
  }
  const column = row.columnOf.get(row.fields.communeCode ? 'communeCode' : 'communeName') ?? 'Xã/Phường';
  const names = await em.query<{ name: string; province: string }[]>(
    `SELECT c.name, p.name AS province FROM commune c JOIN province p ON p.code = c.province_code
      WHERE c.code = ANY($1) ORDER BY array_position($1, c.code::text)`,
    [candidates.slice(0, 5)],
  );
  const list = names.map((c) => `${c.name}, ${c.province}`).join('; ') + (candidates.length > 5 ? '; …' : '');
  const split = !!values.communeEnteredCode && !row.fields.communeName;
  const what = split
    ? `xã cũ mã '${written}' đã được chia cho nhiều xã/phường mới`
    : `tên '${written}' trùng ${candidates.length} xã/phường`;
  return {
    column,
    value: written,
    message:
      `${column} '${written}': ${what} (${list}), chưa biết hội viên ở xã nào nên ô xã để trống. ` +
      `Hãy ghi mã xã mới (5 chữ số) hoặc thêm tên tỉnh rồi nhập lại, hoặc chọn xã trên hồ sơ`,
  };
}

const placeOf = (r: MemberRecord) => ({
  communeCode: r.communeCode,
  communeEnteredCode: r.communeEnteredCode,
  communeCandidates: r.communeCandidates,
});

async function communeNames(em: EntityManager, codes: string[]): Promise<string[]> {
  const rows = await em.query<{ code: string; name: string }[]>(`SELECT code, name FROM commune WHERE code = ANY($1)`, [codes]);
  return codes.map((c) => rows.find((r) => r.code === c)?.name ?? `xã mã ${c}`);
}
