import type { PhantomFacts } from './phantom.js';
import { signalsOf, type SignalRates } from './phantom-signals.js';

/**
 * The two rates the province's records must tell themselves, by EM with every other likelihood held
 * fixed: the share of made-up records (the base rate), and how often made-up and real records come
 * in bursts. Each round, every record's probability of being made up given the current rates; then
 * the rates as those probabilities' means. Run on the records no rule or register already decided.
 */
export function estimate(n: number, factsOf: (k: number) => PhantomFacts, rates: SignalRates): Pick<SignalRates, 'madeUpShare' | 'burst'> {
  // Each record's evidence without the two estimated terms, and whether it is in a burst (−1: it could not be).
  const evidence = new Float64Array(n);
  const burst = new Int8Array(n);
  for (let k = 0; k < n; k++) {
    const f = factsOf(k);
    const signals = signalsOf(f, rates, false);
    evidence[k] = signals.reduce((t, s) => (s.code === 'BASE_RATE' || s.code === 'BURST' || s.code === 'NO_BURST' ? t : t + s.weight), 0);
    burst[k] = f.burst === null ? -1 : f.burst > 0 ? 1 : 0;
  }
  let share = rates.madeUpShare;
  let { madeUp, real } = rates.burst;
  for (let round = 0; round < 100; round++) {
    const prior = Math.log2(share / (1 - share));
    const present = Math.log2(madeUp / real);
    const absent = Math.log2((1 - madeUp) / (1 - real));
    let all = 0;
    const could = { made: 0, real: 0, madeIn: 0, realIn: 0 };
    for (let k = 0; k < n; k++) {
      const p = 1 / (1 + 2 ** -(evidence[k] + prior + (burst[k] < 0 ? 0 : burst[k] ? present : absent)));
      all += p;
      if (burst[k] < 0) continue;
      could.made += p;
      could.real += 1 - p;
      if (burst[k]) {
        could.madeIn += p;
        could.realIn += 1 - p;
      }
    }
    const next = {
      share: clamp((all + 1) / (n + 2)),
      madeUp: clamp((could.madeIn + 1) / (could.made + 2)),
      real: clamp((could.realIn + 1) / (could.real + 2)),
    };
    const moved = Math.abs(next.share - share) + Math.abs(next.madeUp - madeUp) + Math.abs(next.real - real);
    ({ share, madeUp, real } = next);
    if (moved < 1e-7) break;
  }
  return { madeUpShare: share, burst: { madeUp, real } };
}

const clamp = (x: number) => Math.min(0.999, Math.max(1e-5, x));
