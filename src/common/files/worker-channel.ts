import type { SourceRow } from './tabular-source.js';
import type { WorkerMessage } from './xlsx-reader.js';

/**
 * A parsing child process's side of its channel to the server (xlsx-reader.ts): rows go up in
 * batches, at most a few batches ahead of what the server has taken; when the server is gone, the
 * child ends.
 */
export const ROWS_PER_MESSAGE = 2000;
const BATCHES_AHEAD = 4;

let credit = BATCHES_AHEAD;
let wake: (() => void) | null = null;

/** Listens to the server: each message is a batch taken; a disconnect ends the child. Call once, at start. */
export function openChannel(): void {
  process.on('message', () => {
    credit++;
    wake?.();
    wake = null;
  });
  // The parent is gone (or stopped reading): nothing more to do.
  process.on('disconnect', () => process.exit(0));
}

export const post = (m: WorkerMessage) =>
  new Promise<void>((resolve, reject) => process.send!(m, undefined, undefined, (e) => (e ? reject(e) : resolve())));

/** A batch of rows, once the server has room for it. */
export async function send(rows: SourceRow[]): Promise<void> {
  while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  await post({ rows });
}

/** The end of the child's work: its sheets' names, or its error (`refused`: a limit of ours, said as it is). */
export function finish(work: Promise<string[]>, refusedBy: (e: unknown) => boolean = () => false): void {
  work
    .then(async (sheets) => {
      await post({ done: true, sheets });
      process.disconnect();
    })
    .catch(async (e: unknown) => {
      const refused = refusedBy(e) ? { refused: true as const } : {};
      await post({ error: e instanceof Error ? e.message : String(e), ...refused }).catch(() => undefined);
      process.disconnect();
    });
}
