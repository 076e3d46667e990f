import { accountDelayMs, decideAccount, decideAddress, waitText, type ThrottleRow } from './login-throttle.js';

describe('log-in throttle rules', () => {
  const opts = { freeFailures: 3, maxDelayMs: 60_000, windowMs: 60_000, maxAttemptsPerIp: 2, forgetAfterMs: 3_600_000 };
  const fresh = (now: number): ThrottleRow => ({ count: 0, windowStart: now, nextAt: now, lastAt: now });

  it('lets an account fail a few times, then makes each further attempt wait longer, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((f) => accountDelayMs(f, opts))).toEqual([
      0, 0, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('refuses an account attempt while its wait lasts, and counts each attempt let through', () => {
    let row = fresh(0);
    const decisions = [];
    for (const now of [1, 2, 3, 4, 2003, 2004]) {
      const d = decideAccount(row, now, opts);
      decisions.push(d.wait);
      if ('row' in d) row = d.row;
    }
    expect(decisions).toEqual([0, 0, 0, 1999, 0, 3999]);
    expect(row).toMatchObject({ count: 4, nextAt: 2003 + 4000 });
  });

  it('forgets an old run of failures', () => {
    const d = decideAccount({ count: 9, windowStart: 0, nextAt: 1000, lastAt: 1000 }, 1000 + 3_600_001, opts);
    expect(d).toMatchObject({ wait: 0, row: { count: 1 } });
  });

  it('limits attempts from one address per window', () => {
    let row = fresh(0);
    const waits = [];
    for (const now of [0, 10, 20, 60_000]) {
      const d = decideAddress(row, now, opts);
      waits.push(d.wait);
      if ('row' in d) row = d.row;
    }
    expect(waits).toEqual([0, 0, 59_980, 0]);
    expect(row).toMatchObject({ count: 1, windowStart: 60_000 });
  });

  it('says how long to wait in seconds, or minutes past two', () => {
    expect([1, 1500, 119_000, 300_000].map(waitText)).toEqual(['1 giây', '2 giây', '119 giây', '5 phút']);
  });
});
