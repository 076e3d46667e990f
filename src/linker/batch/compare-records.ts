import {
  compareBirth,
  compareCommunes,
  compareIds,
  compareNames,
  compareValues,
  SimpleLevel,
} from '../../common/identity/identity-compare.js';
import type { Comparison } from '../model/model.js';
import type { Records, Sql } from './snapshot.js';

/** Two records of the snapshot compared field by field (`model/compare.ts`). */
export type RecordComparer = (a: number, b: number, withIds?: boolean) => Comparison;

/** Clear 12-digit numbers read per query. */
const CHUNK = 20_000;

/**
 * Clear 12-digit numbers, only of records whose pairs have two different numbers (to tell a slip
 * from another person); `open` unseals one.
 */
export async function clearIdsFor(
  runner: Sql,
  recs: Records,
  pairs: Int32Array,
  open: (sealed: Buffer) => string,
): Promise<Map<number, string>> {
  const need = new Set<number>();
  for (let k = 0; k < pairs.length; k += 2) {
    const a = pairs[k];
    const b = pairs[k + 1];
    if (recs.idKind[a] === 'CCCD' && recs.idKind[b] === 'CCCD' && recs.idHash[a] && recs.idHash[b] && recs.idHash[a] !== recs.idHash[b]) {
      need.add(a);
      need.add(b);
    }
  }
  const out = new Map<number, string>();
  const list = [...need];
  for (let k = 0; k < list.length; k += CHUNK) {
    const chunk = list.slice(k, k + CHUNK);
    const rows = await runner.query<{ seq: number; sealed: Buffer }[]>(
      `SELECT l.seq, r.id_number_sealed AS sealed FROM link_rec l JOIN member_record r ON r.id = l.id WHERE l.seq = ANY($1)`,
      [chunk],
    );
    for (const r of rows) if (r.sealed) out.set(r.seq, open(r.sealed));
  }
  return out;
}

/** Compares two records; the clear digits of `digits` tell a slip from another number (only `withIds`). */
export function recordComparer(recs: Records, digits: Map<number, string>): RecordComparer {
  return (a, b, withIds = true) => ({
    name: compareNames(recs.name[a], recs.name[b]),
    birth: compareBirth(recs.birth[a], recs.birth[b]),
    sex: compareValues(recs.sex[a], recs.sex[b]),
    id: compareIds({ hash: recs.idHash[a], kind: recs.idKind[a] }, { hash: recs.idHash[b], kind: recs.idKind[b] }, () => {
      const x = digits.get(a);
      const y = digits.get(b);
      // Random pairs (for u) have no clear digits: two numbers that differ count as different.
      return withIds && x && y ? [x, y] : null;
    }),
    phone: compareValues(recs.phone[a], recs.phone[b]),
    commune: compareCommunes(recs.commune[a], recs.commune[b]),
    organization: recs.org[a] === recs.org[b] ? SimpleLevel.SAME : SimpleLevel.DIFFERENT,
  });
}
