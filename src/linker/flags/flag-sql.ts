import { REPORT_TIME_ZONE } from '../../common/dates/period.js';
/** SQL about flags and their decisions, shared by the flagged list, a record's page and "since your last visit". */

/** The decision that dismisses a flag ("Không đúng"). */
export const DISMISSED = 'FALSE_ALARM';

/**
 * The flags of the record `recordId` (an SQL expression) with their decisions, as a JSON array by
 * code (null when none); `dismissed: false` leaves out those called a false alarm. A false alarm the
 * next run no longer raises (its flag row gone) is still given, from the decision alone: who looks at
 * what was dismissed, and why, sees it after the run as before.
 */
export const flagsJson = (recordId: string, { dismissed = true } = {}) =>
  `(SELECT json_agg(j ORDER BY j->>'code') FROM (
      SELECT json_build_object('code', f.code, 'severity', f.severity, 'message', f.message, 'evidence', f.evidence,
                               'resolution', x.resolution, 'note', x.note, 'askedNote', x.asked_note) AS j
        FROM record_flag f LEFT JOIN flag_resolution x ON x.record_id = f.record_id AND x.code = f.code
       WHERE f.record_id = ${recordId}${dismissed ? '' : ` AND x.resolution IS DISTINCT FROM '${DISMISSED}'`}
      ${
        dismissed
          ? `UNION ALL
      SELECT json_build_object('code', d.code, 'severity', 'INFO', 'message', ${DISMISSED_MESSAGE}, 'evidence', NULL,
                               'resolution', d.resolution, 'note', d.note, 'askedNote', d.asked_note)
        FROM flag_resolution d
       WHERE d.record_id = ${recordId} AND d.resolution = '${DISMISSED}'
         AND NOT EXISTS (SELECT 1 FROM record_flag g WHERE g.record_id = d.record_id AND g.code = d.code)`
          : ''
      }) t)`;

/** SQL: what a false alarm no longer raised says of itself (the decision `d`'s day, Vietnam time). */
const DISMISSED_MESSAGE = `'Đã bác bỏ ngày ' || to_char(d.resolved_at AT TIME ZONE '${REPORT_TIME_ZONE}', 'DD/MM/YYYY') || ': các lần rà soát sau không nêu lại'`;

/** SQL: record `r` has a decision calling one of its flags a false alarm (kept after the runs stop raising it). */
export const hasDismissed = (r: string) =>
  `EXISTS (SELECT 1 FROM flag_resolution d WHERE d.record_id = ${r}.id AND d.resolution = '${DISMISSED}')`;

/** SQL: record `r` has a flag `code` (a parameter, or any code) nobody dismissed. */
export const undismissedFlag = (r: string, code?: string) =>
  `EXISTS (SELECT 1 FROM record_flag f WHERE f.record_id = ${r}.id${code ? ` AND f.code = ${code}` : ''}
     AND NOT EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = f.record_id AND x.code = f.code AND x.resolution = '${DISMISSED}'))`;

/**
 * SQL: record `r` is a suspect raised after `since` (an SQL expression): a phantom flag first raised
 * then, not called a false alarm. What "n nghi vấn mới" counts, and what its link lists.
 */
export const suspectRaisedSince = (r: string, since: string) =>
  `EXISTS (SELECT 1 FROM record_flag nf WHERE nf.record_id = ${r}.id AND nf.severity = 'PHANTOM' AND nf.raised_at > ${since}
     AND NOT EXISTS (SELECT 1 FROM flag_resolution x WHERE x.record_id = nf.record_id AND x.code = nf.code AND x.resolution = '${DISMISSED}'))`;
