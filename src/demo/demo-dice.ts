// The random draws of the demo province, all from one seeded stream (and a second stream for the
// population rates added later, so that at their defaults the rows of a seed stay as they were).
import { prng } from '../common/random/prng.js';
import type { Weighted } from './demo-names.js';

export interface Dice {
  rand: () => number;
  /** The second stream. */
  alt: () => number;
  chance: (p: number) => boolean;
  /** An integer from lo to hi, both included. */
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  weighted: (xs: Weighted) => string;
}

export function dice(seed: number): Dice {
  const rand = prng(seed);
  const alt = prng((seed ^ 0x2545f491) >>> 0);
  return {
    rand,
    alt,
    chance: (p) => rand() < p,
    int: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(rand() * xs.length)],
    weighted: (xs) => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = rand() * total;
      for (const [v, w] of xs) if ((r -= w) < 0) return v;
      return xs[xs.length - 1][0];
    },
  };
}

export function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
