import path from 'node:path';
import { vietnamTime } from '../common/dates/vietnam-time.js';
/** What a backup says to the operator and the administrator (Vietnamese), in one place for the console and the CLI. */

export const EXTERNAL_DATABASE =
  'DATABASE_URL đang đặt: cơ sở dữ liệu ngoài không do lienthong sao lưu. Hãy dùng công cụ của máy chủ PostgreSQL đó ' +
  '(pg_dump -Fc hoặc pg_basebackup, với vai trò sở hữu), và cất LIENTHONG_KEY riêng; khôi phục bằng pg_restore rồi khởi động với ' +
  'DATABASE_OWNER_URL để cấp lại quyền (README "Backup and restore")';

/** The same, as the console says it to an administrator (she passes it on to the operator). */
export const EXTERNAL_DATABASE_CONSOLE =
  'Máy chủ này dùng cơ sở dữ liệu PostgreSQL bên ngoài (DATABASE_URL): Liên Thông không sao lưu được nó từ đây. ' +
  'Người vận hành sao lưu bằng công cụ của máy chủ cơ sở dữ liệu đó (pg_dump hoặc pg_basebackup) và cất khóa LIENTHONG_KEY riêng.';

export const BACKUP_BUSY = 'Một bản sao lưu đang chạy trên máy chủ này: chờ nó xong rồi sao lưu lại.';

/** Who took an archive found in the folder that this database's log does not name (a restored database's log ends at its backup). */
export const FOLDER_ONLY =
  'Không rõ — tệp có trong thư mục sao lưu, nhật ký của cơ sở dữ liệu này không ghi (thường gặp sau khi khôi phục: nhật ký dừng ở bản sao lưu đã dùng)';

export const STATUS_LABEL: Record<string, string> = { RUNNING: 'Đang sao lưu', DONE: 'Đã xong', FAILED: 'Không thành công' };

/** Why a backup failed, for a person: the backup's own messages are Vietnamese; the system's commonest ones are said here. */
export function failureText(e: unknown): string {
  const code = (e as { code?: string }).code;
  const path = (e as { path?: string }).path;
  if (code === 'ENOSPC')
    return 'Hết chỗ trống trên đĩa của thư mục sao lưu: giải phóng chỗ, hoặc sao lưu ra đĩa khác (BACKUP_DIR cho trang quản lý, --out cho dòng lệnh), rồi sao lưu lại.';
  if (code === 'EROFS')
    return `Ổ đĩa của ${path ?? 'thư mục sao lưu'} chỉ cho đọc (read-only): sao lưu ra ổ đĩa khác, hoặc gắn lại ổ đĩa cho ghi được, rồi sao lưu lại.`;
  if (code === 'ENOENT')
    return `Không tạo được tệp ${path ?? 'sao lưu'}: thư mục không còn, hoặc không chứa được tệp thường (như /proc): chọn thư mục khác rồi sao lưu lại.`;
  if (code === 'EACCES' || code === 'EPERM')
    return `Không có quyền ghi ${path ?? 'vào thư mục sao lưu'}: người vận hành cấp quyền ghi cho người dùng chạy máy chủ, rồi sao lưu lại.`;
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return `${path ?? 'Thư mục sao lưu'} không phải là một thư mục: người vận hành sửa BACKUP_DIR (hoặc dời tệp trùng tên đi), rồi sao lưu lại.`;
  const message = e instanceof Error ? e.message : String(e);
  return /[àáảãạăâđèéêìíòóôơùúưỳý]/i.test(message)
    ? message
    : `Lỗi hệ thống khi sao lưu (${message}): xem nhật ký máy chủ, rồi sao lưu lại.`;
}

/** A path as one shell word. */
const shellWord = (s: string) => (/^[\w./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The restore of an archive, to copy and run as it is on the server (as the service's user): the
 * application's own command (`appDir/bin/lienthong.js`, as README "Running as a service" runs it), into
 * a new, empty DATA_DIR, with the key kept apart unless it is in the archive.
 */
export function restoreCommand(file: string, withKey: boolean, appDir: string): string {
  const cli = shellWord(path.join(appDir, 'bin', 'lienthong.js'));
  return `node ${cli} restore ${shellWord(file)} --data-dir THƯ_MỤC_MỚI${withKey ? '' : ' --key TỆP_KHÓA'}`;
}

/**
 * What a restore tells the operator of access: the database is the backup's moment, so an account
 * locked, a token revoked or a password reset since is as it was then; the sessions of then are ended.
 */
export function restoredAccessNote(takenAt: string, a: { sessionsEnded: number; activeUsers: number; activeTokens: number }): string {
  return (
    `dữ liệu trở về lúc sao lưu (${vietnamTime(takenAt)}): mọi thay đổi sau lúc đó không có ở đây, kể cả tài khoản đã khóa, ` +
    `token đã thu hồi và mật khẩu đã đặt lại sau lúc ấy. Đã kết thúc ${a.sessionsEnded} phiên đăng nhập cũ; ` +
    `hãy xem lại ${a.activeUsers} tài khoản đang mở và ${a.activeTokens} token dịch vụ còn hiệu lực ` +
    `(Quản trị → Người dùng, \`lienthong token list\`) và khóa, thu hồi lại những gì đã khóa, thu hồi sau lúc sao lưu`
  );
}
