import type { DataSource } from 'typeorm';

/**
 * Log-in throttling (README "Log-in"), kept in the database (table `login_throttle`) so that a
 * restart or a second process does not reset it. An attempt is reserved — counted as a failure —
 * before the password is checked, under a row lock: concurrent attempts cannot all slip through.
 *
 * - An account may fail `freeFailures` times in a row from one address; after that each further
 *   attempt from there must wait 2 s, 4 s, 8 s… (at most `maxDelayMs`) after the previous one.
 *   Nobody is locked out for long: the right password works once the wait is over, and a success
 *   clears the count. Counted by address too, so that someone failing on purpose, one attempt
 *   every few minutes, cannot keep her out from her own office (a helper's probe, 2026-12-04).
 * - An address gets `maxAttemptsPerIp` attempts per `windowMs`, whatever the usernames.
 */
export interface ThrottleOptions {
  freeFailures: number;
  maxDelayMs: number;
  windowMs: number;
  maxAttemptsPerIp: number;
  /** A row untouched this long is forgotten (and pruned). */
  forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeFailures: 5,
  maxDelayMs: 5 * 60_000,
  windowMs: 15 * 60_000,
  maxAttemptsPerIp: 200,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** A stored counter, times in epoch milliseconds. */
export interface ThrottleRow {
  count: number;
  windowStart: number;
  nextAt: number;
  lastAt: number;
}

/** What a reservation decides: wait (ms, > 0) and nothing changes, or go ahead with the new row. */
export type ThrottleDecision = { wait: number } | { wait: 0; row: ThrottleRow };

/** The wait after `failures` failures in a row: none up to `freeFailures - 1`, then 2 s, 4 s, 8 s…, capped. */
export function accountDelayMs(failures: number, o: ThrottleOptions = DEFAULT_THROTTLE): number {
  if (failures < o.freeFailures) return 0;
  return Math.min(o.maxDelayMs, 1000 * 2 ** Math.min(30, failures - o.freeFailures + 1));
}

/** An account's attempt: refused while its wait lasts; otherwise counted as a failure until it succeeds. */
export function decideAccount(row: ThrottleRow, now: number, o: ThrottleOptions = DEFAULT_THROTTLE): ThrottleDecision {
  const count = now - row.lastAt > o.forgetAfterMs ? 0 : row.count;
  if (count > 0 && row.nextAt > now) return { wait: row.nextAt - now };
  const failures = count + 1;
  return { wait: 0, row: { count: failures, windowStart: row.windowStart, nextAt: now + accountDelayMs(failures, o), lastAt: now } };
}

/** An address's attempt: at most `maxAttemptsPerIp` in a window that starts with its first attempt. */
export function decideAddress(row: ThrottleRow, now: number, o: ThrottleOptions = DEFAULT_THROTTLE): ThrottleDecision {
  if (row.count === 0 || now - row.windowStart >= o.windowMs)
    return { wait: 0, row: { count: 1, windowStart: now, nextAt: now, lastAt: now } };
  if (row.count >= o.maxAttemptsPerIp) return { wait: row.windowStart + o.windowMs - now };
  return { wait: 0, row: { ...row, count: row.count + 1, lastAt: now } };
}

/** "12 giây" or "3 phút", rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

const accountKey = (username: string, ip: string) => `user:${username.toLowerCase()}@${ip}`;

const EPOCH_MS = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/** The counters in the database; the decisions above are the rule. */
export class LoginThrottle {
  private lastPrune = 0;

  constructor(
    private readonly db: DataSource,
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
  ) {}

  /** Reserves an attempt for this address; milliseconds to wait, or 0 (the attempt is counted). */
  reserveAddress(ip: string): Promise<number> {
    return this.reserve(`ip:${ip}`, (row, now) => decideAddress(row, now, this.options));
  }

  /** Reserves an attempt for this username from this address (counted as a failure until `succeeded`); ms to wait, or 0. */
  reserveAccount(username: string, ip: string): Promise<number> {
    return this.reserve(accountKey(username, ip), (row, now) => decideAccount(row, now, this.options));
  }

  async succeeded(username: string, ip: string): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE key = $1`, [accountKey(username, ip)]);
  }

  private async reserve(key: string, decide: (row: ThrottleRow, now: number) => ThrottleDecision): Promise<number> {
    await this.prune();
    return this.db.transaction(async (em) => {
      await em.query(`INSERT INTO login_throttle (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`, [key]);
      const [r] = await em.query<(ThrottleRow & { now: number })[]>(
        `SELECT count, ${EPOCH_MS('window_start')} AS "windowStart", ${EPOCH_MS('next_at')} AS "nextAt",
                ${EPOCH_MS('last_at')} AS "lastAt", ${EPOCH_MS('clock_timestamp()')} AS now
           FROM login_throttle WHERE key = $1 FOR UPDATE`,
        [key],
      );
      const d = decide(r, r.now);
      if (!('row' in d)) return Math.max(1, Math.ceil(d.wait));
      await em.query(
        `UPDATE login_throttle SET count = $2, window_start = to_timestamp($3 / 1000.0), next_at = to_timestamp($4 / 1000.0),
                last_at = to_timestamp($5 / 1000.0) WHERE key = $1`,
        [key, d.row.count, d.row.windowStart, d.row.nextAt, d.row.lastAt],
      );
      return 0;
    });
  }

  /** Forgets counters untouched for `forgetAfterMs`, at most once a minute per process. */
  private async prune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    await this.db.query(`DELETE FROM login_throttle WHERE last_at < clock_timestamp() - $1 * interval '1 millisecond'`, [
      this.options.forgetAfterMs,
    ]);
  }
}
