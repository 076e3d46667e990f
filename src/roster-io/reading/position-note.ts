import { foldText } from '../../common/text/vietnamese-text.js';

/**
 * The office a member holds, as secretaries write it in `Ghi chú` or in brackets after the name when
 * their list has no Chức vụ column: "Chi hội trưởng", "(Tổ phó)", "Bí thư chi đoàn", "UV BCH".
 * On the folded text (marks off, lower case); the whole clause must be the title.
 */
const TITLE = new RegExp(
  '^(?:' +
    [
      // Chi hội trưởng, tổ phó, chi đoàn trưởng, trưởng thôn is no office of the Hội (left out).
      '(?:chi hoi|chi doan|to hoi|to|phan hoi|doan co so|hoi) (?:truong|pho)',
      '(?:truong|pho) (?:chi hoi|chi doan|to hoi|to|phan hoi)',
      '(?:pho )?bi thu(?: (?:chi doan|doan co so|doan xa|doan phuong|doan))?',
      '(?:pho )?chu tich(?: hoi(?: [a-z ]+)?)?',
      '(?:uy vien|uv) ?(?:ban chap hanh|bch|ban thuong vu|btv|ban kiem tra|bkt)?',
      'uvbch|uvbtv',
      '(?:truong|pho) ban(?: [a-z ]+)?',
      'thu quy|ke toan|hoi truong|hoi pho',
    ].join('|') +
    ')$',
);

/**
 * Offices as secretaries shorten them, written out: "P.Bí thư" is the deputy, not the secretary; "CHT phó" the
 * chi hội's deputy head.
 */
const SHORT: [RegExp, string][] = [
  [/^P\.\s*/iu, 'Phó '],
  [/^PBT$/iu, 'Phó Bí thư'],
  [/^CHT\s*(?:phó|pho|P)$/iu, 'Chi hội phó'],
  [/^CHP$/iu, 'Chi hội phó'],
  [/^CHT$/iu, 'Chi hội trưởng'],
];

/**
 * The first clause of a note (or a bracket after the name) that is an office, as written (a short form written
 * out); null when none is. A full stop ends a clause, not the one after a lone letter ("P.Bí thư").
 */
export function positionIn(note: string | null | undefined): string | null {
  if (!note) return null;
  for (const clause of note.split(/[,;\n]|(?<!(?:^|[^\p{L}])\p{L})\./u)) {
    const trimmed = clause.trim().replace(/\s+/g, ' ');
    const written = SHORT.reduce((t, [short, full]) => t.replace(short, full), trimmed);
    if (written && TITLE.test(foldText(written))) return written;
  }
  return null;
}
