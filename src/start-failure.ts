import os from 'node:os';
import path from 'node:path';

/** Why the server could not start, for the operator (Vietnamese), with what to do where it is known. */
export function startFailure(e: unknown): string {
  const { code, port } = e as { code?: string; port?: number };
  if (code === 'EADDRINUSE')
    return `cổng ${port ?? process.env.PORT} đang có chương trình khác dùng (có thể Liên Thông đã chạy ở cổng này): dừng chương trình đó, hoặc đặt PORT khác`;
  if ((code === 'EACCES' || code === 'EPERM') && typeof (e as { path?: unknown }).path === 'string') {
    // Restored or made by root, run by the service's user: say what to run (README "Running as a service").
    const dataDir = path.resolve(process.env.DATA_DIR?.trim() || '.data');
    const user = os.userInfo().username;
    return (
      `'${(e as { path: string }).path}': người dùng đang chạy máy chủ (${user}) không có quyền đọc hoặc ghi. ` +
      `Nếu DATA_DIR vừa được khôi phục hoặc tạo bằng root, hãy trao nó cho người dùng này rồi khởi động lại: chown -R ${user}: ${dataDir}`
    );
  }
  return e instanceof Error ? e.message : String(e);
}
