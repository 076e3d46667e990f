import type { LinkDate } from '../../common/identity/identity-compare.js';
import type { Contribution, Field } from './model.js';
import { calibratedProbability } from './pair-decision.js';

/**
 * The linker's evidence in words, for the people who decide: each field's agreement as a sentence
 * with its strength and direction (and a signed bar the console draws), the probability as a
 * percentage that never reads "100%" and a phrase. Bits stay inside: "+15,5" means nothing to a
 * Ban Dân vận officer. The probability people read is the calibrated one (`calibration.ts`: the
 * model's own is over-confident at the top), the one the link decisions act on.
 */

/** The probability a person reads for a pair of this weight: calibrated on the tuning seeds, as the decision reads it. */
export function shownProbability(weight: number): number {
  return calibratedProbability(weight);
}

/** Field names as a form names them. */
export const FIELD_NAMES: Record<Field, string> = {
  name: 'Họ tên',
  birth: 'Ngày sinh',
  sex: 'Giới tính',
  id: 'Số định danh',
  phone: 'Số điện thoại',
  commune: 'Xã',
  organization: 'Tổ chức',
};

const FIELD_SENTENCES: Record<Field, Record<string, string>> = {
  name: {
    SAME: 'cùng họ tên',
    MARKS_DIFFER: 'họ tên cùng chữ nhưng khác dấu',
    MIDDLE_DIFFERS: 'cùng họ và tên, khác tên đệm',
    TYPO: 'họ tên lệch một chữ cái',
    DIFFERENT: 'khác họ tên',
  },
  birth: {
    SAME_DAY: 'cùng ngày sinh',
    SWAPPED: 'ngày sinh đảo ngày/tháng',
    SAME_YEAR: 'cùng năm sinh (một bên chỉ có năm)',
    /** SAME_YEAR as read from the two dates (`birthWording`): both written 01/01, or both a year alone. */
    SAME_YEAR_BOTH_PLACEHOLDER: 'cùng năm sinh (cả hai ghi 01/01, chỉ rõ năm)',
    SAME_YEAR_BOTH_YEAR: 'cùng năm sinh (cả hai chỉ có năm)',
    PLACEHOLDER: 'cùng năm sinh (một bên ghi 01/01, bên kia đủ ngày)',
    DAY_DIFFERS: 'cùng năm sinh, khác ngày',
    NEAR_YEAR: 'năm sinh lệch một năm',
    DIFFERENT: 'khác năm sinh',
  },
  sex: { SAME: 'cùng giới tính', DIFFERENT: 'khác giới tính' },
  id: {
    SAME: 'cùng số định danh',
    ONE_SLIP: 'số định danh lệch một chữ số (có thể gõ nhầm)',
    DIFFERENT: 'hai số định danh khác nhau',
    SAME_CMND: 'cùng số CMND cũ',
  },
  phone: { SAME: 'cùng số điện thoại (có thể dùng chung trong hộ)', DIFFERENT: 'khác số điện thoại' },
  commune: { SAME: 'cùng xã', NEAR: 'xã lân cận', DIFFERENT: 'khác xã' },
  organization: { SAME: 'cùng một tổ chức', DIFFERENT: 'ở hai tổ chức khác nhau' },
};

/** Bits at which a field's bar is full: an agreeing CCCD is about this strong. */
const FULL_BAR_BITS = 16;

/** One field's evidence, for a person to read and for the console to draw. */
export interface FieldEvidence {
  field: Field;
  /** The field's name on a form ("Ngày sinh"). */
  label: string;
  level: string;
  /** What agrees or differs, how strongly, and which way ("cùng ngày sinh — bằng chứng mạnh là cùng một người"). */
  sentence: string;
  /** −1 (the strongest evidence of two people) … +1 (the strongest of one person): the signed bar. */
  bar: number;
}

/** How strong a field's evidence is, in words (by its bits: a likelihood ratio of 2^bits). */
function strength(bits: number): string {
  const b = Math.abs(bits);
  if (b >= 10) return 'rất mạnh';
  if (b >= 5) return 'mạnh';
  if (b >= 2) return 'vừa';
  return 'yếu';
}

