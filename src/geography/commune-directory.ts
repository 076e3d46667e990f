import Fuse from 'fuse.js';
import { canonicalText, foldText } from '../common/text/vietnamese-text.js';

/**
 * Reads commune codes and names as rosters write them, old or new (pure, in memory: the lists
 * are small). Rule (DOMAIN.md): a code that is a current commune code is read as current,
 * otherwise as an old code mapped through the 2025 merger; a name given beside a code settles a
 * disagreement; an old commune split across several new ones stays unresolved with candidates.
 */
export interface CommuneRef {
  code: string;
  name: string;
  provinceCode: string;
}
export interface LegacyCommuneRef {
  code: string;
  name: string;
  legacyProvinceCode: string;
  successorCodes: string[];
}

export type CommuneResolutionKind =
  /** A current commune code (with a name that agrees, or none). */
  | 'CURRENT'
  /** An old code (or old name) with one successor. */
  | 'LEGACY'
  /** An old commune split across several new ones: `candidates` lists them. */
  | 'LEGACY_SPLIT'
  /** Found by name. */
  | 'NAME'
  /** A name that fits several communes equally: `candidates` lists them. */
  | 'AMBIGUOUS'
  | 'NOT_FOUND';

export interface CommuneResolution {
  kind: CommuneResolutionKind;
  commune: CommuneRef | null;
  candidates: CommuneRef[];
  /** The old commune read, when the input was an old code or name. */
  legacy: LegacyCommuneRef | null;
  /** The code as entered, normalized to 5 digits. */
  enteredCode: string | null;
}

const PREFIX = /^(xa|phuong|thi tran|dac khu|tt|p|x)\s+/;

/** Folded name without `Xã/Phường/Thị trấn/Đặc khu`: `Phường Ba Đình` → `ba dinh`. */
export function communeKey(name: string): string {
  return foldText(name).replace(PREFIX, '');
}
/** Same, keeping the marks (classic tone placement, lower case): tells Hùng from Hưng. */
function markedKey(name: string): string {
  return canonicalText(name)
    .toLowerCase()
    .replace(/^(xã|phường|thị trấn|đặc khu|tt\.?|p\.|x\.)\s+/u, '');
}
/** Typed with Vietnamese marks (anything beyond ASCII, đ included): then the marks must agree. */
const hasMarks = (s: string) => /[^\x00-\x7f]/.test(s);

interface Entry {
  key: string;
  marked: string;
  current?: CommuneRef;
  legacy?: LegacyCommuneRef;
}

/** How much nearer (in Fuse's score, 0 exact to 1) a commune elsewhere must be to come before one of the home province. */
const HOME_LEAD = 0.15;
/** Longer than any commune's name with its prefix ("Xã …", "Phường …", "Đặc khu …"). */
export const MAX_COMMUNE_NAME_LENGTH = 40;

export class CommuneDirectory {
  private readonly currentByCode = new Map<string, CommuneRef>();
  private readonly legacyByCode = new Map<string, LegacyCommuneRef>();
  private readonly entries: Entry[];
  private readonly fuse: Fuse<Entry>;
  /** Old province codes whose territory went (in part) to the home province. */
  private readonly homeLegacyProvinces: Set<string>;

  constructor(
    current: CommuneRef[],
    legacy: LegacyCommuneRef[],
    legacyProvinceSuccessors: Map<string, string[]>,
    /** The deployment's province: its communes are read first. */
    readonly homeProvince: string | null = null,
  ) {
    for (const c of current) this.currentByCode.set(c.code, c);
    for (const l of legacy) this.legacyByCode.set(l.code, l);
    this.entries = [
      ...current.map((c) => ({ key: communeKey(c.name), marked: markedKey(c.name), current: c })),
      ...legacy.map((l) => ({ key: communeKey(l.name), marked: markedKey(l.name), legacy: l })),
    ];
    this.fuse = new Fuse(this.entries, { keys: ['key'], includeScore: true, threshold: 0.3, ignoreLocation: true });
    this.homeLegacyProvinces = new Set(
      [...legacyProvinceSuccessors].filter(([, succ]) => homeProvince && succ.includes(homeProvince)).map(([c]) => c),
    );
  }

