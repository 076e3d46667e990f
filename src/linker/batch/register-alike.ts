import type { LinkDate, LinkName } from '../../common/identity/identity-compare.js';
import type { CommuneOf, Records } from './snapshot.js';

/**
 * What the register step may compute once for many: records without an ID number that read alike
 * (one person listed by two organizations with the same fields, a member listed twice) have the
 * same candidates and the same best resident. Exact: nothing is weighed differently, only not
 * weighed twice. On tuning seed 104 at 300,000 persons, 23,671 of the 220,764 records the step
 * weighs share another's (BENCHMARKS.md, "The register step at province scale").
 */

const nameText = (n: LinkName) => `${n.key}|${n.family}|${n.middle}|${n.given}|${n.marked}`;
const dateText = (d: LinkDate | null) => (d ? `${d.key}|${d.year}-${d.month}-${d.day}|${d.yearOnly ? 1 : 0}${d.placeholder ? 1 : 0}` : '');
const communeText = (c: CommuneOf) => `${c.code ?? ''}|${c.candidates.join(',')}`;

/**
 * The key under which a record's best resident can be shared with records that read alike: every
 * field the candidates and the comparisons read, and whether the record looks province-wide (a
 * union member). Null for a record with an ID number: its number is compared with each resident's.
 */
export function recordLikeness(recs: Records, i: number): string | null {
  if (recs.idHash[i]) return null;
  const [name, birth, commune] = [recs.name[i], recs.birth[i], recs.commune[i]];
  return `${nameText(name)}|${dateText(birth)}|${recs.sex[i] ?? ''}|${communeText(commune)}|${recs.org[i] === 'CD' ? 'CD' : ''}`;
}
