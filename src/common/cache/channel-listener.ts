import pg from 'pg';

/** What a listener tells its owner: a notification came, the connection dropped, or listening (again) began. */
export interface ChannelEvents {
  notified(): void;
  dropped(): void;
  listening(): void;
}

/**
 * One PostgreSQL connection that LISTENs on a channel, for a cache that must forget what a commit
 * elsewhere (another process, psql) changed. While it is not listening — not started, reconnecting,
 * closed — `active` is false and the owner must not trust what it holds: notifications sent
 * meanwhile are lost, so every (re)connection is reported as `listening` (start again empty).
 */
export class ChannelListener {
  private client: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private started = false;
  private retryMs: number;
  /** The round trip callers may still share (not sent yet), and the last one queued. */
  private unsent: Promise<boolean> | null = null;
  private lastTrip: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: () => pg.ClientConfig,
    private readonly channel: string,
    private readonly events: ChannelEvents,
    private readonly firstRetryMs = 500,
  ) {
    this.retryMs = firstRetryMs;
  }

  /** True while notifications are being received. */
  get active(): boolean {
    return this.listening;
  }

  /** Starts listening (once, on first use: a CLI process that never reads the cache never connects). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ ...this.connection(), keepAlive: true });
    this.client = client;
    client.on('notification', () => this.events.notified());
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      this.dropped(client);
      return;
    }
    if (this.client !== client) return;
    this.events.listening();
    this.listening = true;
    this.retryMs = this.firstRetryMs;
  }

  /** The connection is gone: tell the owner, and listen again soon (the wait doubles up to 30 s). */
  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.events.dropped();
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    setTimeout(() => void this.listen(), this.retryMs).unref();
    this.retryMs = Math.min(30_000, this.retryMs * 2);
  }

  /**
   * A round trip on the listening connection: a notification committed before it began is
   * delivered (and handled) before it returns — PostgreSQL sends a session its pending
   * notifications between transactions. False when not listening. Round trips go one at a time
   * (one query at a time on a connection); callers arriving before the next one is sent share it.
   */
  sync(): Promise<boolean> {
    const client = this.client;
    if (!client || !this.listening) return Promise.resolve(false);
    if (this.unsent) return this.unsent;
    const trip = this.lastTrip.then(async () => {
      if (this.unsent === trip) this.unsent = null; // sent now: a caller arriving from here on needs the next one
      try {
        await client.query('SELECT 1');
      } catch {
        return false;
      }
      return this.listening && this.client === client;
    });
    this.unsent = trip;
    this.lastTrip = trip;
    return trip;
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
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }
}
