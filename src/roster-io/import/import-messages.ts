import { DomainError } from '../../common/errors/domain-error.js';

// What an import tells the secretariat about a row or a job it could not take (no row data in a job failure).

/** For a secretariat kept to one unit: a code it cannot use, worded the same whatever holds it outside its scope. */
export const codeNotUsableMessage = (code: string) =>
  `Mã hồ sơ '${code}' không dùng được với tài khoản này (mỗi mã chỉ dùng cho một hồ sơ trong tổ chức): hãy kiểm tra lại mã, hoặc nhờ tài khoản cấp tổ chức nhập dòng này`;

/**
 * A row without a code of its own, found to be a member her scope no longer holds (moved to another
 * unit, another commune): what to do, without saying where the record is now.
 */
export const noLongerYoursMessage = (code: string) =>
  `Người này đã có hồ sơ '${code}' nhưng hồ sơ không còn thuộc đơn vị của bạn (đã chuyển sinh hoạt hoặc chuyển đơn vị): bỏ dòng này khỏi danh sách của bạn; nếu người đó vẫn sinh hoạt ở đơn vị bạn, đề nghị đơn vị đang giữ hồ sơ chuyển về`;

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

// A row's unit cell (`Mã đơn vị`, `Chi hội`…): a unit's code or its name (reading/unit-cell.ts, import-units.ts).
// `label` is the column as the message names it; the row is the line the message is shown on.

/** A unit cell that is neither a code nor a name: refuses the row. */
export const badUnitCellMessage = (label: string, value: string) =>
  `${label}: '${value}' không hợp lệ: không phải mã đơn vị (chữ cái không dấu, chữ số, - _ .) cũng không phải tên đơn vị (chữ, chữ số, dấu cách): hãy ghi mã hoặc tên chi hội/đơn vị`;

/** A veteran's army unit under a bare `Đơn vị`: kept out of the branches, and where the member goes instead. */
export const armyUnitMessage = (label: string, value: string) =>
  `${label}: '${value}' là đơn vị quân đội (nơi từng phục vụ), không phải chi hội: không đọc làm chi hội; hội viên vào chi hội theo tên trang tính hoặc tiêu đề (nếu có). Muốn ghi chi hội, thêm cột "Chi hội"`;

/**
 * Where a member lands whose unit cell names no one unit: one already listed stays in her unit (`kept`:
 * its name, null for none); a new one lands in the unit a secretariat kept to one unit keeps (`own`), or without one.
 */
export type Landing = { kept: string | null } | { own: string | null };
const landing = (to: Landing) =>
  'kept' in to
    ? `hội viên đã có trong danh sách, giữ nguyên đơn vị đang có${to.kept ? ` (${to.kept})` : ''}`
    : to.own
      ? `hội viên được nhập vào ${to.own}`
      : 'hội viên được nhập, chưa có đơn vị';

/** A name several units in the caller's scope have (the row's commune does not tell them apart). */
export const ambiguousUnitMessage = (label: string, value: string, codes: string[], to: Landing) =>
  `${label}: có ${codes.length} đơn vị tên '${value}' (mã ${codes.join(', ')}): ${landing(to)}; ghi Mã đơn vị thay cho tên rồi nhập lại`;

/** A branch's name that only another commune's branches have (names like "Chi hội Tổ 2" repeat in every commune). */
export const otherCommuneUnitMessage = (label: string, value: string, codes: string[], to: Landing) =>
  `${label}: '${value}' là tên chi hội/đơn vị của xã khác (mã ${codes.join(', ')}), không phải của xã ghi ở dòng này: ${landing(to)}; nếu đúng là đơn vị đó, ghi Mã đơn vị thay cho tên, nếu không, sửa Mã xã hoặc nhập lại với "Tạo các chi hội (đơn vị) … mà chưa có"`;

/** A code or name no unit of the organization has (units not to be created). */
export const unknownUnitMessage = (label: string, value: string, organization: string, codeLike: boolean, to: Landing) =>
  `${label}: không có chi hội/đơn vị ${codeLike ? 'mã hoặc tên' : 'tên'} '${value}' trong tổ chức ${organization}: ${landing(to)}; sửa lại mã hoặc tên cho đúng, hoặc nhập lại với "Tạo các chi hội (đơn vị) … mà chưa có"`;

