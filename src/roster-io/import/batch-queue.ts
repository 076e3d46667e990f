import type { PendingRow } from './pending-rows.js';

/** Batches read ahead of the one being planned (their new rows prepared meanwhile, in the workers). */
const READ_AHEAD = 2;

/**
 * The rows of a run in batches, as a pipeline: a batch's new rows are prepared as soon as it is read
 * (in the worker threads, beside this thread), while the file goes on being read and the earlier
 * batches planned; batches are planned — and commit — one after another, in file order. At most
 * `ahead` batches wait to be planned; a batch that fails stops the later ones, and its error comes
 * back from `add` or `finish`.
 */
export class BatchQueue {
  private batch: PendingRow[] = [];
  /** The plan of the last batch queued (each waits for the one before it). */
  private last: Promise<void> = Promise.resolve();
  /** The plans of the batches queued and not yet awaited, oldest first. */
  private readonly queued: Promise<void>[] = [];
  /** Every batch's preparation and plan, settled or not. */
  private all: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly size: number,
    private readonly prepare: (rows: PendingRow[]) => Promise<void>,
    private readonly write: (rows: PendingRow[]) => Promise<void>,
    private readonly ahead = READ_AHEAD,
  ) {}

  async add(p: PendingRow): Promise<void> {
    this.batch.push(p);
    if (this.batch.length < this.size) return;
    this.enqueue();
    // Reading runs ahead of planning by `ahead` batches at most (the memory a file may take).
    while (this.queued.length > this.ahead) await this.queued.shift();
  }

  /** Every batch planned, the last (short) one included. */
  async finish(): Promise<void> {
    if (this.batch.length) this.enqueue();
    while (this.queued.length) await this.queued.shift();
  }

  /** After a failure: waits for every batch queued (its preparation and plan) to settle. */
  async settled(): Promise<void> {
    await this.all;
  }

  private enqueue(): void {
    const rows = this.batch;
    this.batch = [];
    const prepared = this.prepare(rows);
    prepared.catch(() => undefined); // awaited below, with the batch before
    this.last = Promise.all([this.last, prepared]).then(() => this.write(rows));
    this.last.catch(() => undefined); // awaited (and rethrown) by `add` or `finish`
    this.queued.push(this.last);
    this.all = Promise.allSettled([this.all, prepared, this.last]);
  }
}
