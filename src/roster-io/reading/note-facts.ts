import type { PartialDate } from '../../common/dates/partial-date.js';
import { canonicalText } from '../../common/text/vietnamese-text.js';
import { readDateCell } from './date-cell.js';

/**
 * What a `Ghi chú` cell may say that matters to reconciliation: the person died, moved away, is away
 * for work or service (tạm vắng, đi làm ăn xa, XKLĐ, nhập ngũ), no longer takes part (bỏ sinh hoạt),
 * the ID number is an old CMND, or the person is also a member of another organization; and, where
 * membership goes with the job (Công đoàn), the person left the job or retired.
 */
export type NoteFactKind = 'DIED' | 'MOVED_AWAY' | 'AWAY' | 'LEFT_WORK' | 'INACTIVE' | 'OLD_ID_CARD' | 'ALSO_MEMBER';

/** A suggestion for the secretary to accept or not, never a change made: the note is its evidence. */
export interface NoteFact {
  kind: NoteFactKind;
  /** When it happened, if the note says, with its precision (`tháng 8/2026`: MONTH). */
  when?: PartialDate;
  /** Where to (`Lai Châu`) or which organization (`Hội ND`), as written. */
  detail?: string;
  evidence: string;
}

/** One letter folded, keeping the length (so a match in the folded text is the same span of the note). */
function foldChar(ch: string): string {
  const f = ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  return f.length === 1 ? f : ch;
}

interface Rule {
  kind: NoteFactKind;
  /** On the folded note (marks off, lower case): the accents of an old system may be missing. */
  pattern: RegExp;
  /** When the note has its marks, the words matched must be one of these (mất, not mắt or mặt). */
  marked: RegExp;
  /** Group 1 of `pattern` (the rest of the clause) is the detail. */
  detail?: boolean;
  /** Read only for an organization whose membership goes with the job (a retired veteran is still a CCB member). */
  workplace?: boolean;
}

const RULES: Rule[] = [
  {
    kind: 'DIED',
    // `mất`/`chết` alone only before a date, a cause or the end (`Mặt trận`, `mắt kém` without accents are not deaths).
    pattern:
      /(?<![a-z])(?:tu tran|qua doi|ta the|hy sinh|da\s+(?:chet|mat)(?!\s+(?:tich|lien|suc|kha|viec|giay|cmnd|cccd|cmt|the|tri|dat|mua))|(?:chet|mat)(?=\s*(?:$|[,;:.(]|ngay|thang|nam|t\d|\d|vao|luc|do|vi|tai)))(?![a-z])/,
    marked: /từ trần|qua đời|tạ thế|hy sinh|chết|mất/,
  },
  {
    kind: 'MOVED_AWAY',
    // `mới chuyển về TDP 1` is someone who has just come: not one who left.
    pattern:
      /(?<![a-z])(?<!(?:^|[^a-z])moi\s+)(?:da\s+)?(?:chuyen\s+(?:di|sinh hoat|sh|cong tac|ho khau|khau|noi o|truong|ve|sang|ra)|di khoi dia phuong|khong con (?:o|cu tru|sinh song) (?:tai )?dia phuong)(?![a-z])([^,;.()]*)/,
    marked: /chuyển|đi khỏi|không còn/,
    detail: true,
  },
  {
    // Married away (`lấy chồng xa`, `theo chồng về Sơn La`): she lives elsewhere now.
    kind: 'MOVED_AWAY',
    pattern: /(?<![a-z])(?:lay|theo)\s+chong(?:\s+xa(?=\s*(?:$|[,;.(]))|(?=\s+(?:o|ve|sang|tai|di|ra)(?![a-z]))([^,;.()]*))/,
    marked: /chồng/,
    detail: true,
  },
  {
    // Away and still a member: the migrant still listed at home (DOMAIN: phantoms, 4), the conscript, the worker abroad.
    kind: 'AWAY',
    pattern:
      /(?<![a-z])(?:(?:di\s+)?lam an (?:xa|o|tai)|tam vang|vang mat dai (?:han|ngay)|(?:di\s+)?(?:xuat khau lao dong|xkld)|di\s+(?:lam|lao dong)\s+(?:cong nhan|thue|o|tai|nuoc ngoai)|di\s+(?:bo doi|nghia vu(?: quan su)?)|nhap ngu)(?![a-z])([^,;.()]*)/,
    marked: /làm ăn|vắng|xuất khẩu|xklđ|công nhân|làm thuê|đi làm|lao động|bộ đội|nghĩa vụ|nhập ngũ/,
    detail: true,
  },
  {
    // Left the job or retired (`nghỉ việc 03/2026`, `thôi việc`, `nghỉ hưu`, `về hưu`, `nghỉ chế độ`): a union member's
    // membership goes with the job. `nghỉ thai sản`, `nghỉ ốm` are leave, not leaving.
    kind: 'LEFT_WORK',
    pattern:
      /(?<![a-z])(?:(?:da\s+)?(?:nghi|thoi)\s+(?:viec|lam)(?!\s+(?:tam thoi|khong luong|om))|(?:da\s+)?(?:nghi|ve)\s+huu(?:\s+tri)?|nghi\s+che\s+do|cham\s+dut\s+hop\s+dong(?:\s+lao\s+dong)?)(?![a-z])/,
    marked: /nghỉ|thôi|về hưu|chấm dứt/,
    workplace: true,
  },
  {
    // No longer takes part (`bỏ sinh hoạt`, `lâu không sinh hoạt`, `không đóng hội phí`): what the Đoàn strikes off.
    kind: 'INACTIVE',
    pattern:
      /(?<![a-z])(?:bo\s+(?:sinh hoat|sh|hoi|doan)|khong\s+(?:con\s+|tham gia\s+|di\s+)?(?:sinh hoat|sh)|khong\s+(?:dong|nop)\s+(?:hoi phi|doan phi|phi|quy hoi))(?![a-z])/,
    marked: /bỏ|không/,
  },
  { kind: 'OLD_ID_CARD', pattern: /(?<![a-z])(?:cmnd|cmt|chung minh(?: nhan dan| thu)?|cccd)\s*cu(?![a-z])/, marked: /cũ/ },
  {
    kind: 'ALSO_MEMBER',
    // `cùng là hội viên Hội ND`; `sinh hoạt cả Đoàn thanh niên`, `đồng thời sinh hoạt ở Hội ND` (the other
    // organization is where she also meets; `sinh hoạt ở` alone is only where she meets).
    pattern:
      /(?<![a-z])(?:(?:cung|dong thoi|kiem)\s+(?:la\s+)?(?:hoi vien|doan vien|thanh vien|hv|dv)|(?:(?:cung|dong thoi|kiem)\s+)?sinh hoat\s+(?:ca|them)|(?:cung|dong thoi|kiem)\s+sinh hoat)\s+([^,;.()]+)/,
    marked: /cùng|cũng|đồng thời|kiêm|sinh hoạt (?:cả|thêm)/,
    detail: true,
  },
];

/** A date in a note: `3/5/2026`, `tháng 8/2026`, `T6/2026`, `8/2026`, `năm 2025`, `2025` (folded text). */
const DATE_IN_NOTE = /(?<!\d)(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?<=thang\s*|t)\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}[/.-]\d{4}|\d{4})(?!\d)/;
/** Words that lead to the place in "chuyển đi đến Lai Châu", and a date at the end of it. */
const PLACE_LEAD = /^(?:\s*(?:den|toi|ve|sang|ra|di|tai|o)\b)*\s*/;

