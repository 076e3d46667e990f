// What every part of the demo draws from: the options, the dice, the province's communes (upland
// or not, their old codes), the dates around today, and the branches of each organization.
import type { AdminUnitsData } from '../geography/admin-units-data.js';
import { formatVnDay } from '../common/dates/vn-day.js';
import { dice, shuffle, type Dice } from './demo-dice.js';
import { namePools, type NamePools } from './demo-names.js';
import {
  DEFAULT_NOISE,
  DEFAULT_PLANTS,
  DEFAULT_POPULATION,
  type NoiseRates,
  type PlantRates,
  type PopulationRates,
} from './demo-profile.js';

export interface DemoOptions {
  data: AdminUnitsData;
  /** GSO code of the province (default 11, Điện Biên). */
  province: string;
  persons: number;
  seed: number;
  /** yyyy-mm-dd: ages and "recent" are measured from it. */
  today: string;
  noise?: Partial<NoiseRates>;
  plants?: Partial<PlantRates>;
  /** What the province is like (upland share, namesakes, register coverage…): `demo-profile.ts`. */
  population?: Partial<PopulationRates>;
}

export const DEMO_ORGS = ['CD', 'DTN', 'HPN', 'HND', 'CCB', 'NCT'] as const;
export type DemoOrg = (typeof DEMO_ORGS)[number];

export interface DemoWorld extends Dice {
  opts: DemoOptions;
  noise: NoiseRates;
  plants: PlantRates;
  pop: PopulationRates;
  names: NamePools;
  todayY: number;
  daysAgo: (n: number) => string;
  /** Within the last six months. */
  recentDate: () => string;
  /** No date in the future: a later one becomes a recent one. */
  past: (d: string) => string;
  communes: string[];
  upland: Set<string>;
  /** Commune → the codes of the communes merged into it (rosters still use them). */
  oldCodes: Map<string, string[]>;
  /** Branches: two to four per organization and commune, drawn when first asked for. */
  branches: (org: DemoOrg, commune: string) => string[];
}

export const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
export const vn = (y: number, m: number, d: number) => formatVnDay(iso(y, m, d));

export function demoWorld(opts: DemoOptions): DemoWorld {
  const d = dice(opts.seed);
  const pop = { ...DEFAULT_POPULATION, ...opts.population };
  const todayMs = Date.parse(`${opts.today}T00:00:00Z`);
  const daysAgo = (n: number) => new Date(todayMs - n * 86_400_000).toISOString().slice(0, 10);
  const communes = opts.data.communes.filter((c) => c.provinceCode === opts.province).map((c) => c.code);
  if (!communes.length) throw new Error(`province '${opts.province}' has no communes`);
  // Upland communes (Thái and H'Mông villages): two in five by default, enough for a quarter of the records.
  const upland = new Set(
    pop.uplandShare === DEFAULT_POPULATION.uplandShare
      ? communes.filter((_, i) => i % 5 < 2)
      : shuffle(communes, d.alt).slice(0, Math.round(communes.length * pop.uplandShare)),
  );
  const oldCodes = new Map<string, string[]>();
  for (const s of opts.data.successors)
    if (s.coverage === 'FULL' && s.legacyCode !== s.communeCode)
      oldCodes.set(s.communeCode, [...(oldCodes.get(s.communeCode) ?? []), s.legacyCode]);
  const branchesOf = new Map<string, string[]>();
  return {
    ...d,
    opts,
    noise: { ...DEFAULT_NOISE, ...opts.noise },
    plants: { ...DEFAULT_PLANTS, ...opts.plants },
    pop,
    names: namePools(pop),
    todayY: Number(opts.today.slice(0, 4)),
    daysAgo,
    recentDate: () => daysAgo(d.int(1, 180)),
    past: (day) => (day >= opts.today ? daysAgo(d.int(1, 60)) : day),
    communes,
    upland,
    oldCodes,
    branches: (org, commune) => {
      const key = `${org}:${commune}`;
      let list = branchesOf.get(key);
      if (!list) {
        list = Array.from({ length: d.int(2, 4) }, (_, k) => `${org}-${commune}-${String(k + 1).padStart(2, '0')}`);
        branchesOf.set(key, list);
      }
      return list;
    },
  };
}
