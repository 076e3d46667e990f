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
    'Quản trị viên đã cấp lại tài khoản này: đăng nhập bằng mật khẩu đăng ký mới quản trị viên đưa, rồi đặt mật khẩu và mã xác thực mới.',
  [RevokedReason.SCOPE_CHANGED]: 'Quản trị viên đã đổi vai trò, phạm vi của tài khoản này: đăng nhập lại để làm việc với quyền mới.',
  [RevokedReason.REVOKED]: 'Quản trị viên đã thu hồi token này.',
};

/**
 * What a person whose session ended under her is told: the one cause, in words (pure). Null when the
 * token says nothing (unknown, or revoked before the reason was kept): the caller's general message.
 */
export function endedMessage(t: EndedToken | null): string | null {
  if (!t) return null;
  if (t.locked) return BY_REASON[RevokedReason.LOCKED];
  if (t.revoked) return t.revokedReason ? BY_REASON[t.revokedReason] : null;
  if (t.expired) return 'Phiên đăng nhập đã hết hạn vì lâu không thao tác: đăng nhập lại.';
  return null;
}
