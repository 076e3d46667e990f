import { ANY_PRECISION, parsePartialDate, formatPartialDate } from '../../common/dates/partial-date.js';
import { ok, refuse, type Parsed } from '../../common/errors/field-problem.js';
import { parseFreeText } from '../../common/text/text-rules.js';
import { foldText } from '../../common/text/vietnamese-text.js';
import type { ProfileFieldDefinition, ProfileValue } from './organization-definition.js';

export const MAX_PROFILE_TEXT_LENGTH = 200;
const TRUE = new Set(['x', 'co', 'yes', 'true', '1', 'dung', 'phai', 'danh du', 'hoi vien danh du']);
const FALSE = new Set(['', 'khong', 'no', 'false', '0', 'sai']);

/** Reads one profile value as typed in a form or a spreadsheet cell; empty means "none". */
export function parseProfileValue(def: ProfileFieldDefinition, input: string): Parsed<ProfileValue | null> {
  const raw = input.trim();
  if (raw === '' && def.type !== 'BOOLEAN') return ok(null);
  switch (def.type) {
    case 'TEXT':
      return parseFreeText(raw, { max: MAX_PROFILE_TEXT_LENGTH });
    case 'BOOLEAN': {
      const f = foldText(raw);
      if (TRUE.has(f)) return ok(true);
      if (FALSE.has(f)) return ok(false);
      return refuse(`'${raw}' không phải Có/Không`);
    }
    case 'YEAR': {
      // A month or a day given for a year (a roster's "Ngày nhập ngũ": 02/1970, an Excel date): its year.
      const d = /^\d{4}$/.test(raw) ? null : parsePartialDate(raw, ANY_PRECISION);
      const y = d?.ok ? d.value.year : Number(raw);
      return (d?.ok || /^\d{4}$/.test(raw)) && y >= 1900 && y <= 2100 ? ok(y) : refuse(`'${raw}' không phải năm (yyyy)`);
    }
    case 'DATE': {
      // Kept in the profile as its ISO form, which carries the precision: `2005`, `2010-03`, `2010-03-15`.
      const d = parsePartialDate(raw, ANY_PRECISION);
      return d.ok ? ok(formatPartialDate(d.value)) : d;
    }
  }
}