/** A unit to create for a secretariat kept to a branch: a branch holds no branch. */
export const branchUnderBranchMessage = (label: string, value: string, own: string) =>
  `${label}: '${value}' chưa có, và tài khoản này chỉ quản lý ${own} (một chi hội) nên không tạo được chi hội mới: hãy sửa tên cho đúng chi hội đã có, hoặc nhờ tài khoản của xã/phường tạo`;

/** How a row's messages name the heading its branch comes from (sheet-reader.ts `section`). */
export const sectionLabel = (row: number) => `Dòng tên chi hội (dòng ${row})`;

/** A sheet read as one chi hội's (its name names one of her units). */
export const sheetUnitNote = (unit: string) => `dòng không ghi chi hội được xếp vào "${unit}" theo tên trang tính`;

/** A unit outside the account's scope: refuses the row. */
export const unitOutOfScopeMessage = (label: string, value: string) => `${label}: đơn vị '${value}' nằm ngoài phạm vi của tài khoản này`;

/** A unit to create (`--create-units`) for a row without its commune: the member is imported all the same, and told. */
export const unitNeedsCommuneMessage = (label: string, value: string, to: Landing) =>
  `${label}: '${value}' chưa có và chưa tạo được vì dòng không cho biết xã/phường: ${landing(to)}; thêm cột Mã xã (hoặc Địa chỉ có tên xã) rồi nhập lại để tạo chi hội này`;

/** Why a line under the header is no member row (row-kind.ts): listed as `dòng N: bỏ qua: …`, never refused. */
export const SKIP_REASONS = {
  skipped: (why: string) => `bỏ qua: ${why}`,
  columnNumbers: 'dòng đánh số cột (1), (2), (3)…',
  rowNumberOnly: 'dòng chỉ có số thứ tự (STT), không có hội viên',
  placeAndDate: (text: string) => `dòng địa danh, ngày tháng ('${text}')`,
  total: (text: string) => `dòng tổng cộng ('${text}')`,
  signature: (text: string) => `dòng chữ ký hoặc tiêu đề ('${text}')`,
  noMember: (text: string) => `không có họ tên và thông tin hội viên ('${text}')`,
  section: (text: string, branch: string) =>
    `dòng tên chi hội ('${text}'): những người ở dưới, đến dòng tên chi hội tiếp theo, thuộc "${branch}"`,
  signerName: (name: string) => `chỉ có họ tên '${name}' sau khi danh sách đã hết (tên người ký)`,
  phoneOnly: (text: string) =>
    `dòng chỉ có số điện thoại ('${text}'), không có họ tên: số này chưa được lưu — nếu là số của người ở dòng trên, hãy ghi vào cùng dòng với người đó rồi nhập lại`,
  phoneJoined: (phone: string, row: number) =>
    `dòng chỉ có số điện thoại ('${phone}'), ngay dưới hội viên ở dòng ${row} mà ô điện thoại của người đó để trống: đã ghi làm số điện thoại của người đó`,
  hiddenRow:
    'bỏ qua: dòng đang ẩn trong tệp (ẩn tay hoặc do bộ lọc): không nhập; nếu người này cần nhập, hãy bỏ ẩn dòng (Unhide) hoặc bỏ lọc rồi nhập lại',
  /** `members`: the organization's word (đoàn viên, hội viên). */
  hiddenSheet: (members: string) =>
    `trang tính đang ẩn trong tệp: các ${members} trong trang này không được nhập; nếu cần nhập, hãy bỏ ẩn trang (Unhide) rồi nhập lại`,
  struck: 'bỏ qua: dòng bị gạch ngang trong tệp (đã gạch tên): không nhập; nếu người này vẫn sinh hoạt, bỏ gạch ngang rồi nhập lại',
} as const;

/** A new row of a person who asked this organization to erase her data: never filed again by a roster. */
export const erasedPersonMessage =
  'Người này đã yêu cầu tổ chức xóa dữ liệu cá nhân: không nhập lại từ danh sách; chỉ khi chính người đó đồng ý mới thêm lại, từng người một (Thêm hội viên)';
