import { foldText } from '../../common/text/vietnamese-text.js';

/** The lifecycle status of one membership record (DOMAIN.md vocabulary). */
export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  TEMPORARY = 'TEMPORARY',
  SUSPENDED = 'SUSPENDED',
  TRANSFERRED = 'TRANSFERRED',
  LEFT = 'LEFT',
  STRUCK_OFF = 'STRUCK_OFF',
  EXPELLED = 'EXPELLED',
  MATURED = 'MATURED',
  DECEASED = 'DECEASED',
}

interface StatusInfo {
  /** The `Trạng thái` label shown and exported. */
  label: string;
  /** Other labels that import as this status. */
  aliases: string[];
  /** Counted in số lượt (ACTIVE memberships). */
  countsAsActive: boolean;
  /** The membership has ended: set only through endMembership, with a date and a reason. */
  ends: boolean;
}

export const MEMBER_STATUS_INFO: Record<MemberStatus, StatusInfo> = {
  ACTIVE: { label: 'Đang sinh hoạt', aliases: ['', 'Còn sinh hoạt', 'Đang SH'], countsAsActive: true, ends: false },
  TEMPORARY: { label: 'Sinh hoạt tạm thời', aliases: [], countsAsActive: false, ends: false },
  SUSPENDED: { label: 'Tạm dừng sinh hoạt', aliases: ['Tạm dừng', 'Tạm ngừng sinh hoạt'], countsAsActive: false, ends: false },
  TRANSFERRED: { label: 'Đã chuyển sinh hoạt', aliases: ['Chuyển sinh hoạt', 'Chuyển đi', 'Đã chuyển đi'], countsAsActive: false, ends: true },
  LEFT: { label: 'Đã ra khỏi tổ chức', aliases: ['Xin ra', 'Đã xin ra', 'Ra khỏi tổ chức', 'Thôi sinh hoạt', 'Đã thôi sinh hoạt'], countsAsActive: false, ends: true },
  STRUCK_OFF: { label: 'Xóa tên', aliases: ['Đã xóa tên', 'Xoá tên'], countsAsActive: false, ends: true },
  EXPELLED: { label: 'Khai trừ', aliases: ['Đã khai trừ'], countsAsActive: false, ends: true },
  MATURED: { label: 'Đã trưởng thành', aliases: ['Trưởng thành', 'Trưởng thành đoàn'], countsAsActive: false, ends: true },
  DECEASED: { label: 'Đã mất', aliases: ['Mất', 'Chết', 'Đã chết', 'Từ trần', 'Đã từ trần'], countsAsActive: false, ends: true },
}; // prettier-ignore

const BY_FOLDED_LABEL = new Map<string, MemberStatus>(
  (Object.keys(MEMBER_STATUS_INFO) as MemberStatus[]).flatMap((s) =>
    [MEMBER_STATUS_INFO[s].label, ...MEMBER_STATUS_INFO[s].aliases, s].map((l) => [foldText(l), s]),
  ),
);

/** Reads a `Trạng thái` label (accent-, case- and spacing-insensitive) or a status code. */
export function parseStatusLabel(label: string): MemberStatus | null {
  return BY_FOLDED_LABEL.get(foldText(label)) ?? null;
}

/**
 * What a secretariat may say a confirmed phantom flag means, in the order she thinks of them (an
 * expulsion goes through a decision; a move to another unit of the province through its transfer
 * request, a move away — out of the province — here).
 */
export const FLAG_OUTCOMES: readonly MemberStatus[] = [
  MemberStatus.DECEASED,
  MemberStatus.TRANSFERRED,
  MemberStatus.LEFT,
  MemberStatus.MATURED,
  MemberStatus.STRUCK_OFF,
];

export const ENDING_STATUSES = (Object.keys(MEMBER_STATUS_INFO) as MemberStatus[]).filter((s) => MEMBER_STATUS_INFO[s].ends);
