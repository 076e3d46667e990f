import type { Request } from 'express';
import { callerKey, RequestRate } from './request-rate.js';

describe('RequestRate', () => {
  it('counts each caller for its own minute and refuses past the rate', () => {
    const r = new RequestRate({ perMinute: 2, inFlight: 10 });
    const go = (key: string, now: number) => {
      const d = r.admit(key, now, true);
      d.release?.();
      return d.overRate;
    };
    expect([go('a', 0), go('a', 1), go('a', 20_000), go('b', 20_000)]).toEqual([0, 0, 40, 0]);
    expect(go('a', 60_000)).toBe(0);
  });

  it('refuses a token with too many requests in flight, not an address', () => {
    const r = new RequestRate({ perMinute: 100, inFlight: 1 });
    const first = r.admit('t', 0, true);
    expect(r.admit('t', 1, true).busy).toBe(true);
    expect(r.admit('ip', 1, false).busy).toBe(false);
    expect(r.admit('ip', 2, false).busy).toBe(false);
    first.release!();
    first.release!(); // once only: a request that ends twice (finish, then close) frees one place
    expect(r.admit('t', 3, true).busy).toBe(false);
    expect(r.admit('t', 4, true).busy).toBe(true);
  });

  it('counts files on their way apart: a slow upload leaves her requests free, and two files at most', () => {
    const r = new RequestRate({ perMinute: 100, inFlight: 1 });
    const upload = r.admit('t', 0, true, 'file');
    expect(r.admit('t', 1, true).busy).toBe(false);
    expect(r.admit('t', 2, true, 'file').busy).toBe(false);
    expect(r.admit('t', 3, true, 'file').busy).toBe(true);
    upload.release!();
    expect(r.admit('t', 4, true, 'file').busy).toBe(false);
  });

  it('forgets callers whose minute is over (the map does not grow without end)', () => {
    const r = new RequestRate({ perMinute: 100, inFlight: 10 });
    for (let i = 0; i < 1000; i++) r.admit(`ip:${i}`, 0, false).release!();
    const still = r.admit('busy', 0, true);
    expect(r.size).toBe(1001);
    r.admit('later', 60_001, false);
    expect(r.size).toBe(2); // the one still in flight and the new one
    still.release!();
  });

  it('counts a browser session as its token, and an address without either', () => {
    const token = 'lt_ses_' + 'a'.repeat(43);
    const key = (headers: Record<string, string>) => callerKey({ headers, ip: '10.0.0.1', socket: {} } as unknown as Request);
    expect(key({ cookie: `lt_session=${token}` })).toEqual(key({ authorization: `Bearer ${token}` }));
    expect(key({ cookie: `lt_session=${token}` }).token).toBe(true);
    expect(key({ authorization: 'Basic abc' }).token).toBe(true);
    expect(key({ cookie: 'other=1' })).toEqual({ key: 'ip:10.0.0.1', token: false });
  });
});
