/**
 * The worker thread of `PrepareWorkers`: prepares the rows of a batch (normalize, resolve the
 * commune, seal and hash the ID number) with the setup it was started with, and sends them back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportContext } from './import-context.js';
import { withBytesAs, type PreparedRow } from './prepare-row.js';
import { organizationOf, preparerOf, type PrepareWorkerSetup } from './prepare-worker-setup.js';
import type { PrepareRequest, PrepareResponse } from './prepare-workers.js';

const setup = workerData as PrepareWorkerSetup;
const preparer = preparerOf(setup);
const def = organizationOf(setup);

/** A buffer as bytes of its own: a pooled Buffer would carry its whole 8 KB slab across. */
const own = (b: Uint8Array) => new Uint8Array(b);

/** The prepared row with its buffers made plain bytes (the receiving side makes them Buffers again). */
const sendable = (p: PreparedRow): PreparedRow => withBytesAs(p, own);

parentPort!.on('message', (req: PrepareRequest) => {
  let res: PrepareResponse;
  try {
    // What prepare reads of the import's context: the organization, today, whether anyone was ever erased.
    const ctx = new ImportContext(def, { kind: 'NONE' }, false, req.scene.today, '');
    ctx.anyTombstone = req.scene.anyTombstone;
    res = { id: req.id, prepared: req.rows.map((row) => sendable(preparer.prepare(row, ctx))) };
  } catch (e) {
    res = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(res);
});
