import type { EntityManager } from 'typeorm';

/**
 * What a rejected import row says (the cells as typed, the bad value, the message that quotes it):
 * kept sealed with the instance key, never masked — a masked ID number would come back from the
 * fixed error file as "unchanged" and be lost.
 */
export interface RejectedRowContent {
  value: string | null;
  message: string;
  cells: string[];
}

/** Rejected rows are deleted this many days after the import that wrote them. */
export const REJECTED_ROW_DAYS = 30;

export function sealRejectedRow(seal: (plain: string) => Buffer, content: RejectedRowContent): Buffer {
  return seal(JSON.stringify([content.value, content.message, content.cells]));
}

export function openRejectedRow(open: (sealed: Buffer) => string, sealed: Buffer): RejectedRowContent {
  const [value, message, cells] = JSON.parse(open(sealed)) as [string | null, string, string[]];
  return { value, message, cells };
}

/** The moment before which rejected rows are deleted. */
export const rejectedRowsCutoff = (now: Date): Date => new Date(now.getTime() - REJECTED_ROW_DAYS * 86_400_000);

/** Deletes the rejected rows older than REJECTED_ROW_DAYS; returns how many. */
export async function purgeRejectedRows(em: EntityManager, now: Date): Promise<number> {
  const rows = await em.query<{ n: string }[]>(
    `WITH gone AS (DELETE FROM import_row_error WHERE created_at < $1 RETURNING 1) SELECT count(*) AS n FROM gone`,
    [rejectedRowsCutoff(now)],
  );
  return Number(rows[0].n);
}

/** Deletes the rejected rows kept with any of these keys (an erased person's); returns how many. */
export async function eraseRejectedRows(em: EntityManager, keys: Buffer[]): Promise<number> {
  if (!keys.length) return 0;
  const rows = await em.query<{ n: string }[]>(
    `WITH gone AS (DELETE FROM import_row_error WHERE person_keys && $1::bytea[] RETURNING 1) SELECT count(*) AS n FROM gone`,
    [keys],
  );
  return Number(rows[0].n);
}
