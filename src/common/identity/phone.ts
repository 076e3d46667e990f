import { ok, refuse, type Parsed } from '../errors/field-problem.js';

/** 11-digit mobile prefixes converted to 10 digits in 2018–19 (last 7 digits kept). */
export const OLD_MOBILE_PREFIXES: Record<string, string> = {
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036',
  '0167': '037', '0168': '038', '0169': '039',
  '0186': '056', '0188': '058', '0199': '059',
}; // prettier-ignore

export interface Phone {
  /** Normalized national form: `0912345678` (mobile) or `02xxxxxxxxx` (landline). */
  number: string;
  kind: 'MOBILE' | 'LANDLINE';
  /** True when an old 11-digit mobile number was converted. */
  converted: boolean;
}

/**
 * Normalizes a Vietnamese phone number: `+84`/`84`/`0084` forms, spaces, dots, dashes and
 * parentheses, a leading zero dropped by a spreadsheet, and the 2018 11→10-digit conversion.
 */
export function parsePhone(input: string): Parsed<Phone> {
  let d = input.trim().replace(/[\s.\-()/]/g, '');
  if (d.startsWith('+')) d = d.slice(1);
  if (!/^\d+$/.test(d)) return refuse(`'${input}' không phải số điện thoại (chỉ gồm chữ số)`);
  if (d.startsWith('0084')) d = '0' + d.slice(4);
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = '0' + d.slice(2);
  // A spreadsheet drops the leading zero of a number stored as a number.
  if (!d.startsWith('0') && (d.length === 9 || d.length === 10)) d = '0' + d;
  if (d.length === 11 && OLD_MOBILE_PREFIXES[d.slice(0, 4)]) {
    return ok({ number: OLD_MOBILE_PREFIXES[d.slice(0, 4)] + d.slice(4), kind: 'MOBILE', converted: true });
  }
  if (d.length === 10 && /^0[35789]/.test(d)) return ok({ number: d, kind: 'MOBILE', converted: false });
  if (/^02\d{8,9}$/.test(d)) return ok({ number: d, kind: 'LANDLINE', converted: false });
  if (d.length === 11 && d.startsWith('01'))
    return refuse(`'${input}' là số 11 chữ số cũ với đầu số ${d.slice(0, 4)} không có trong bảng chuyển đổi 2018`);
  return refuse(`'${input}' không phải số điện thoại Việt Nam hợp lệ (di động 10 chữ số, cố định 02x…)`);
}

/** `091****678`: what roles that do not manage the record see. */
export function maskPhone(number: string): string {
  if (number.length <= 6) return '*'.repeat(number.length);
  return `${number.slice(0, 3)}${'*'.repeat(number.length - 6)}${number.slice(-3)}`;
}

/** A phone as a file wrote it, masked as a stored one is (`096 533 6994` and `0965336994` alike: `096****994`). */
export function maskWrittenPhone(input: string): string {
  const phone = parsePhone(input);
  return maskPhone(phone.ok ? phone.value.number : input.replace(/\D/g, ''));
}
