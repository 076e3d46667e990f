import { MemberStatus } from './member-status.js';

/**
 * What a flag's evidence or a roster's note says happened to a member — a death, a move away (to
 * Hà Nội, out of the province: her membership goes with her, as a roster's "Đã chuyển đi" says), a
 * job left — as the ending the secretary may record; the other flags and notes say nothing happened.
 * One table for the linker's flags and the import's note suggestions (by the flag's code).
 */
const HAPPENED: Readonly<Record<string, MemberStatus>> = {
  DECEASED: MemberStatus.DECEASED,
  MOVED_AWAY: MemberStatus.TRANSFERRED,
  LEFT_WORK: MemberStatus.LEFT,
};

export const happenedOf = (code: string): MemberStatus | null => HAPPENED[code] ?? null;