/**
 * The bits a person weighs when she reads a field: its weight, less, for an agreeing value that
 * `frequency` records share, what those namesakes would equally have (log2 of their number). The
 * weight's frequency adjustment is counted against at least `FREQUENCY_BASE` records (calibration),
 * so "cùng họ tên" shared by 93 records keeps some 8 bits; to the officer choosing among 93 people
 * of that name it is weak evidence, and the word must say so.
 */
export function readWeight(c: Contribution): number {
  return c.weight > 0 && c.frequency && c.frequency > 1 ? Math.max(0.5, c.weight - Math.log2(c.frequency)) : c.weight;
}

/** Both records' birth dates, when the caller has them: the words for a same year then say which side holds what. */
export type BirthPair = readonly [LinkDate | null, LinkDate | null];

/** The sentence key for a birth level, made precise by the two dates (SAME_YEAR covers three cases). */
export function birthWording(level: string, births?: BirthPair): string {
  const [a, b] = births ?? [null, null];
  if (level !== 'SAME_YEAR' || !a || !b || !a.yearOnly || !b.yearOnly) return level;
  if (a.placeholder && b.placeholder) return 'SAME_YEAR_BOTH_PLACEHOLDER';
  if (!a.placeholder && !b.placeholder) return 'SAME_YEAR_BOTH_YEAR';
  return level;
}

/** What agrees or differs on one field, in words (with how common an agreeing name or birth date is). */
function whatAgrees(c: Contribution, births?: BirthPair): string {
  const level = c.field === 'birth' ? birthWording(c.level, births) : c.level;
  const text = FIELD_SENTENCES[c.field][level] ?? `${FIELD_NAMES[c.field]}: ${c.level}`;
  const common =
    c.frequency && c.frequency > 1
      ? ` (${c.frequency.toLocaleString('vi-VN')} hồ sơ có ${c.field === 'name' ? 'tên' : 'ngày sinh'} này)`
      : '';
  return `${text}${common}`;
}

/** The contributions as a person reads them: strongest first by what each is worth to her (`readWeight`). */
function byReadWeight(contributions: Contribution[]): Contribution[] {
  return [...contributions].sort((a, b) => Math.abs(readWeight(b)) - Math.abs(readWeight(a)));
}

/**
 * Each field's evidence, strongest first (`births`: both records' dates, for the words of a same year).
 * The word, the bar and the order follow one measure, `readWeight`: a name 93 records share reads
 * "yếu", draws a short bar and comes after a phone the two share.
 */
export function fieldEvidence(contributions: Contribution[], births?: BirthPair): FieldEvidence[] {
  return byReadWeight(contributions).map((c) => {
    const read = readWeight(c);
    const way =
      Math.abs(read) < 0.5
        ? 'gần như không nói lên điều gì'
        : `bằng chứng ${strength(read)} là ${read > 0 ? 'cùng một người' : 'hai người khác nhau'}`;
    return {
      field: c.field,
      label: FIELD_NAMES[c.field],
      level: c.level,
      sentence: `${whatAgrees(c, births)} — ${way}`,
      bar: Math.max(-1, Math.min(1, Math.round((read / FULL_BAR_BITS) * 100) / 100)),
    };
  });
}

/** A probability as people read it: never "100%" nor "0%" (no pair of records is certain), one decimal. */
export function percentText(p: number): string {
  if (p >= 0.999) return 'trên 99,9%';
  if (p <= 0.001) return 'dưới 0,1%';
  return `${(p * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

/** The probability in words, beside its percentage. */
export function probabilityInWords(p: number): string {
  const words =
    p >= 0.99
      ? 'gần như chắc chắn là cùng một người'
      : p >= 0.9
        ? 'nhiều khả năng là cùng một người'
        : p >= 0.5
          ? 'có thể là cùng một người'
          : p >= 0.1
            ? 'nhiều khả năng là hai người khác nhau'
            : 'gần như chắc chắn là hai người khác nhau';
  return `${percentText(p)}: ${words}`;
}

/** A sentence a Ban Dân vận officer reads: what agrees and what differs (strongest first), the (calibrated) probability, and the verdict. */
export function explain(s: { weight: number; contributions: Contribution[] }, verdict: string, births?: BirthPair): string {
  const parts = byReadWeight(s.contributions).map((c) => whatAgrees(c, births));
  const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  return `${cap(parts.join('; '))}. Xác suất cùng một người ${percentText(shownProbability(s.weight))}: ${verdict}.`;
}
