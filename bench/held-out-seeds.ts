/**
 * Chooses the held-out seeds of the linker benchmark (issue "How many real people", item 1): seeds
 * whose drawn profiles together reach both ends (the outer quarters) of every rate the issue names,
 * with one seed of CCCD coverage ≤ 40%, one of register coverage ≤ 88% and one in the top quarter of
 * namesake density (few given names and concentrated family names). Run once, before any tuning;
 * its output is `bench/seeds.json`.
 *
 *   npm run build && node dist/bench/held-out-seeds.js > bench/seeds.json
 */
import { drawProfile, PROFILE_RANGES, type DemoProfile } from '../src/demo/demo-profile.js';

type Part = 'population' | 'noise' | 'plants';
const NAMED: [Part, string][] = [
  ['population', 'familyConcentration'],
  ['population', 'namePool'],
  ['population', 'registerCoverage'],
  ['population', 'placeholderDates'],
  ['population', 'moved'],
  ['population', 'phoneLowland'],
  ['population', 'phoneUpland'],
  ['noise', 'missingId'],
  ['noise', 'yearOnly'],
  ['noise', 'oldCommuneCode'],
  ['plants', 'fabricated'],
  ['plants', 'deceased'],
  ['plants', 'inactive'],
];

const value = (p: DemoProfile, [part, k]: [Part, string]) => (p[part] as unknown as Record<string, number>)[k];
const range = ([part, k]: [Part, string]) => (PROFILE_RANGES[part] as unknown as Record<string, readonly [number, number]>)[k];

/** The ends of ranges a profile reaches: `rate:low` in the lowest quarter, `rate:high` in the highest. */
function ends(p: DemoProfile): Set<string> {
  const out = new Set<string>();
  for (const rate of NAMED) {
    const [lo, hi] = range(rate);
    const x = (value(p, rate) - lo) / (hi - lo);
    if (x <= 0.25) out.add(`${rate[1]}:low`);
    if (x >= 0.75) out.add(`${rate[1]}:high`);
  }
  return out;
}

const REQUIRED: [string, (p: DemoProfile) => boolean][] = [
  ['CCCD coverage ≤ 40%', (p) => 1 - p.noise.missingId <= 0.4],
  ['register coverage ≤ 88%', (p) => p.population.registerCoverage <= 0.88],
  ['namesake density in the top quarter', (p) => ends(p).has('namePool:low') && ends(p).has('familyConcentration:high')],
];

const candidates = Array.from({ length: 9000 }, (_, i) => 1000 + i).map((seed) => ({ seed, profile: drawProfile(seed) }));
const chosen: typeof candidates = [];
const covered = new Set<string>();
const gain = (c: (typeof candidates)[number]) => [...ends(c.profile)].filter((e) => !covered.has(e)).length;
const take = (pool: typeof candidates) => {
  const best = pool.filter((c) => !chosen.includes(c)).sort((a, b) => gain(b) - gain(a) || a.seed - b.seed)[0];
  chosen.push(best);
  for (const e of ends(best.profile)) covered.add(e);
};
for (const [, test] of REQUIRED) take(candidates.filter((c) => test(c.profile)));
while (covered.size < NAMED.length * 2 || chosen.length < 5) take(candidates);

process.stdout.write(
  `${JSON.stringify(
    {
      note: 'Chosen by bench/held-out-seeds.ts before any tuning. Tune only on `tuning`; report on `heldOut` (worst and median).',
      tuning: [1, 101, 102, 103],
      heldOut: chosen.map((c) => c.seed),
      why: Object.fromEntries(
        chosen.map((c) => [
          c.seed,
          [...REQUIRED.filter(([, t]) => t(c.profile)).map(([name]) => name), ...[...ends(c.profile)].sort()].join(', '),
        ]),
      ),
    },
    null,
    2,
  )}\n`,
);
