import fs from 'node:fs';

/**
 * The official form of the report's PDF (Nghị định 30/2020/NĐ-CP): who issues it, its number's
 * symbol, the place, who signs, who receives it. One deployment's, from the JSON file named by
 * `REPORT_FORM_FILE`; without it, the blank form with dots to fill in by hand.
 */
export interface ReportForm {
  /** Cơ quan chủ quản (above the issuing body), e.g. "TỈNH ỦY ĐIỆN BIÊN"; empty: none. */
  parentBody: string;
  /** Cơ quan ban hành, e.g. "BAN DÂN VẬN". */
  issuingBody: string;
  /** The issuing body's abbreviation in the number: "Số: …/BC-<symbol>". */
  symbol: string;
  /** Địa danh of the date line: "<place>, ngày … tháng … năm …". */
  place: string;
  /** The signature block: quyền hạn (TM., KT., empty), chức vụ, người ký. */
  signer: { authority: string; title: string; name: string };
  /** Nơi nhận, one line each. */
  recipients: string[];
}

export const BLANK_REPORT_FORM: ReportForm = {
  parentBody: '',
  issuingBody: '……………………',
  symbol: '……',
  place: '……………',
  signer: { authority: '', title: '……………………', name: '' },
  recipients: ['……………;', 'Lưu: VT.'],
};

const LIMITS = { parentBody: 120, issuingBody: 120, symbol: 30, place: 60, authority: 80, title: 120, name: 80, recipient: 200 };

/** Loaded once at start-up: any mistake is said in Vietnamese, with the file and the field. */
export function loadReportForm(file: string | undefined, fail: (message: string) => Error): ReportForm {
  const name = file?.trim();
  if (!name) return BLANK_REPORT_FORM;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(name, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(
      code === 'ENOENT'
        ? `REPORT_FORM_FILE='${name}': không có tệp này`
        : code
          ? `REPORT_FORM_FILE='${name}': không đọc được tệp (${code})`
          : `REPORT_FORM_FILE='${name}': không phải JSON hợp lệ (${(e as Error).message})`,
    );
  }
  return parseReportForm(raw, (m) => fail(`REPORT_FORM_FILE='${name}': ${m}`));
}

/** The form from its JSON (see README "Configuration"): required text fields, nothing unknown. */
export function parseReportForm(raw: unknown, fail: (message: string) => Error): ReportForm {
  if (!isObject(raw)) throw fail('cần một đối tượng JSON { "issuingBody": …, "symbol": …, "place": …, "signer": {…}, "recipients": […] }');
  unknownKeys(raw, ['parentBody', 'issuingBody', 'symbol', 'place', 'signer', 'recipients'], '', fail);
  const signer = raw.signer;
  if (!isObject(signer)) throw fail('"signer" (người ký) cần là { "authority": "TM. …", "title": "TRƯỞNG BAN", "name": "…" }');
  unknownKeys(signer, ['authority', 'title', 'name'], 'signer.', fail);
  const recipients = raw.recipients;
  if (!Array.isArray(recipients) || recipients.length === 0)
    throw fail('"recipients" (nơi nhận) cần là danh sách ít nhất một dòng, ví dụ ["Như trên;", "Lưu: VT."]');
  const symbol = text(raw, 'symbol', 'ký hiệu viết tắt của cơ quan trong số văn bản', LIMITS.symbol, true, fail);
  if (/[\s/]/.test(symbol)) throw fail(`"symbol" = '${symbol}': ký hiệu không chứa dấu cách hay dấu "/" (ví dụ BDVTU)`);
  return {
    parentBody: text(raw, 'parentBody', 'cơ quan chủ quản', LIMITS.parentBody, false, fail),
    issuingBody: text(raw, 'issuingBody', 'cơ quan ban hành', LIMITS.issuingBody, true, fail),
    symbol,
    place: text(raw, 'place', 'địa danh', LIMITS.place, true, fail),
    signer: {
      authority: text(signer, 'authority', 'quyền hạn ký (TM., KT. …)', LIMITS.authority, false, fail, 'signer.'),
      title: text(signer, 'title', 'chức vụ người ký', LIMITS.title, true, fail, 'signer.'),
      name: text(signer, 'name', 'họ tên người ký', LIMITS.name, false, fail, 'signer.'),
    },
    recipients: recipients.map((r, i) => {
      if (typeof r !== 'string' || !r.trim() || r.length > LIMITS.recipient)
        throw fail(`"recipients[${i}]" (nơi nhận) cần là một dòng chữ, 1–${LIMITS.recipient} ký tự`);
      return r.trim();
    }),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(o: Record<string, unknown>, known: string[], prefix: string, fail: (m: string) => Error): void {
  const bad = Object.keys(o).find((k) => !known.includes(k));
  if (bad !== undefined) throw fail(`không có mục "${prefix}${bad}" (các mục: ${known.map((k) => prefix + k).join(', ')})`);
}

function text(
  o: Record<string, unknown>,
  key: string,
  meaning: string,
  max: number,
  required: boolean,
  fail: (m: string) => Error,
  prefix = '',
): string {
  const v = o[key];
  if (v === undefined && !required) return '';
  if (typeof v !== 'string' || (required && !v.trim()) || v.length > max)
    throw fail(`"${prefix}${key}" (${meaning}) cần là chữ${required ? ', không để trống' : ''}, tối đa ${max} ký tự`);
  return v.trim();
}
