/**
 * Limits log-in attempts in this process: after `maxFailuresPerUser` failures in the window a
 * username is locked for the rest of the window; an address gets `maxAttemptsPerIp` attempts per
 * window whatever the usernames. Pure apart from the clock it is given.
 */
export interface ThrottleOptions {
  windowMs: number;
  maxFailuresPerUser: number;
  maxAttemptsPerIp: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { windowMs: 15 * 60_000, maxFailuresPerUser: 5, maxAttemptsPerIp: 200 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {}

  /** Milliseconds to wait before trying again, or 0 when an attempt may go ahead (and is counted). */
  admit(username: string, ip: string, now: number): number {
    const user = this.recent(this.failures, username.toLowerCase(), now);
    const byIp = this.recent(this.attempts, ip, now);
    if (user.length >= this.options.maxFailuresPerUser) return user[0] + this.options.windowMs - now;
    if (byIp.length >= this.options.maxAttemptsPerIp) return byIp[0] + this.options.windowMs - now;
    byIp.push(now);
    this.attempts.set(ip, byIp);
    return 0;
  }

  failed(username: string, now: number): void {
    const key = username.toLowerCase();
    const list = this.recent(this.failures, key, now);
    list.push(now);
    this.failures.set(key, list);
  }

  succeeded(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private recent(map: Map<string, number[]>, key: string, now: number): number[] {
    const list = (map.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (list.length) map.set(key, list);
    else map.delete(key);
    return list;
  }
}
