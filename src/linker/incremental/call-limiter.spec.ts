import { CallLimiter } from './call-limiter.js';

describe('CallLimiter', () => {
  it('admits the limit in a rolling window, refuses the next, and admits again once the window has passed', () => {
    const l = new CallLimiter(60, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect(l.admit('u1', t0 + i * 500)).toBe(true);
    expect(l.admit('u1', t0 + 30_000)).toBe(false);
    // Another user is not affected.
    expect(l.admit('u2', t0 + 30_000)).toBe(true);
    // The first call leaves the window after a minute: one more is admitted.
    expect(l.admit('u1', t0 + 60_001)).toBe(true);
    expect(l.admit('u1', t0 + 60_002)).toBe(false);
  });

  it('forgets callers idle for a window (the map does not grow with every caller ever seen)', () => {
    const l = new CallLimiter(5, 1000);
    for (let i = 0; i < 100; i++) l.admit(`u${i}`, 10_000);
    expect(l.size).toBe(100);
    l.admit('late', 12_000);
    expect(l.size).toBe(1);
  });
});
