import { CommuneLevel, communesOf, compareCommunes, oneSlip } from '../../common/identity/identity-compare.js';
import type { Records, Residents } from './snapshot.js';

/**
 * The residents of the register a roster record could be (`register-bridge.ts` weighs them): found
 * by keys that survive the noise of rosters, nearby where a key is wide.
 */

/** A wide key's block larger than this is a common name in a common year: left to the exact key. */
const MAX_WIDE_BLOCK = 200;

/**
 * Namesakes (same name, same year) living away from the record's commune and its neighbours, past
 * this many, are weighed as one resident times their number rather than one by one: each of them is
 * the record's person only if the person moved, so together they add a few per cent to the posterior's
 * sum at most; comparing each made the step grow with the square of the province (BENCHMARKS.md,
 * "The register step at province scale"). A rare name's few namesakes elsewhere are still weighed one by one, so
 * a member who moved is still found.
 */
export const FAR_NAMESAKES_ONE_BY_ONE = 8;

/** Residents by a key, then by commune: a record looks up its key once and reads its nearby communes. */
type ByCommune = Map<string, Map<string, number[]>>;

/** The residents by ID number, and by keys that find a record's resident despite the noise of rosters. */
export interface ResidentIndex {
  byId: Map<string, number[]>;
  /** Full name (folded) and birth year. */
  byKey: Map<string, number[]>;
  /** Family and given name and birth year (a middle name dropped or different). */
  byFamilyGiven: Map<string, number[]>;
  /** The same two keys, commune by commune: looked for nearby. */
  byKeyInCommune: ByCommune;
  byFamilyGivenInCommune: ByCommune;
  /** Family and middle name and year, commune by commune (a slip in the given name). */
  byFamilyMiddle: ByCommune;
  /** Middle and given name and year, commune by commune (a slip in the family name). */
  byMiddleGiven: ByCommune;
  /** The register's communes that are the same as or near (`CommuneLevel.NEAR`) the given ones. */
  near: (codes: string[]) => Set<string>;
}

function add(map: Map<string, number[]>, key: string, r: number): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

function addIn(map: ByCommune, key: string, commune: string, r: number): void {
  let inCommunes = map.get(key);
  if (!inCommunes) map.set(key, (inCommunes = new Map<string, number[]>()));
  add(inCommunes, commune, r);
}

/** The lists of a key in the given communes. */
function nearby(map: ByCommune, key: string, near: Set<string>): number[][] {
  const inCommunes = map.get(key);
  const out: number[][] = [];
  if (!inCommunes) return out;
  if (inCommunes.size < near.size) {
    for (const [commune, list] of inCommunes) if (near.has(commune)) out.push(list);
  } else
    for (const commune of near) {
      const list = inCommunes.get(commune);
      if (list) out.push(list);
    }
  return out;
}

export function indexResidents(res: Residents): ResidentIndex {
  const index: ResidentIndex = {
    byId: new Map(),
    byKey: new Map(),
    byFamilyGiven: new Map(),
    byKeyInCommune: new Map(),
    byFamilyGivenInCommune: new Map(),
    byFamilyMiddle: new Map(),
    byMiddleGiven: new Map(),
    near: nearCommunes(res),
  };
  for (let r = 0; r < res.n; r++) {
    const id = res.idHash[r];
    if (id) add(index.byId, id, r);
    const n = res.name[r];
    const year = res.birth[r]?.year ?? '';
    const commune = res.commune[r].code ?? '';
    const key = `${n.key}|${year}`;
    const familyGiven = `${n.family}|${n.given}|${year}`;
    add(index.byKey, key, r);
    add(index.byFamilyGiven, familyGiven, r);
    addIn(index.byKeyInCommune, key, commune, r);
    addIn(index.byFamilyGivenInCommune, familyGiven, commune, r);
    addIn(index.byFamilyMiddle, `${n.family}|${n.middle}|${year}`, commune, r);
    addIn(index.byMiddleGiven, `${n.middle}|${n.given}|${year}`, commune, r);
  }
  return index;
}

/**
 * The communes of the register near the given ones (each itself included), worked out once per
 * commune and kept as one set per list of communes (a record asks for its own on every lookup).
 */
function nearCommunes(res: Residents): (codes: string[]) => Set<string> {
  const all = [...res.communes];
  const nearOne = (code: string) =>
    all.filter((c) => compareCommunes({ code, candidates: [] }, { code: c, candidates: [] }) !== CommuneLevel.DIFFERENT);
  const cache = new Map<string, Set<string>>();
  return (codes) => {
    const key = codes.join(',');
    let near = cache.get(key);
    if (!near) cache.set(key, (near = new Set(codes.flatMap(nearOne))));
    return near;
  };
}

/** A record's candidate residents, and the namesakes far away weighed as one (`far` of them like `farOne`). */
export interface Candidates {
  residents: number[];
  far: number;
  farOne: number;
}

/**
 * The residents a record could be: its name in its birth year anywhere in the province (past
 * `FAR_NAMESAKES_ONE_BY_ONE` far away, those weighed as one); in its commune or a neighbouring one,
 * its name one year off, its family and given name with another middle name, one slip in the given
 * or the family name (only the residents one slip away: without a middle name, as most Thái and
 * Mông names are once Văn/Thị is set aside, the key is the family and the year). A record without a
 * commune, or a union member (who may live far from the workplace), looks for all of its namesakes
 * one by one and for the year off and the other middle name province-wide.
 */
export function candidatesOf(recs: Records, i: number, index: ResidentIndex, res: Residents): Candidates {
  const n = recs.name[i];
  const year = recs.birth[i]?.year;
  const out = new Set<number>();
  const found: Candidates = { residents: [], far: 0, farOne: -1 };
  const take = (list: number[] | undefined, wide = true) => {
    if (list && (!wide || list.length <= MAX_WIDE_BLOCK)) for (const r of list) out.add(r);
  };
  const near = index.near(communesOf(recs.commune[i]));
  const everywhere = !near.size || recs.org[i] === 'CD';
  const key = `${n.key}|${year ?? ''}`;
  const namesakes = index.byKey.get(key) ?? [];
  if (everywhere || namesakes.length <= FAR_NAMESAKES_ONE_BY_ONE) take(namesakes, false);
  else {
    for (const list of nearby(index.byKeyInCommune, key, near)) take(list, false);
    found.far = namesakes.length - out.size;
    if (found.far) found.farOne = namesakes.find((r) => !near.has(res.commune[r].code ?? '')) ?? -1;
  }
  if (year === undefined) return { ...found, residents: [...out] };
  if (everywhere) {
    take(index.byKey.get(`${n.key}|${year - 1}`));
    take(index.byKey.get(`${n.key}|${year + 1}`));
    take(index.byFamilyGiven.get(`${n.family}|${n.given}|${year}`));
  }
  const slipped = (lists: number[][], part: 'given' | 'family') => {
    for (const list of lists) for (const r of list) if (oneSlip(n[part], res.name[r][part])) out.add(r);
  };
  for (const list of nearby(index.byKeyInCommune, `${n.key}|${year - 1}`, near)) take(list);
  for (const list of nearby(index.byKeyInCommune, `${n.key}|${year + 1}`, near)) take(list);
  for (const list of nearby(index.byFamilyGivenInCommune, `${n.family}|${n.given}|${year}`, near)) take(list);
  slipped(nearby(index.byFamilyMiddle, `${n.family}|${n.middle}|${year}`, near), 'given');
  slipped(nearby(index.byMiddleGiven, `${n.middle}|${n.given}|${year}`, near), 'family');
  return { ...found, residents: [...out] };
}
