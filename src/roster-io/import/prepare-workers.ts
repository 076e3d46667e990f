import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledScript } from '../../common/files/project-root.js';
import { Worker } from 'node:worker_threads';
import { withBytesAs, type PreparedRow } from './prepare-row.js';
import type { PrepareWorkerSetup } from './prepare-worker-setup.js';
import type { RosterRow } from './roster-row.js';

export { prepareWorkerSetup, type PrepareWorkerSetup } from './prepare-worker-setup.js';

/** What a batch's preparation depends on beyond the setup (the parts of the ImportContext that `prepare` reads). */
export interface PrepareScene {
  today: string;
  anyTombstone: boolean;
}

export interface PrepareRequest {
  id: number;
  rows: RosterRow[];
  scene: PrepareScene;
}

export type PrepareResponse = { id: number; prepared: PreparedRow[] } | { id: number; error: string };

/** One worker by default (on two cores the other is PostgreSQL's: BENCHMARKS.md); `IMPORT_PREPARE_WORKERS=0`: none. */
const configured = Number(process.env.IMPORT_PREPARE_WORKERS ?? 1);
export const DEFAULT_PREPARE_WORKERS = Math.min(
  Number.isInteger(configured) && configured >= 0 ? configured : 1,
  os.availableParallelism(),
);

/**
 * Rows read before a run starts its workers (`IMPORT_PREPARE_WORKERS_FROM_ROW`): starting one costs
 * about a second (measured: a 3,000-row import took 0.4–1 s longer with it), which only a large
 * file pays back.
 */
export const PREPARE_WORKERS_FROM_ROW = Number(process.env.IMPORT_PREPARE_WORKERS_FROM_ROW ?? 20_000);

/**
 * A file expected (by its size) to hold this many rows prepares them in the workers from its first
 * batch. Not less: measured on a 20,000-row CSV with the other core busy (load 2–3), a worker from
 * the first row cost ≈ 1.5 s more CPU and ≈ 1 s more wall time than none (its start, the rows sent
 * to it and back); on an idle machine a 33,200-row import took 20 s with it from the first row
 * against 23 s from the 20,000th.
 */
export const PREPARE_WORKERS_FOR_FILES_OF = 50_000;

/** The compiled worker script. */
const WORKER_SCRIPT = pathToFileURL(compiledScript('src/roster-io/import/prepare-worker.js'));

/** Bytes from a worker as the Buffers the writer expects. */
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** A prepared row as received, its bytes made Buffers again (in place: the row is the message's own copy). */
const revived = (p: PreparedRow): PreparedRow => withBytesAs(p, asBuffer);

/**
 * Row preparation — normalizing, reading the commune, sealing and hashing the ID number, about two
 * thirds of the import's Node time per row — in worker threads, so it runs beside the reading of
 * the file and the database's work. `prepare(rows)` returns for each row exactly what
 * `RowPreparer.prepare(row, ctx)` returns for a new record (no current record: an update is
 * prepared against the record it changes, in the importing thread). Rows keep their order; a
 * batch is split in contiguous parts, one per worker.
 */
export class PrepareWorkers {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (p: PreparedRow[]) => void; reject: (e: Error) => void }>();

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (res: PrepareResponse) => this.answer(res));
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => code !== 0 && this.failAll(new Error(`a row preparation worker stopped (${code})`)));
    }
  }

  /** Whether the import can prepare in workers: some are wanted, and the compiled worker is built. */
  static available(): boolean {
    return DEFAULT_PREPARE_WORKERS > 0 && fs.existsSync(fileURLToPath(WORKER_SCRIPT));
  }

  /** Starts `size` workers with the setup (see `prepareWorkerSetup`). */
  static start(setup: PrepareWorkerSetup, opts: { size?: number } = {}): PrepareWorkers {
    const size = opts.size ?? Math.max(1, DEFAULT_PREPARE_WORKERS);
    return new PrepareWorkers(Array.from({ length: size }, () => new Worker(WORKER_SCRIPT, { workerData: setup })));
  }

  async prepare(rows: RosterRow[], scene: PrepareScene): Promise<PreparedRow[]> {
    const per = Math.ceil(rows.length / this.workers.length) || 1;
    const parts = this.workers.map((w, i) => ({ w, rows: rows.slice(i * per, (i + 1) * per) })).filter((p) => p.rows.length);
    const done = await Promise.all(parts.map((p) => this.ask(p.w, p.rows, scene)));
    return done.flat().map(revived);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private ask(w: Worker, rows: RosterRow[], scene: PrepareScene): Promise<PreparedRow[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      w.postMessage({ id, rows, scene } satisfies PrepareRequest);
    });
  }

  private answer(res: PrepareResponse): void {
    const w = this.waiting.get(res.id);
    if (!w) return;
    this.waiting.delete(res.id);
    if ('error' in res) w.reject(new Error(`row preparation failed in a worker: ${res.error}`));
    else w.resolve(res.prepared);
  }

  private failAll(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
