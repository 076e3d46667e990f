import { prng } from '../common/random/prng.js';

/** Share of roster rows that carry each kind of noise. */
export interface NoiseRates {
  lostAccents: number;
  nfd: number;
  otherTonePlacement: number;
  typo: number;
  droppedMiddle: number;
  upperCase: number;
  straySpaces: number;
  yearOnly: number;
  swappedDayMonth: number;
  missingId: number;
  mistypedId: number;
  cmnd: number;
  oldPhone: number;
  plus84: number;
  oldCommuneCode: number;
  hoangHuynhVuVo: number;
}

export const DEFAULT_NOISE: NoiseRates = {
  lostAccents: 0.05,
  nfd: 0.05,
  otherTonePlacement: 0.08,
  typo: 0.02,
  droppedMiddle: 0.04,
  upperCase: 0.03,
  straySpaces: 0.04,
  yearOnly: 0.06,
  swappedDayMonth: 0.02,
  missingId: 0.12,
  mistypedId: 0.02,
  cmnd: 0.03,
  oldPhone: 0.05,
  plus84: 0.04,
  oldCommuneCode: 0.06,
  hoangHuynhVuVo: 0.3,
};

/** How often each problem is planted (share of the organization's records, or of persons). */
export interface PlantRates {
  /** The same person twice in one organization, in two branches. */
  duplicateInOrg: number;
  /** A legitimate second listing (Sinh hoạt tạm thời) in another branch. */
  temporaryListing: number;
  /** Share of persons who died (the register says so) and are still listed. */
  deceased: number;
  /** Đoàn members over 30 still active. */
  overAge: number;
  /** Men in Hội Phụ nữ (not honorary). */
  wrongSex: number;
  /** Members with no activity or dues for years. */
  inactive: number;
  /** Fabricated names, entered in bursts in a few branches (share of all records). */
  fabricated: number;
}

export const DEFAULT_PLANTS: PlantRates = {
  duplicateInOrg: 0.02,
  temporaryListing: 0.01,
  deceased: 0.015,
  overAge: 0.03,
  wrongSex: 0.005,
  inactive: 0.03,
  fabricated: 0.02,
};

/**
 * What a province is like, as opposed to the noise on its rows: how many upland communes, how
 * concentrated its family names, how many given names its villages use, how much of it the
 * register extract covers, who has a phone, who moved. The defaults are the tuning province the
 * linker grew up with (every earlier benchmark); `drawProfile(seed)` draws every rate from a seed,
 * so a benchmark can be run on provinces nobody tuned on (issue "How many real people").
 */
export interface PopulationRates {
  /** Share of communes that are upland (Thái and H'Mông villages). */
  uplandShare: number;
  /** Share of upland people whose birth date is the placeholder 01/01. */
  placeholderDates: number;
  /** Exponent on the family-name frequencies: above 1 the common names take more of the people. */
  familyConcentration: number;
  /** Share of each given-name list in use: fewer names, more namesakes. */
  namePool: number;
  /** Share of the people in the register extract. */
  registerCoverage: number;
  /** Share of lowland and upland people with a mobile phone. */
  phoneLowland: number;
  phoneUpland: number;
  /** Share of memberships listed in a neighbouring commune (a move the register does not know). */
  moved: number;
}

export const DEFAULT_POPULATION: PopulationRates = {
  uplandShare: 0.4,
  placeholderDates: 0.45,
  familyConcentration: 1,
  namePool: 1,
  registerCoverage: 1,
  phoneLowland: 0.85,
  phoneUpland: 0.55,
  moved: 0,
};

export interface DemoProfile {
  population: PopulationRates;
  noise: NoiseRates;
  plants: PlantRates;
}

type Ranges<T> = { [K in keyof T]: readonly [number, number] };

/** The range each rate is drawn from. CCCD coverage 30–95% is `1 − missingId`. */
export const PROFILE_RANGES: { population: Ranges<PopulationRates>; noise: Ranges<NoiseRates>; plants: Ranges<PlantRates> } = {
  population: {
    uplandShare: [0.2, 0.6],
    placeholderDates: [0.2, 0.7],
    familyConcentration: [0.8, 1.6],
    namePool: [0.4, 1],
    registerCoverage: [0.85, 0.99],
    phoneLowland: [0.4, 0.9],
    phoneUpland: [0.15, 0.7],
    moved: [0, 0.08],
  },
  noise: {
    lostAccents: [0.01, 0.1],
    nfd: [0, 0.1],
    otherTonePlacement: [0.02, 0.15],
    typo: [0.005, 0.04],
    droppedMiddle: [0.01, 0.08],
    upperCase: [0, 0.08],
    straySpaces: [0, 0.08],
    yearOnly: [0.02, 0.2],
    swappedDayMonth: [0, 0.04],
    missingId: [0.05, 0.7],
    mistypedId: [0.005, 0.03],
    cmnd: [0, 0.06],
    oldPhone: [0, 0.1],
    plus84: [0, 0.08],
    oldCommuneCode: [0.02, 0.2],
    hoangHuynhVuVo: [0.1, 0.5],
  },
  plants: {
    duplicateInOrg: [0.005, 0.04],
    temporaryListing: [0.003, 0.02],
    deceased: [0.005, 0.03],
    overAge: [0.01, 0.05],
    wrongSex: [0.002, 0.01],
    inactive: [0.01, 0.06],
    fabricated: [0.005, 0.04],
  },
};

/** Every rate drawn uniformly from its range, from its own stream of the seed (the rows use another). */
export function drawProfile(seed: number): DemoProfile {
  const rand = prng((seed ^ 0x9e3779b9) >>> 0);
  const draw = <T>(ranges: Ranges<T>): T =>
    Object.fromEntries(
      Object.entries(ranges).map(([k, r]) => [
        k,
        round((r as [number, number])[0] + rand() * ((r as [number, number])[1] - (r as [number, number])[0])),
      ]),
    ) as T;
  return { population: draw(PROFILE_RANGES.population), noise: draw(PROFILE_RANGES.noise), plants: draw(PROFILE_RANGES.plants) };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** The rates a benchmark prints beside its results, flat and named (`population.registerCoverage`…). */
export function profileRates(p: DemoProfile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of ['population', 'noise', 'plants'] as const)
    for (const [k, v] of Object.entries(p[part])) out[`${part}.${k}`] = v as number;
  out['derived.idCoverage'] = round(1 - p.noise.missingId);
  return out;
}
