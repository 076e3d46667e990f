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
