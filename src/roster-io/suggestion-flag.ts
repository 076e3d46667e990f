import { maskWarning } from './import/import-notes.js';
import type { NoteFactKind } from './reading/note-facts.js';
import type { MemberStatus } from '../membership/status/member-status.js';
import { happenedOf } from '../membership/status/happened.js';
import type { RecordSuggestion } from './record-suggestion.entity.js';

/**
 * The flag a suggestion raises once the secretary accepts it, in the phantom checks' codes
 * (linker/model/phantom.ts): the same lists, counts and decisions (`resolveFlag`) then apply. A move
 * away has no code among the checks' (no roster says where a member went): its own, MOVED_AWAY; so has
 * one away for work or service (AWAY).
 */
const FLAG_OF: Record<NoteFactKind, { code: string; severity: 'PHANTOM' | 'WARNING' | 'INFO'; says: string }> = {
  // Dead and still listed: a phantom, as when the register says so; confirming the flag ends the membership.
  DIED: { code: 'DECEASED', severity: 'PHANTOM', says: 'người này đã mất' },
  MOVED_AWAY: { code: 'MOVED_AWAY', severity: 'WARNING', says: 'người này đã chuyển đi' },
  // Away for work or service, still listed at home: hers to keep, transfer or end; no ending of its own.
  AWAY: { code: 'AWAY', severity: 'WARNING', says: 'người này đi làm ăn xa, tạm vắng' },
  // Left the job or retired (a union's member): confirmed, she has left the organization.
  LEFT_WORK: { code: 'LEFT_WORK', severity: 'WARNING', says: 'người này đã nghỉ việc hoặc nghỉ hưu' },
  // No longer takes part, as the activity and dues checks find: confirmed, struck off.
  INACTIVE: { code: 'INACTIVE', severity: 'PHANTOM', says: 'người này bỏ sinh hoạt' },
  // The number on file is an old card's: to correct, as a number no card carries is.
  OLD_ID_CARD: { code: 'INVALID_ID', severity: 'WARNING', says: 'số giấy tờ là CMND cũ: cần số định danh 12 chữ số' },
  ALSO_MEMBER: { code: 'MULTI_ORG', severity: 'INFO', says: 'người này cũng sinh hoạt ở tổ chức khác' },
};

export interface RaisedFlag {
  code: string;
  severity: string;
  message: string;
  evidence: Record<string, unknown>;
}

/** The ending a note says happened (she died, moved away, left the job), which the secretary may then record: its flag's; none for the others. */
export const endsAs = (kind: string): MemberStatus | null => {
  const flag = FLAG_OF[kind as NoteFactKind];
  return flag ? happenedOf(flag.code) : null;
};

/** `2026-08-01` kept to the precision the note gave. */
export function whenText(s: Pick<RecordSuggestion, 'happenedOn' | 'happenedPrecision'>): string | null {
  if (!s.happenedOn) return null;
  if (s.happenedPrecision === 'YEAR') return s.happenedOn.slice(0, 4);
  if (s.happenedPrecision === 'MONTH') return s.happenedOn.slice(0, 7);
  return s.happenedOn;
}

/** `năm 2026`, `tháng 8/2026`, `ngày 3/8/2026`: when, in the message. */
function vnWhen(s: Pick<RecordSuggestion, 'happenedOn' | 'happenedPrecision'>): string | null {
  if (!s.happenedOn) return null;
  const [y, m, d] = s.happenedOn.split('-').map(Number);
  if (s.happenedPrecision === 'YEAR') return `năm ${y}`;
  if (s.happenedPrecision === 'MONTH') return `tháng ${m}/${y}`;
  return `ngày ${d}/${m}/${y}`;
}

/** The flag, its message in Vietnamese and the note as its evidence (numbers masked, as the suggestion shows it). */
export function flagOfSuggestion(s: RecordSuggestion, acceptedBy: string): RaisedFlag {
  const f = FLAG_OF[s.kind];
  const when = vnWhen(s);
  const detail = s.kind === 'MOVED_AWAY' || s.kind === 'AWAY' || s.kind === 'ALSO_MEMBER' ? s.detail : null;
  return {
    code: f.code,
    severity: f.severity,
    message: `Ghi chú trên danh sách: ${f.says}${detail ? ` (${maskWarning(detail)})` : ''}${when ? `, ${when}` : ''}; ${acceptedBy} đã chấp nhận`,
    evidence: { note: maskWarning(s.evidence), suggestion: s.id, when: whenText(s), acceptedBy },
  };
}
