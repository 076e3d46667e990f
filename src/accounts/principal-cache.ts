import pg from 'pg';
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
  /** The wait before listening again after the connection dropped (doubles up to 30 s). */
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
  private client: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private started = false;
  private retryMs: number;
  /** Bumped at every clear. */
  generation = 0;

  constructor(
    private readonly connection: () => pg.ClientConfig,
    options: Partial<PrincipalCacheOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.retryMs = this.options.retryMs;
  }

  /** True while notifications are being received: only then may entries be used or stored. */
  get active(): boolean {
    return this.listening;
  }

  /** Starts listening (once, on first use: a CLI process never authenticates a bearer token). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.listen();
  }

  get(key: string, now = Date.now()): CachedPrincipal | null {
    if (!this.listening) return null;
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
    if (!this.listening || generation !== this.generation) return;
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

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ ...this.connection(), keepAlive: true });
    this.client = client;
    client.on('notification', () => this.clear());
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPALS_CHANNEL}`);
    } catch {
      this.dropped(client);
      return;
    }
    if (this.client !== client) return;
    this.clear();
    this.listening = true;
    this.retryMs = this.options.retryMs;
  }

  /** The connection is gone: forget everything, look every token up, and listen again soon. */
  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.clear();
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    setTimeout(() => void this.listen(), this.retryMs).unref();
    this.retryMs = Math.min(30_000, this.retryMs * 2);
  }

  /** For tests: the listening connection's backend pid (to end it from outside). */
  async backendPid(): Promise<number | null> {
    if (!this.client || !this.listening) return null;
    const r = await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return r.rows[0].pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.clear();
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }
}
