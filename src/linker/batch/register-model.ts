import { prng } from '../../common/random/prng.js';
import {
  compareBirth,
  compareCommunes,
  compareIds,
  compareNames,
  compareValues,
  IdLevel,
  SimpleLevel,
} from '../../common/identity/identity-compare.js';
import { estimateMFromMatches, estimateU, LEVEL_NUMBER, PatternTable, type Model } from '../model/model.js';
import type { Records, Residents } from './snapshot.js';

/**
 * The weights of a roster record against a register entry: not those of two roster records. The
 * register writes each person once, from the civil records, so a full birth date that differs
 * from the register's is strong evidence of another person where two rosters often disagree. m
 * is read from the records whose ID number is in the register (known matches), u from random
 * record–resident pairs: both from the data of the run.
 */

/** The random generator's seed for u: the same data gives the same model. */
const U_SEED = 20251201;
/** Random record–resident pairs drawn for u. */
const U_PAIRS = 200_000;

/** The register keeps no digits: two different numbers are DIFFERENT, never a slip. */
const NO_DIGITS = () => null;

const L = LEVEL_NUMBER;
const [NO_PHONE, NO_ORGANIZATION] = [L.phone[SimpleLevel.MISSING], L.organization[SimpleLevel.MISSING]];

/**
 * A record against a resident, field by field (no phone or organization in the register), as a
 * pattern number (`patternNumber`; `comparisonOf` reads it): no object is made, the register step
 * weighs millions of such pairs.
 */
export function residentPattern(recs: Records, i: number, res: Residents, r: number, withId = true): number {
  const name = L.name[compareNames(recs.name[i], res.name[r])];
  const birth = L.birth[compareBirth(recs.birth[i], res.birth[r])];
  const sex = L.sex[compareValues(recs.sex[i], res.sex[r])];
  // A record with a number that the register does not have under this name: not this resident.
  const id =
    L.id[
      withId
        ? compareIds({ hash: recs.idHash[i], kind: recs.idKind[i] }, { hash: res.idHash[r], kind: res.idKind[r] }, NO_DIGITS)
        : IdLevel.MISSING
    ];
  const commune = L.commune[compareCommunes(recs.commune[i], res.commune[r])];
  return (((((name * 16 + birth) * 16 + sex) * 16 + id) * 16 + NO_PHONE) * 16 + commune) * 16 + NO_ORGANIZATION;
}

/**
 * The register model: m of name, birth date, sex and commune from the records matched by ID number
 * (`matchedById[i]` is the resident, or −1), m of the ID number kept from the pair model; u from
 * random pairs. λ is ½: the prior is the register's own (`unlistedOdds`).
 */
export function registerModel(recs: Records, res: Residents, matchedById: Int32Array, pairModel: Model): Model {
  const matches = new PatternTable();
  for (let i = 0; i < recs.n; i++) if (matchedById[i] >= 0) matches.addNumber(residentPattern(recs, i, res, matchedById[i], false));
  const random = new PatternTable();
  const rand = prng(U_SEED);
  for (let k = 0; k < Math.min(U_PAIRS, recs.n * 4) && res.n > 0; k++)
    random.addNumber(residentPattern(recs, Math.floor(rand() * recs.n), res, Math.floor(rand() * res.n)));
  const m = matches.patterns.length ? estimateMFromMatches(matches.patterns) : pairModel.m;
  return { lambda: 0.5, m: { ...m, id: pairModel.m.id }, u: estimateU(random.patterns) };
}
