import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  const opts = { windowMs: 60_000, maxFailuresPerUser: 3, maxAttemptsPerIp: 5 };

  it('locks a username after repeated failures until the window passes, whatever the address', () => {
    const t = new LoginThrottle(opts);
    for (let i = 0; i < 3; i++) {
      expect(t.admit('Lan', `10.0.0.${i}`, 1000 + i)).toBe(0);
      t.failed('Lan', 1000 + i);
    }
    expect(t.admit('lan', '10.0.0.9', 2000)).toBe(59_000);
    expect(t.admit('hoa', '10.0.0.9', 2000)).toBe(0);
    expect(t.admit('lan', '10.0.0.9', 61_001)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const t = new LoginThrottle(opts);
    t.failed('lan', 0);
    t.failed('lan', 1);
    t.succeeded('lan');
    t.failed('lan', 2);
    expect(t.admit('lan', 'a', 3)).toBe(0);
  });

  it('limits attempts from one address across usernames', () => {
    const t = new LoginThrottle(opts);
    for (let i = 0; i < 5; i++) expect(t.admit(`u${i}`, '10.0.0.1', i)).toBe(0);
    expect(t.admit('u9', '10.0.0.1', 10)).toBeGreaterThan(0);
    expect(t.admit('u9', '10.0.0.2', 10)).toBe(0);
  });
});
