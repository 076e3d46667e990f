import { CommuneLevel, communesOf, compareCommunes, oneSlip, type LinkName } from '../../common/identity/identity-compare.js';
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
type ByCommune = Map<number, Map<string, number[]>>;

/**
 * Name parts as numbers, and a key of parts and a birth year as one number: the index is built and
 * read without a string made for every lookup (a million records made some seven million of them).
 * Exact below 2^18 distinct name parts (family, middle, given: a few thousand words) and years below
 * 16,384 (a double holds 53 bits).
 */
class NameKeys {
  private readonly ids = new Map<string, number>();
  /** At most this many (the keys stay exact). */
  constructor(private readonly limit: number) {}
  /** A part's number, given it if new (the register's names). */
  add(part: string): number {
    let id = this.ids.get(part);
    if (id === undefined) this.ids.set(part, (id = this.ids.size));
    if (id >= this.limit) throw new Error(`CSDL dân cư có quá nhiều tên khác nhau để lập chỉ mục (tối đa ${this.limit})`);
    return id;
  }
  /** A part's number, −1 for a part no resident has (a record's name). */
  of(part: string): number {
    return this.ids.get(part) ?? -1;
  }
}
/** One part (the full name's key) and a year; −1 when a part is unknown (no resident has it). */
const key1 = (a: number, year: number | undefined) => (a < 0 ? -1 : a * 2 ** 14 + (year ?? 0));
/** Two parts and a year. */
const key2 = (a: number, b: number, year: number | undefined) => (a < 0 || b < 0 ? -1 : (a * 2 ** 21 + b) * 2 ** 14 + (year ?? 0));

/** The residents by ID number, and by keys that find a record's resident despite the noise of rosters. */
export interface ResidentIndex {
  byId: Map<string, number[]>;
  /** The residents of a full name (folded) born in a year (none: the residents without a birth date). */
  namesakes: (name: LinkName, year: number | undefined) => number[] | undefined;
  /** Full name (its number) and birth year. */
  byKey: Map<number, number[]>;
  /** Family and given name and birth year (a middle name dropped or different). */
  byFamilyGiven: Map<number, number[]>;
  /** The same two keys, commune by commune: looked for nearby. */
  byKeyInCommune: ByCommune;
  byFamilyGivenInCommune: ByCommune;
  /** Family and middle name and year, commune by commune (a slip in the given name). */
  byFamilyMiddle: ByCommune;
  /** Middle and given name and year, commune by commune (a slip in the family name). */
  byMiddleGiven: ByCommune;
  /** The register's communes that are the same as or near (`CommuneLevel.NEAR`) the given ones. */
  near: (codes: string[]) => Set<string>;
  /** The numbers of a record's name parts (−1: no resident has that part). */
  parts: (name: LinkName) => { key: number; family: number; middle: number; given: number };
}

function add<K>(map: Map<K, number[]>, key: K, r: number): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

function addIn(map: ByCommune, key: number, commune: string, r: number): void {
  let inCommunes = map.get(key);
  if (!inCommunes) map.set(key, (inCommunes = new Map<string, number[]>()));
  add(inCommunes, commune, r);
}

/** The lists of a key in the given communes. */
function nearby(map: ByCommune, key: number, near: Set<string>): number[][] {
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
  // Full names, and the words of names (family, middle, given), numbered apart.
  const [names, words] = [new NameKeys(2 ** 38), new NameKeys(2 ** 18)];
  const parts = (n: LinkName) => ({
    key: names.of(n.key),
    family: words.of(n.family),
    middle: words.of(n.middle),
    given: words.of(n.given),
  });
  const index: ResidentIndex = {
    byId: new Map(),
    namesakes: (n, year) => index.byKey.get(key1(names.of(n.key), year)),
    parts,
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
    const year = res.birth[r]?.year;
    const commune = res.commune[r].code ?? '';
    const [name, family, middle, given] = [names.add(n.key), words.add(n.family), words.add(n.middle), words.add(n.given)];
    const key = key1(name, year);
    const familyGiven = key2(family, given, year);
    add(index.byKey, key, r);
    add(index.byFamilyGiven, familyGiven, r);
    addIn(index.byKeyInCommune, key, commune, r);
    addIn(index.byFamilyGivenInCommune, familyGiven, commune, r);
    addIn(index.byFamilyMiddle, key2(family, middle, year), commune, r);
    addIn(index.byMiddleGiven, key2(middle, given, year), commune, r);
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
  const p = index.parts(n);
  const key = key1(p.key, year);
  const namesakes = index.byKey.get(key) ?? [];
  if (everywhere || namesakes.length <= FAR_NAMESAKES_ONE_BY_ONE) take(namesakes, false);
  else {
    for (const list of nearby(index.byKeyInCommune, key, near)) take(list, false);
    found.far = namesakes.length - out.size;
    if (found.far) found.farOne = namesakes.find((r) => !near.has(res.commune[r].code ?? '')) ?? -1;
  }
  if (year === undefined) return { ...found, residents: [...out] };
  if (everywhere) {
    take(index.byKey.get(key1(p.key, year - 1)));
    take(index.byKey.get(key1(p.key, year + 1)));
    take(index.byFamilyGiven.get(key2(p.family, p.given, year)));
  }
  const slipped = (lists: number[][], part: 'given' | 'family') => {
    for (const list of lists) for (const r of list) if (oneSlip(n[part], res.name[r][part])) out.add(r);
  };
  for (const list of nearby(index.byKeyInCommune, key1(p.key, year - 1), near)) take(list);
  for (const list of nearby(index.byKeyInCommune, key1(p.key, year + 1), near)) take(list);
  for (const list of nearby(index.byFamilyGivenInCommune, key2(p.family, p.given, year), near)) take(list);
  slipped(nearby(index.byFamilyMiddle, key2(p.family, p.middle, year), near), 'given');
  slipped(nearby(index.byMiddleGiven, key2(p.middle, p.given, year), near), 'family');
  return { ...found, residents: [...out] };
}