  current(code: string): CommuneRef | null {
    return this.currentByCode.get(code) ?? null;
  }

  /**
   * Resolves a code and/or a name as entered in a roster (a name longer than any commune's is no name).
   * `legacyFirst`: a name is read as an old commune's before a current one's (an address written with
   * the districts abolished in 2025).
   */
  resolve(input: { code?: string | null; name?: string | null; legacyFirst?: boolean }): CommuneResolution {
    const code = normalizeCommuneCode(input.code);
    // No commune name is this long; fuzzy matching a pasted paragraph would only burn CPU.
    const name = (input.name?.trim().length ?? 0) > MAX_COMMUNE_NAME_LENGTH ? null : input.name?.trim() || null;
    if (code) {
      const current = this.currentByCode.get(code) ?? null;
      const legacy = this.legacyByCode.get(code) ?? null;
      if (name) {
        if (current && this.nameMatches(current.name, name)) return this.result('CURRENT', current, code);
        if (legacy && this.nameMatches(legacy.name, name)) return this.fromLegacy(legacy, code, name);
        // The name names neither: a unique commune of that name settles it, else the code rules.
        const byName = this.resolveName(name, false);
        if (byName.kind === 'NAME' || byName.kind === 'LEGACY') return { ...byName, enteredCode: code };
      }
      if (current) return this.result('CURRENT', current, code);
      if (legacy) return this.fromLegacy(legacy, code, name);
      return { kind: 'NOT_FOUND', commune: null, candidates: [], legacy: null, enteredCode: code };
    }
    if (name) return this.resolveName(name, input.legacyFirst ?? false);
    return { kind: 'NOT_FOUND', commune: null, candidates: [], legacy: null, enteredCode: null };
  }

