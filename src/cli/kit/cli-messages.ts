/** Commander's usage errors, said in Vietnamese like the rest of the command line (unknown ones kept as they are). */
const USAGE_ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: required option '([^']+)' not specified/, (o) => `thiếu tùy chọn bắt buộc ${o}`],
  [/^error: missing required argument '([^']+)'/, (a) => `thiếu tham số bắt buộc ${a}`],
  [
    /^error: unknown option '([^']+)'(.*)/s,
    (o, rest) => `không có tùy chọn '${o}'${rest.replace(/\(Did you mean (.+)\?\)/, '(có phải $1?)')}`,
  ],
  [
    /^error: unknown command '([^']+)'(.*)/s,
    (c, rest) => `không có lệnh '${c}'${rest.replace(/\(Did you mean (.+)\?\)/, '(có phải $1?)')}`,
  ],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. (.*)/s, (o, v, why) => `tùy chọn ${o}: giá trị '${v}' không hợp lệ. ${why}`],
  [/^error: option '([^']+)' argument missing/, (o) => `tùy chọn ${o}: thiếu giá trị`],
  [
    /^error: too many arguments for '([^']+)'\. Expected (\d+) arguments? but got (\d+)\./,
    (c, n, got) => `lệnh '${c}' nhận ${n} tham số, nhận được ${got}`,
  ],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, (n, got) => `nhận ${n} tham số, nhận được ${got}`],
];

export function vietnameseUsageError(text: string): string {
  const line = text.trimEnd();
  for (const [re, say] of USAGE_ERRORS) {
    const m = re.exec(line);
    if (m) return `lienthong: ${say(...m.slice(1)).trim()} (xem: lienthong --help)\n`;
  }
  return text;
}

/** What the system says of a file or folder it could not use (`ENOENT, open 'x'`), in Vietnamese; null for other errors. Pure. */
export function fileSystemMessage(e: unknown): string | null {
  const { code, path } = (e ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return null;
  const said: Record<string, string> = {
    ENOENT: 'không có tệp hoặc thư mục này: kiểm tra lại đường dẫn (thư mục để ghi tệp phải có sẵn)',
    EACCES: 'không có quyền đọc hoặc ghi ở đây: chọn thư mục khác, hoặc chạy bằng tài khoản có quyền',
    EPERM: 'không có quyền đọc hoặc ghi ở đây: chọn thư mục khác, hoặc chạy bằng tài khoản có quyền',
    EISDIR: 'đây là một thư mục, không phải tệp: ghi cả tên tệp',
    ENOTDIR: 'một phần của đường dẫn là tệp, không phải thư mục: kiểm tra lại đường dẫn',
    ENOSPC: 'ổ đĩa đã đầy: giải phóng chỗ trống rồi chạy lại',
    EROFS: 'ổ đĩa này chỉ cho đọc: chọn thư mục khác',
  };
  return said[code] ? `'${path}': ${said[code]}` : null;
}
