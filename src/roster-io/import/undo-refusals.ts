// When an import may no longer be undone (issue 17, item 5), as the secretary reads it: pure, so
// each rule is in one place and read top-down.
import { UNDO_IMAGE_DAYS, undoImagesCutoff } from '../../personal-data/undo-images.js';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import { formatVnDay } from '../../common/dates/vn-day.js';
import { ImportJobStatus, type ImportJob } from '../import-job.entity.js';
import { namedCode, type KeptImage } from './undo-steps.js';

/** Codes named in a refusal; the rest are counted. */
const CODES_SHOWN = 20;

/** A moment as the day she lived it (Vietnam's), dd/mm/yyyy: an import at 01:19 on the 6th is of the 6th, not the 5th (UTC). */
const dayOf = (d: Date) => formatVnDay(todayInVietnam(d));

/** How every refusal opens (`undoImport`'s message); `undoBlockedReason` gives what follows. */
const opening = (job: Pick<ImportJob, 'id'>) => `Không hoàn tác được lượt nhập '${job.id}'`;

/** A refusal without its opening: why, as a list of imports shows it beside the job. */
export function undoBlockedReason(job: Pick<ImportJob, 'id'>, refusal: string): string {
  const rest = refusal.startsWith(`${opening(job)}: `) ? refusal.slice(opening(job).length + 2) : refusal;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The job itself: finished, not undone yet, within 30 days. Null: it may be undone. */
export function jobRefusal(job: ImportJob, now: Date): string | null {
  const what = opening(job);
  if (job.status === ImportJobStatus.UNDONE)
    return `${what}: lượt nhập này đã được hoàn tác${job.undoneAt ? ` ngày ${dayOf(job.undoneAt)}` : ''}.`;
  if (job.status !== ImportJobStatus.DONE) return `${what}: lượt nhập chưa xong (chỉ hoàn tác được lượt nhập đã xong).`;
  if (job.startedAt < undoImagesCutoff(now))
    return `${what}: đã quá ${UNDO_IMAGE_DAYS} ngày kể từ lượt nhập ngày ${dayOf(job.startedAt)} (chỉ hoàn tác được trong ${UNDO_IMAGE_DAYS} ngày).`;
  return null;
}

/** The records the job wrote that were changed (or erased) since. */
export const changedSince = (images: KeptImage[]): KeptImage[] =>
  images.filter((i) => i.current === null || i.erased || i.current !== i.kept);

/** A later import that changed some of the job's records (its undo images hold them). */
export interface LaterImport {
  sourceName: string;
  startedAt: Date;
  /** Who ran it (`cli:root` on the command line, which her list of imports does not show). */
  by?: string;
  /** The ids of the changed records it wrote. */
  records: string[];
}

/**
 * The records: every one the job wrote must be as the job left it (same version, not erased) and
 * its suggestions undecided. Else the refusal names how many and which Mã hồ sơ, and the later
 * imports that changed them (undone first, newest first, this one may be undone).
 */
export function recordsRefusal(job: ImportJob, images: KeptImage[], decided: string[], later: LaterImport[] = []): string | null {
  const what = opening(job);
  const expected = job.created + job.updated;
  if (images.length < expected) {
    const gone = expected - images.length;
    return `${what}: ${gone} hồ sơ của lượt nhập không còn dữ liệu để hoàn tác (đã bị xóa dữ liệu cá nhân theo yêu cầu, hoặc lượt nhập có trước khi có chức năng hoàn tác).`;
  }
  const changedImages = changedSince(images);
  const changed = changedImages.map((i) => (i.externalId ? namedCode(i.externalId, i.fullName) : i.recordId));
  const codes = [...new Set([...changed, ...decided])].sort();
  if (!codes.length) return null;
  const shown = codes.slice(0, CODES_SHOWN).join(', ');
  const more = codes.length > CODES_SHOWN ? ` và ${codes.length - CODES_SHOWN} hồ sơ khác` : '';
  const why = `${what}: ${codes.length} hồ sơ đã được sửa sau lượt nhập — ${shown}${more}. Chỉ hoàn tác được khi chưa ai sửa các hồ sơ lượt nhập đã ghi.`;
  // Changed on screen (an ending, a phone, a decision): an undo would throw that work away. What she can do instead.
  if (!later.length)
    return `${why} Các hồ sơ này đã được sửa trực tiếp (trên màn hình hoặc khi xử lý cảnh báo), nên không hoàn tác cả lượt được nữa: dòng nào của tệp sai thì sửa hồ sơ đó trên màn hình (hoặc sửa tệp rồi nhập lại: chỉ những gì khác được cập nhật).`;
  // By whom: one run on the server's command line is not in her list, and is undone there (`lienthong import-undo`).
  const named = later
    .map(
      (l) =>
        `tệp ${l.sourceName} ngày ${dayOf(l.startedAt)}${l.by?.startsWith('cli:') ? ' — nhập bằng dòng lệnh trên máy chủ: nhờ người vận hành hoàn tác' : l.by ? `, do ${l.by} nhập` : ''}`,
    )
    .join('; ');
  const byImports = new Set(later.flatMap((l) => l.records));
  const byLater = changedImages.filter((i) => byImports.has(i.recordId)).length;
  // The rest of the codes named: changed on screen, or a suggestion of her Ghi chú decided — so the two counts add up.
  const byHand = codes.length - byLater;
  const imports = later.length === 1 ? 'Lượt nhập sau' : `${later.length} lượt nhập sau`;
  // Only what undoing them would settle: records changed another way (on screen, a decision) stay changed.
  if (byHand)
    return `${why} ${imports} (${named}) đã sửa ${byLater} trong các hồ sơ này; ${byHand} hồ sơ còn lại đã được sửa trực tiếp (trên màn hình, khi xử lý cảnh báo hoặc gợi ý từ Ghi chú), nên hoàn tác các lượt sau cũng không đủ để hoàn tác lượt này: hãy sửa lại từng hồ sơ nếu cần.`;
  return `${why} ${imports} (${named}) đã sửa các hồ sơ này: hoàn tác ${later.length === 1 ? 'lượt đó' : 'các lượt đó, lượt mới nhất'} trước, rồi hoàn tác lượt này.`;
}
