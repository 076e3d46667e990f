import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';

/** The advisory lock (two keys: "LT", 8) that lets one instance compute a report at a time. */
const REPORT_LOCK = [0x4c54, 8] as const;

/**
 * Takes the report lock for the transaction, or fails at once with reason REPORT_BUSY: only one
 * report runs at a time in the whole installation.
 */
export async function takeReportLock(em: EntityManager): Promise<void> {
  const [{ ok }] = await em.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1, $2) AS ok`, [...REPORT_LOCK]);
  if (!ok)
    throw new DomainError(
      'CONFLICT',
      'Một báo cáo khác đang được lập (ở máy chủ này hoặc máy khác): chờ xong rồi chạy lại.',
      [],
      'REPORT_BUSY',
    );
}
