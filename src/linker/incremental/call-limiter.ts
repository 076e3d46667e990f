/**
 * At most `limit` calls per key in any rolling window of `windowMs` (a refused call does not
 * count). Keys without a call in the last window are forgotten, so the map never outgrows the
 * callers of one window.
 */
export class CallLimiter {
  private readonly calls = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts the call and says whether it may go on. */
  admit(key: string, now = Date.now()): boolean {
    this.sweep(now);
    const since = now - this.windowMs;
    const recent = (this.calls.get(key) ?? []).filter((t) => t > since);
    const admitted = recent.length < this.limit;
    if (admitted) recent.push(now);
    this.calls.set(key, recent);
    return admitted;
  }

  /** How many keys are remembered (for tests of the pruning). */
  get size(): number {
    return this.calls.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.calls) if (!times.length || times[times.length - 1] <= now - this.windowMs) this.calls.delete(key);
  }
}
