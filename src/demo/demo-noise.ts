// A membership written as a roster row, with the noise of real data at the stated rates: names
// misspelt, unaccented, upper-case or decomposed; dates year-only or day and month swapped; ID
// numbers missing, mistyped or old 9-digit CMND; old phone prefixes, +84, and old commune codes.
import { formatVnDay } from '../common/dates/vn-day.js';
import { OLD_MOBILE_PREFIXES } from '../common/identity/phone.js';
import { foldText } from '../common/text/vietnamese-text.js';
import type { Membership } from './demo-memberships.js';
import { fullName } from './demo-names.js';
import { vn, type DemoWorld } from './demo-world.js';

/** The row in ROSTER_HEADER's order, under Mã hồ sơ `code`. */
export function renderRow(w: DemoWorld, m: Membership, code: string): string[] {
  const { chance, pick, noise } = w;
  const name = noisyName(w, m.name);
  const { y, mo, d } = { y: m.birth.y, mo: m.birth.m, d: m.birth.d };
  const birth = chance(noise.yearOnly) ? String(y) : chance(noise.swappedDayMonth) && d <= 12 && d !== mo ? vn(y, d, mo) : vn(y, mo, d);
  const id = noisyIdNumber(w, m);
  const phone = noisyPhone(w, m);
  const olds = w.oldCodes.get(m.commune);
  const commune = olds && chance(noise.oldCommuneCode) ? pick(olds) : m.commune;
  return [
    code,
    name,
    birth,
    m.sex === 'MALE' ? (chance(0.1) ? 'nam' : 'Nam') : chance(0.1) ? 'nữ' : 'Nữ',
    id,
    phone,
    commune,
    m.person?.ethnicity ?? (w.upland.has(m.commune) ? 'Thái' : 'Kinh'),
    m.unit,
    formatVnDay(m.joinDate),
    m.status,
    m.lastActivity ? formatVnDay(m.lastActivity) : '',
    m.lastDues ? formatVnDay(m.lastDues) : '',
  ];
}

function noisyName(w: DemoWorld, parts: Membership['name']): string {
  const { chance, noise } = w;
  let { family, middle } = parts;
  const { given } = parts;
  if ((family === 'Hoàng' || family === 'Huỳnh' || family === 'Vũ' || family === 'Võ') && chance(noise.hoangHuynhVuVo))
    family = { Hoàng: 'Huỳnh', Huỳnh: 'Hoàng', Vũ: 'Võ', Võ: 'Vũ' }[family]!;
  if (chance(noise.droppedMiddle)) middle = '';
  let name = fullName(family, middle, chance(noise.typo) ? typo(w, given) : given);
  if (chance(noise.otherTonePlacement)) name = otherTonePlacement(name);
  if (chance(noise.lostAccents)) name = stripAccents(name);
  if (chance(noise.upperCase)) name = name.toUpperCase();
  if (chance(noise.nfd)) name = name.normalize('NFD');
  if (chance(noise.straySpaces)) name = ` ${name.replace(' ', '  ')} `;
  return name;
}

/** The person's ID number, unless missing; sometimes an old CMND, sometimes one digit mistyped. */
function noisyIdNumber(w: DemoWorld, m: Membership): string {
  const { chance, int, noise } = w;
  let id = '';
  if (m.withId && m.person && !chance(noise.missingId)) {
    id = m.person.idNumber;
    if (chance(noise.cmnd)) id = `0${String(int(10_000_000, 99_999_999))}`;
    else if (chance(noise.mistypedId)) {
      const i = int(6, 11);
      id = id.slice(0, i) + String((Number(id[i]) + int(1, 9)) % 10) + id.slice(i + 1);
    }
  }
  return id;
}

/** The person's phone, sometimes with its old 11-digit prefix, sometimes written +84. */
function noisyPhone(w: DemoWorld, m: Membership): string {
  const { chance, pick, noise } = w;
  let phone = m.withPhone && m.person?.phone ? m.person.phone : '';
  if (phone && chance(noise.oldPhone)) {
    const back = Object.entries(OLD_MOBILE_PREFIXES).filter(([, now]) => phone.startsWith(now));
    if (back.length) {
      const [old, now] = pick(back);
      phone = old + phone.slice(now.length);
    }
  } else if (phone && chance(noise.plus84)) phone = `+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
  return phone;
}

function typo(w: DemoWorld, word: string): string {
  if (word.length < 3) return word;
  const i = w.int(1, word.length - 2);
  return w.chance(0.5) ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
}

/** Accents removed, đ kept as d, case kept (what old systems exported). */
function stripAccents(s: string): string {
  const folded = foldText(s);
  let out = '';
  let j = 0;
  for (const ch of s.normalize('NFC')) {
    if (ch === ' ') {
      out += ' ';
      j++;
      continue;
    }
    const f = folded[j++] ?? '';
    out += ch === ch.toUpperCase() && ch !== ch.toLowerCase() ? f.toUpperCase() : f;
  }
  return out;
}

/** The other tone placement for oa/oe/uy syllables (hòa ↔ hoà, thủy ↔ thuỷ). */
function otherTonePlacement(name: string): string {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/;
  return name
    .split(' ')
    .map((w) => {
      const d = w.normalize('NFD');
      const m = /^(.*?)([oOuU])([\u0300\u0301\u0303\u0309\u0323]?)([aAeEyY])([\u0300\u0301\u0303\u0309\u0323]?)$/.exec(d);
      if (!m || !TONES.test(m[3] + m[5])) return w;
      const tone = m[3] || m[5];
      return (m[3] ? `${m[1]}${m[2]}${m[4]}${tone}` : `${m[1]}${m[2]}${tone}${m[4]}`).normalize('NFC');
    })
    .join(' ');
}
