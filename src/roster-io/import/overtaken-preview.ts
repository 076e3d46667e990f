// A waiting plan made before a later import changed the same list is stale: applied, it would put
// an older file back over the newer corrections. It is planned again before anything is written.
import type { DataSource, EntityManager } from 'typeorm';
import { vietnamTime } from '../../common/dates/vietnam-time.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ImportJobStatus, type ImportJob } from '../import-job.entity.js';

/** The later import (finished, or undone) that changed the list a waiting plan was made against. */
export interface Overtaking {
  sourceName: string;
  at: Date;
}

/**
 * SQL over the import `l`: another import of the organization `org` (not `id`) within the same unit
 * subtree as `unitPath` (either way; null: the whole organization) that finished or was undone after `since`.
 */
export const laterImport = (l: string, w: { org: string; id: string; since: string; unitPath: string }): string =>
  `${l}.organization_code = ${w.org} AND ${l}.id <> ${w.id} AND ${l}.status IN ('DONE', 'UNDONE')
   AND GREATEST(${l}.finished_at, ${l}.undone_at) > ${w.since}
   AND (${l}.unit_path IS NULL OR ${w.unitPath} IS NULL OR starts_with(${l}.unit_path, ${w.unitPath}) OR starts_with(${w.unitPath}, ${l}.unit_path))`;

/** What overtook a waiting job's plan (planned when it last waited: `finishedAt`), or null. */
export async function overtaking(db: DataSource | EntityManager, job: ImportJob): Promise<Overtaking | null> {
  const waits = job.status === ImportJobStatus.PREVIEW || job.status === ImportJobStatus.NEEDS_CONFIRMATION;
  if (!waits || !job.finishedAt) return null;
  const [row] = await db.query<{ source_name: string; at: Date }[]>(
    `SELECT j.source_name, GREATEST(j.finished_at, j.undone_at) AS at FROM import_job j
      WHERE ${laterImport('j', { org: '$1', id: '$2', since: '$3', unitPath: '$4::text' })} ORDER BY at DESC LIMIT 1`,
    [job.organizationCode, job.id, job.finishedAt, job.unitPath],
  );
  return row ? { sourceName: row.source_name, at: row.at } : null;
}

export function overtakenMessage(o: Overtaking): string {
  return (
    `Xem trước này đã cũ: sau khi xem trước, danh sách đã thay đổi do lượt nhập tệp '${o.sourceName}' lúc ${vietnamTime(o.at)}. ` +
    'Bấm "Xem lại" để xem trước theo danh sách hiện nay, rồi mới nhập.'
  );
}

/** A stale plan is never applied (her confirmation is refused: she plans it again); planning again needs something new, or a stale plan. */
export function checkConfirmation(late: Overtaking | null, again: boolean, somethingNew: boolean): void {
  if (late && !again) throw new DomainError('CONFLICT', overtakenMessage(late));
  if (again && !somethingNew && !late)
    throw new DomainError('BAD_USER_INPUT', 'Chưa có gì để xem lại: hãy sửa cách đọc một cột, hoặc quyết định một dòng chờ quyết định');
}
