import { statisticsStale } from './fresh-statistics.js';

describe('statisticsStale', () => {
  it('calls a table stale after a bulk write of a fifth of its rows or more, never after a few edits', () => {
    expect(statisticsStale(40_000, 40_000)).toBe(true); // the first import into an empty table
    expect(statisticsStale(200_000, 40_000)).toBe(true);
    expect(statisticsStale(200_000, 20_000)).toBe(false); // a tenth: autovacuum's business
    expect(statisticsStale(5_000, 5_000)).toBe(false); // a small roster: the planner's guesses do
    expect(statisticsStale(0, 0)).toBe(false);
  });
});
