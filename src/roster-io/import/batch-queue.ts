import type { PendingRow } from './pending-rows.js';

/** The rows of a run in batches: one batch is planned while the next is read and its new rows prepared. */
export class BatchQueue {
  private batch: PendingRow[] = [];
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly size: number,
    private readonly prepare: (rows: PendingRow[]) => Promise<void>,
    private readonly write: (rows: PendingRow[]) => Promise<void>,
  ) {}

  async add(p: PendingRow): Promise<void> {
    this.batch.push(p);
    if (this.batch.length < this.size) return;
    // Read the new rows now, while the previous batch is being planned.
    await this.prepare(this.batch);
    // One batch is planned while the next is read: batches still commit one after another, in order.
    const full = this.batch;
    this.batch = [];
    await this.inFlight;
    this.inFlight = this.write(full);
    this.inFlight.catch(() => undefined); // awaited (and rethrown) before the next batch or at the end
  }

  /** The batch in flight, then the last (short) one. */
  async finish(): Promise<void> {
    await this.inFlight;
    if (this.batch.length) await this.write(this.batch);
  }

  /** After a failure: waits for the batch in flight to settle. */
  settled(): Promise<void> {
    return this.inFlight.catch(() => undefined);
  }
}