/**
 * The facts a `Ghi chú` cell states, as suggestions (one per kind): `đã mất tháng 8/2026`, `từ trần`,
 * `Đã chuyển đi Lai Châu T6/2026`, `chuyển sinh hoạt`, `lấy chồng ở xã khác`, `đi làm ăn xa`, `tạm vắng`,
 * `đi XKLĐ Hàn Quốc`, `nhập ngũ 2025`, `bỏ sinh hoạt`, `không đóng hội phí`, `CMND cũ`, `cùng là hội viên Hội ND`, `sinh hoạt cả
 * Đoàn thanh niên`; with `workplace`, `nghỉ việc 03/2026`, `nghỉ hưu`. Read with
 * or without accents; `mất liên lạc`, `Mặt trận`, `chuyển đến` are not facts. `today` bounds a date.
 */
export function noteFacts(note: string, today: string, workplace = false): NoteFact[] {
  const text = canonicalText(note);
  if (!text) return [];
  const folded = text.split('').map(foldChar).join('');
  const hasMarks = /[^\x00-\x7f]/.test(text);
  const facts: NoteFact[] = [];
  for (const rule of RULES) {
    if (facts.some((f) => f.kind === rule.kind) || (rule.workplace && !workplace)) continue;
    const m = rule.pattern.exec(folded);
    if (!m) continue;
    const said = text.slice(m.index, m.index + m[0].length).toLowerCase();
    if (hasMarks && !rule.marked.test(said)) continue;
    const fact: NoteFact = { kind: rule.kind, evidence: text };
    const after = folded.slice(m.index + m[0].length - (m[1]?.length ?? 0)).split(/[;]/)[0];
    Object.assign(fact, dateIn(after, today) ?? dateIn(folded, today) ?? {});
    if (rule.detail && m[1]) {
      const start = m.index + m[0].length - m[1].length;
      const detail = placeOrOrganization(text.slice(start, m.index + m[0].length), folded.slice(start, m.index + m[0].length));
      if (detail) fact.detail = detail;
    }
    facts.push(fact);
  }
  return facts;
}

function dateIn(folded: string, today: string): Pick<NoteFact, 'when'> | null {
  const m = DATE_IN_NOTE.exec(folded);
  if (!m) return null;
  const read = readDateCell(m[1].replace(/\s/g, ''), { today, kind: 'EVENT' });
  if (!read.value) return null;
  return { when: read.value };
}

/** The words after the verb, without the words leading to a place and without a date at the end. */
function placeOrOrganization(original: string, folded: string): string | null {
  const lead = PLACE_LEAD.exec(folded)?.[0].length ?? 0;
  const date = /\s*(?:(?:ngay|thang|nam|tu|vao)\s*)?(?:t\s*)?\d[\d/.\s-]*$/.exec(folded.slice(lead));
  const end = date ? lead + date.index : folded.length;
  const detail = original.slice(lead, end).trim();
  return detail || null;
}

/**
 * The facts of a row's notes together — its Ghi chú first, then a bracket after the name ("Lò Văn Sáu (đã mất)"):
 * one per kind, as `noteFacts` gives them for one note.
 */
export function noteFactsOf(notes: (string | null | undefined)[], today: string, workplace = false): NoteFact[] {
  const facts = notes.flatMap((n) => (n ? noteFacts(n, today, workplace) : []));
  return facts.filter((f, i) => facts.findIndex((g) => g.kind === f.kind) === i);
}
