import { RevokedReason } from './access-token.entity.js';

/** A session token that no longer works, as stored: why it was revoked, when it expires, whether its account is locked. */
export interface EndedToken {
  revokedReason: RevokedReason | null;
  revoked: boolean;
  expired: boolean;
  locked: boolean;
}

const BY_REASON: Record<RevokedReason, string> = {
  [RevokedReason.LOGGED_OUT]: 'Phiên đăng nhập này đã được đăng xuất (ở một thẻ hoặc cửa sổ khác): đăng nhập lại.',
  [RevokedReason.LOCKED]: 'Quản trị viên đã khóa tài khoản này: liên hệ quản trị viên để mở khóa.',
  [RevokedReason.RESET]:
    'Quản trị viên đã đặt lại tài khoản này: bấm "Kích hoạt tài khoản", nhập tên đăng nhập và mật khẩu lần đầu mới quản trị viên đưa, rồi đặt mật khẩu và mã xác thực mới.',
  [RevokedReason.SCOPE_CHANGED]: 'Quản trị viên đã đổi vai trò, phạm vi của tài khoản này: đăng nhập lại để làm việc với quyền mới.',
  [RevokedReason.REVOKED]: 'Quản trị viên đã thu hồi token này.',
};

const UNLOCKED_SINCE = 'Phiên đăng nhập này đã kết thúc khi tài khoản bị khóa; tài khoản nay đã được mở lại: đăng nhập lại.';

/**
 * What a person whose session ended under her is told: the one cause, in words (pure). Null when the
 * token says nothing (unknown, or revoked before the reason was kept): the caller's general message.
 */
export function endedMessage(t: EndedToken | null): string | null {
  if (!t) return null;
  if (t.locked) return BY_REASON[RevokedReason.LOCKED];
  // Locked, then opened again: her old session stays ended, but nobody needs to open anything for her.
  if (t.revoked && t.revokedReason === RevokedReason.LOCKED) return UNLOCKED_SINCE;
  if (t.revoked) return t.revokedReason ? BY_REASON[t.revokedReason] : null;
  if (t.expired) return 'Phiên đăng nhập đã hết hạn vì lâu không thao tác: đăng nhập lại.';
  return null;
}
