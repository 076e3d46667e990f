import type pg from 'pg';
import { ChannelListener } from '../common/cache/channel-listener.js';
import type { Principal } from '../access/principal.js';

/** What a token stands for, without the address of the request that brought it. */
export type CachedPrincipal = Omit<Principal, 'clientIp'>;

interface Entry {
  principal: CachedPrincipal;
  /** The token's own expiry (ms), or null. */
  expiresAt: number | null;
  /** When the entry goes anyway (ms): anything the notifications cannot see is forgotten soon. */
  until: number;
}

export const PRINCIPALS_CHANNEL = 'lienthong_principals';

export interface PrincipalCacheOptions {
  maxEntries: number;
  maxAgeMs: number;
  /** The wait before listening again after the connection dropped (doubles up to 30 s: channel-listener.ts). */
  retryMs: number;
}

const DEFAULTS: PrincipalCacheOptions = { maxEntries: 20_000, maxAgeMs: 60_000, retryMs: 500 };

/**
 * token hash → principal, so that a request does not look its token up in PostgreSQL. Revocation
 * still bites at once, across processes: every change to what a principal is made of notifies
 * `lienthong_principals` when it commits (triggers, migration 1763700000028), and a notification
 * clears the whole cache. The cache is used only while its LISTEN connection is up: when it drops,
 * the cache is cleared and every lookup goes to the database until the connection is back (and
 * LISTENs again — notifications sent meanwhile were lost, so it starts empty).
 *
 * A lookup that was under way when the cache was cleared is not stored (the `generation` it started
 * with is gone): it may have read the row before the revocation committed. Only found principals
 * are stored; an unknown, revoked or expired token is asked about every time.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly options: PrincipalCacheOptions;
  private readonly listener: ChannelListener;
  /** Bumped at every clear. */
  generation = 0;

  constructor(connection: () => pg.ClientConfig, options: Partial<PrincipalCacheOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    const clear = () => this.clear();
    this.listener = new ChannelListener(
      connection,
      PRINCIPALS_CHANNEL,
      { notified: clear, dropped: clear, listening: clear },
      this.options.retryMs,
    );
  }

  /** True while notifications are being received: only then may entries be used or stored. */
  get active(): boolean {
    return this.listener.active;
  }

  /** Starts listening (once, on first use: a CLI process never authenticates a bearer token). */
  start(): void {
    this.listener.start();
  }

  get(key: string, now = Date.now()): CachedPrincipal | null {
    if (!this.active) return null;
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.until <= now || (e.expiresAt !== null && e.expiresAt <= now)) {
      this.entries.delete(key);
      return null;
    }
    return e.principal;
  }

  /** Stores what a lookup that began at `generation` found, unless the cache was cleared since. */
  set(key: string, principal: CachedPrincipal, expiresAt: Date | null, generation: number, now = Date.now()): void {
    if (!this.active || generation !== this.generation) return;
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { principal, expiresAt: expiresAt?.getTime() ?? null, until: now + this.options.maxAgeMs });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** For tests: the listening connection's backend pid (to end it from outside). */
  backendPid(): Promise<number | null> {
    return this.listener.backendPid();
  }

  async close(): Promise<void> {
    await this.listener.close();
    this.clear();
  }
}