  /** Communes whose name fits, best first, in the home province first (for a search box). */
  search(text: string, limit = 10, province: string | null = null): { commune: CommuneRef; legacy: LegacyCommuneRef | null }[] {
    if (text.length > MAX_COMMUNE_NAME_LENGTH) return [];
    const key = communeKey(text);
    if (!key) return [];
    const hits = this.rank(key, text, province === null ? 30 : undefined);
    const out: { commune: CommuneRef; legacy: LegacyCommuneRef | null }[] = [];
    const seen = new Set<string>();
    for (const e of hits) {
      const targets = e.current ? [e.current] : e.legacy!.successorCodes.map((c) => this.currentByCode.get(c)!).filter(Boolean);
      for (const t of targets) {
        if (seen.has(t.code) || (province !== null && t.provinceCode !== province)) continue;
        seen.add(t.code);
        out.push({ commune: t, legacy: e.legacy ?? null });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  private result(kind: CommuneResolutionKind, commune: CommuneRef, code: string | null): CommuneResolution {
    return { kind, commune, candidates: [], legacy: null, enteredCode: code };
  }

  private fromLegacy(legacy: LegacyCommuneRef, code: string | null, name: string | null): CommuneResolution {
    const successors = legacy.successorCodes.map((c) => this.currentByCode.get(c)).filter((c): c is CommuneRef => !!c);
    if (successors.length === 1) return { kind: 'LEGACY', commune: successors[0], candidates: [], legacy, enteredCode: code };
    const named = name ? successors.filter((s) => this.nameMatches(s.name, name)) : [];
    if (named.length === 1) return { kind: 'LEGACY', commune: named[0], candidates: [], legacy, enteredCode: code };
    return { kind: 'LEGACY_SPLIT', commune: null, candidates: successors, legacy, enteredCode: code };
  }

  private nameMatches(official: string, given: string): boolean {
    return hasMarks(given) ? markedKey(official) === markedKey(given) : communeKey(official) === communeKey(given);
  }

  private inHome(e: Entry): boolean {
    if (!this.homeProvince) return false;
    return e.current ? e.current.provinceCode === this.homeProvince : this.homeLegacyProvinces.has(e.legacy!.legacyProvinceCode);
  }

  /** Entries whose name is the one typed: marks compared when typed, ignored when not. */
  private exactMatches(text: string): Entry[] {
    if (hasMarks(text)) {
      const marked = markedKey(text);
      return this.entries.filter((e) => e.marked === marked);
    }
    const key = communeKey(text);
    return this.entries.filter((e) => e.key === key);
  }

  /** Exact matches (home province first, current before old), then fuzzy ones. */
  private rank(key: string, text: string, fuzzyLimit?: number): Entry[] {
    const exact = this.exactMatches(text);
    const order = (e: Entry) => (this.inHome(e) ? 0 : 2) + (e.current ? 0 : 1);
    exact.sort((a, b) => order(a) - order(b));
    // A near name of her own province before a nearer one elsewhere ("muong phang": Mường Ảng of Điện Biên before
    // Mường Thàng of Phú Thọ, whose figures would be zeros to her): the home province's lead is worth a letter or two.
    const away = (e: Entry) => (this.homeProvince && !this.inHome(e) ? HOME_LEAD : 0);
    const fuzzy = this.fuse
      .search(key, fuzzyLimit === undefined ? undefined : { limit: fuzzyLimit })
      .filter((r) => !exact.includes(r.item))
      .sort((a, b) => a.score! + away(a.item) - (b.score! + away(b.item)) || order(a.item) - order(b.item))
      .map((r) => r.item);
    return [...exact, ...fuzzy];
  }

  private resolveName(name: string, legacyFirst: boolean): CommuneResolution {
    const none: CommuneResolution = { kind: 'NOT_FOUND', commune: null, candidates: [], legacy: null, enteredCode: null };
    const key = communeKey(name);
    if (!key) return none;
    const exact = this.exactMatches(name);
    // Within the home province first, then nationwide; current names before old ones (unless legacyFirst).
    const era = (home: boolean) => {
      const pair = [
        exact.filter((e) => e.current && (!home || this.inHome(e))),
        exact.filter((e) => e.legacy && (!home || this.inHome(e))),
      ];
      return legacyFirst ? pair.reverse() : pair;
    };
    const tiers: Entry[][] = [...(this.homeProvince ? era(true) : []), ...era(false)];
    for (const tier of tiers) {
      if (tier.length === 1) {
        const e = tier[0];
        return e.current ? { ...none, kind: 'NAME', commune: e.current } : this.fromLegacy(e.legacy!, null, null);
      }
      if (tier.length > 1) {
        const candidates = uniqueCommunes(tier.flatMap((e) => (e.current ? [e.current] : this.successorsOf(e.legacy!))));
        if (candidates.length === 1) return { ...none, kind: 'NAME', commune: candidates[0] };
        return { ...none, kind: 'AMBIGUOUS', candidates };
      }
    }
    const fuzzy = this.fuse.search(key, { limit: 10 });
    if (fuzzy.length === 0) return none;
    const best = fuzzy[0];
    const close = fuzzy.filter((r) => r.score! - best.score! < 0.05);
    const candidates = uniqueCommunes(close.flatMap((r) => (r.item.current ? [r.item.current] : this.successorsOf(r.item.legacy!))));
    const homeCandidates = this.homeProvince ? candidates.filter((c) => c.provinceCode === this.homeProvince) : [];
    if (best.score! < 0.25 && candidates.length === 1) return { ...none, kind: 'NAME', commune: candidates[0] };
    if (best.score! < 0.25 && homeCandidates.length === 1) return { ...none, kind: 'NAME', commune: homeCandidates[0] };
    return { ...none, kind: 'AMBIGUOUS', candidates: (homeCandidates.length ? homeCandidates : candidates).slice(0, 10) };
  }

  private successorsOf(l: LegacyCommuneRef): CommuneRef[] {
    return l.successorCodes.map((c) => this.currentByCode.get(c)).filter((c): c is CommuneRef => !!c);
  }
}

function uniqueCommunes(list: CommuneRef[]): CommuneRef[] {
  const seen = new Map<string, CommuneRef>();
  for (const c of list) seen.set(c.code, c);
  return [...seen.values()];
}

/** `97` (a spreadsheet dropped the zeros) → `00097`; anything but 1–5 digits → null. */
export function normalizeCommuneCode(code: string | null | undefined): string | null {
  const c = code?.trim().replace(/\.0+$/, '');
  if (!c || !/^\d{1,5}$/.test(c)) return null;
  return c.padStart(5, '0');
}
