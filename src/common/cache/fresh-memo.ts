import type pg from 'pg';
import { ChannelListener } from './channel-listener.js';

/** A computed value and when its computation began (the figures are as of then). */
export interface Fresh<V> {
  value: V;
  asOf: Date;
}

interface Computation {
  generation: number;
  started: number;
  result: Promise<Fresh<unknown>>;
  done: boolean;
}

export interface FreshMemoOptions {
  /** A value is computed again after this long even when nothing was heard (what notifications cannot see). */
  maxAgeMs: number;
  maxEntries: number;
}

/**
 * Figures that cost seconds to count over a province (the dashboard's flag counts, the overlap of
 * organizations), computed once and shared until something they are counted from changes. Every
 * commit that writes those tables notifies `channel` (statement triggers, migration
 * 1763700000030): a notification makes every value old, and the next reader computes it again.
 * Readers arriving while a value is being computed wait for that computation instead of starting
 * their own, so a hundred secretariats opening the dashboard at once cost one count, not a hundred.
 * While the notifications cannot be heard (not yet listening, reconnecting), nothing is kept: every
 * reader counts for itself, as without the memo.
 */
export class FreshMemo {
  private readonly entries = new Map<string, Computation>();
  private readonly listener: ChannelListener;
  private generation = 0;

  constructor(
    connection: () => pg.ClientConfig,
    channel: string,
    private readonly options: FreshMemoOptions,
  ) {
    const forget = () => {
      this.generation++;
      this.entries.clear();
    };
    this.listener = new ChannelListener(connection, channel, { notified: forget, dropped: forget, listening: forget });
  }

  /** The value of `key`: the shared one while nothing it stands on changed, else `compute()`'s. */
  async get<V>(key: string, compute: () => Promise<V>, now = Date.now()): Promise<Fresh<V>> {
    this.listener.start();
    // Whatever was committed before this read began is heard before a kept value is trusted.
    if (!(await this.listener.sync())) return { value: await compute(), asOf: new Date(now) };
    const kept = this.entries.get(key);
    if (kept && kept.generation === this.generation && !(kept.done && now - kept.started > this.options.maxAgeMs))
      return kept.result as Promise<Fresh<V>>;
    const generation = this.generation;
    const entry: Computation = {
      generation,
      started: now,
      done: false,
      result: compute().then((value) => ({ value, asOf: new Date(now) })),
    };
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    entry.result.then(
      () => (entry.done = true),
      // A failed count is not kept: the next reader tries again.
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return entry.result as Promise<Fresh<V>>;
  }

  /** Starts listening and waits (at most `ms`) until notifications are heard: true when they are (values can be kept). */
  async listening(ms: number): Promise<boolean> {
    this.listener.start();
    for (const end = Date.now() + ms; !this.listener.active && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
    return this.listener.active;
  }

  /** True while notifications are heard (values are kept only then). */
  get active(): boolean {
    return this.listener.active;
  }

  /** After a change this process made (it will be notified too; this makes its own next read count it at once). */
  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
