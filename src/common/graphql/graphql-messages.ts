/**
 * graphql-js's and Apollo's own messages for a query they refuse (a misspelt field, a missing
 * argument, a value of the wrong kind), said in Vietnamese with the same names in them. A message
 * no rule knows keeps graphql-js's words after a Vietnamese opening; one already in Vietnamese (our
 * own limits) is kept as it is.
 */
const RULES: [RegExp, (...m: string[]) => string][] = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"\.(?: Did you mean (.+)\?)?$/,
    (f, type, hint) => `Kiểu "${type}" không có trường "${f}"${maybe(hint)}. Xem các trường trong schema.graphql.`,
  ],
  [
    /^Unknown argument "(\w+)" on field "([\w.]+)"\.(?: Did you mean (.+)\?)?$/,
    (a, f, hint) => `Trường "${f}" không có tham số "${a}"${maybe(hint)}.`,
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided\.$/,
    (f, a, type) => `Trường "${f}" cần tham số "${a}" (kiểu ${type}) nhưng yêu cầu chưa gửi.`,
  ],
  [
    /^Field "(\w+)" of type "(.+)" must have a selection of subfields\./,
    (f, type) => `Trường "${f}" (kiểu ${type}) cần chọn các trường con: viết "${f} { … }".`,
  ],
  [
    /^Field "(\w+)" must not have a selection since type "(.+)" has no subfields\.$/,
    (f, type) => `Trường "${f}" (kiểu ${type}) không có trường con: bỏ phần "{ … }" sau nó.`,
  ],
  [
    /^Variable "\$(\w+)" of required type "(.+)" was not provided\.$/,
    (v, type) => `Biến "$${v}" (kiểu ${type}) là bắt buộc nhưng chưa được gửi trong 'variables'.`,
  ],
  [
    /^Variable "\$(\w+)" got invalid value (.*?)(?: at "([^"]+)")?; (.+)$/s,
    (v, value, at, why) => `Biến "$${v}" có giá trị không hợp lệ ${value}${at ? ` ở "${at}"` : ''}: ${valueReason(why)}`,
  ],
  [
    /^Variable "\$(\w+)" of type "(.+)" used in position expecting type "(.+)"\.$/,
    (v, type, wanted) => `Biến "$${v}" có kiểu ${type} nhưng được dùng ở chỗ cần kiểu ${wanted}.`,
  ],
  [/^Unknown type "(\w+)"\./, (type) => `Không có kiểu "${type}" trong schema.`],
  [/^Unknown fragment "(\w+)"\.$/, (f) => `Không có fragment "${f}" trong truy vấn.`],
  [
    // graphql-js has said "more that" as well as "more than".
    /Document contains more th[ae]n (\d+) tokens/,
    (n) => `Truy vấn quá dài (hơn ${n} tokens): chia thành nhiều truy vấn nhỏ hơn.`,
  ],
  [/^Syntax Error: (.+)$/s, (why) => `Lỗi cú pháp trong truy vấn GraphQL (${why.replace(/\.$/, '')}). Kiểm tra dấu ngoặc và tên trường.`],
  [
    /^GraphQL introspection is not allowed/,
    () => `Máy chủ chạy ở chế độ production không trả lời truy vấn introspection (__schema, __type): xem schema.graphql.`,
  ],
  [/^GraphQL operations must contain a non-empty `query`/, () => `Yêu cầu thiếu truy vấn: gửi 'query' là một chuỗi GraphQL không rỗng.`],
  // A value written in the query itself (`first: 2147483648`, an input object's unknown field): as a variable's is said.
  [
    /^(\w+ cannot represent .*value: .+|Field "\w+" is not defined by type "\w+"\..*)$/s,
    (why) => `Giá trị trong truy vấn không hợp lệ: ${valueReason(why)}`,
  ],
  [/^Maximum call stack size exceeded/, () => `Truy vấn lồng nhau quá sâu, máy chủ không đọc hết được: viết truy vấn ít tầng hơn.`],
  [/^Validation aborted/, () => `Truy vấn có quá nhiều lỗi: sửa các lỗi đầu tiên rồi gửi lại.`],
  [
    /This operation has been blocked as a potential Cross-Site Request Forgery/,
    () =>
      `Yêu cầu bị chặn để chống giả mạo yêu cầu (CSRF): gửi POST với "Content-Type: application/json", hoặc thêm header "apollo-require-preflight: 1" cho yêu cầu GET.`,
  ],
  [/^Operation batching disabled/, () => `Máy chủ không nhận nhiều truy vấn trong một yêu cầu (batch): gửi từng truy vấn một.`],
];

/** The Vietnamese message for a refused query's graphql-js or Apollo message. */
export function vietnameseGraphqlMessage(message: string): string {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return say(...m.slice(1));
  }
  if (/[^\p{ASCII}]/u.test(message)) return message;
  return `Truy vấn GraphQL không hợp lệ: ${message}`;
}

function maybe(hint: string | undefined): string {
  return hint ? ` (có phải ${hint.replace(/, or /g, ' hoặc ').replace(/ or /g, ' hoặc ')}?)` : '';
}

/** Why a variable's value was refused: the scalar's own words, translated where known. */
function valueReason(why: string): string {
  const scalar = /^(\w+) cannot represent .*?value: (.+)$/.exec(why);
  if (scalar) return `cần một giá trị kiểu ${scalar[1]}, nhận ${scalar[2]}.`;
  const missing = /^Field "(\w+)" of required type "(.+)" was not provided\.$/.exec(why);
  if (missing) return `thiếu trường bắt buộc "${missing[1]}" (kiểu ${missing[2]}).`;
  const unknown = /^Field "(\w+)" is not defined by type "(\w+)"\.(?: Did you mean (.+)\?)?$/.exec(why);
  if (unknown) return `kiểu ${unknown[2]} không có trường "${unknown[1]}"${maybe(unknown[3])}.`;
  return why;
}
