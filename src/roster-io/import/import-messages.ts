import { DomainError } from '../../common/errors/domain-error.js';

// What an import tells the secretariat about a row or a job it could not take (no row data in a job failure).

/** For a secretariat kept to one unit: a code it cannot use, worded the same whatever holds it outside its scope. */
export const codeNotUsableMessage = (code: string) =>
  `Mã hồ sơ '${code}' không dùng được với tài khoản này (mỗi mã chỉ dùng cho một hồ sơ trong tổ chức): hãy kiểm tra lại mã, hoặc nhờ tài khoản cấp tổ chức nhập dòng này`;

/** A row the database refused on its own (its batch was written without it): what the secretariat reads. */
export function refusedByDatabase(e: { driverError?: unknown }): string {
  const code = (e.driverError as { code?: string } | undefined)?.code ?? '';
  const why =
    code === '22001' || code === '54000'
      ? 'có ô dài quá mức cơ sở dữ liệu nhận'
      : `cơ sở dữ liệu không nhận dòng này (mã lỗi ${code || '?'})`;
  return `Dòng không lưu được: ${why}; hãy rút ngắn hoặc sửa các ô của dòng rồi nhập lại`;
}

/** Why a job failed, for its `failure` (no row data: a database error's parameters stay out). */
export function failureText(e: unknown, rowsCommitted: number): string {
  if (e instanceof DomainError) return e.message;
  return `Lượt nhập dừng vì lỗi hệ thống sau ${rowsCommitted} dòng đã lưu (${e instanceof Error ? e.message.slice(0, 160) : 'không rõ'}): gửi lại đúng tệp này để thử lại; nếu lặp lại, báo quản trị viên`;
}
