import type { AdminUnitsData } from '../geography/admin-units-data.js';
import { formatVnDay } from '../common/dates/vn-day.js';
import { foldText } from '../common/text/vietnamese-text.js';
import { OLD_MOBILE_PREFIXES } from '../common/identity/phone.js';
import { prng } from '../common/random/prng.js';
import {
  DEFAULT_NOISE,
  DEFAULT_PLANTS,
  DEFAULT_POPULATION,
  type NoiseRates,
  type PlantRates,
  type PopulationRates,
} from './demo-profile.js';

/**
 * A synthetic province that looks like real rosters (issue "Rosters in and out", item 7): people
 * of its communes (a share of them in Thái and H'Mông upland communes), their memberships in six
 * organizations by the organizations' rules, the noise of real data at stated rates, and the
 * problems the product must find, planted at stated rates. Pure and deterministic for a seed.
 *
 * Nothing but the signals of DOMAIN.md tells a planted problem apart: every roster is shuffled,
 * every Mã hồ sơ is drawn from the same random pattern, and noise falls on every row alike.
 */
export interface DemoOptions {
  data: AdminUnitsData;
  /** GSO code of the province (default 11, Điện Biên). */
  province: string;
  persons: number;
  seed: number;
  /** yyyy-mm-dd: ages and "recent" are measured from it. */
  today: string;
  noise?: Partial<NoiseRates>;
  plants?: Partial<PlantRates>;
  /** What the province is like (upland share, namesakes, register coverage…): `demo-profile.ts`. */
  population?: Partial<PopulationRates>;
}

export const DEMO_ORGS = ['CD', 'DTN', 'HPN', 'HND', 'CCB', 'NCT'] as const;
export type DemoOrg = (typeof DEMO_ORGS)[number];

export const ROSTER_HEADER = [
  'Mã hồ sơ',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Số điện thoại',
  'Mã xã',
  'Dân tộc',
  'Mã đơn vị',
  'Ngày vào',
  'Trạng thái',
  'Ngày sinh hoạt gần nhất',
  'Ngày đóng phí gần nhất',
];
export const RESIDENT_HEADER = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Mã xã', 'Tình trạng', 'Ngày mất'];
export const TRUTH_HEADER = ['org', 'ma_ho_so', 'person_id', 'phantom_reason'];

export interface DemoProvince {
  rosters: Record<DemoOrg, string[][]>;
  residents: string[][];
  truth: string[][];
  /** What was planted, for the summary. */
  counts: Record<string, number>;
}

type Weighted = [string, number][];
const KINH_FAMILY: Weighted = [
  ['Nguyễn', 35], ['Trần', 11], ['Lê', 9.5], ['Phạm', 6.5], ['Hoàng', 4], ['Huỳnh', 1.5], ['Phan', 4], ['Vũ', 3.5], ['Võ', 1.5],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.5], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 1], ['Trịnh', 1], ['Lương', 0.8],
]; // prettier-ignore
const KINH_MIDDLE_M: Weighted = [
  ['Văn', 45],
  ['Hữu', 8],
  ['Đức', 10],
  ['Minh', 10],
  ['Quang', 8],
  ['Thanh', 6],
  ['Công', 5],
  ['Xuân', 4],
  ['Ngọc', 4],
];
const KINH_MIDDLE_F: Weighted = [
  ['Thị', 55],
  ['Ngọc', 8],
  ['Thu', 8],
  ['Thanh', 7],
  ['Kim', 6],
  ['Minh', 5],
  ['Hồng', 5],
  ['Thúy', 3],
  ['Phương', 3],
];
const KINH_GIVEN_M =
  'An Bình Cường Dũng Đạt Đức Giang Hải Hiếu Hòa Hoàng Hùng Hưng Huy Khánh Khoa Kiên Lâm Long Mạnh Minh Nam Nghĩa Phong Phúc Quân Quang Sơn Tài Thắng Thành Thịnh Toàn Trung Tuấn Tùng Việt Vinh'.split(
    ' ',
  );
const KINH_GIVEN_F =
  'Anh Chi Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hòa Hồng Huệ Hương Lan Liên Linh Loan Mai My Nga Ngân Ngọc Nhung Oanh Phương Quyên Tâm Thảo Thoa Thu Thủy Trang Tuyết Uyên Vân Yến'.split(
    ' ',
  );
const THAI_FAMILY: Weighted = [
  ['Lò', 30],
  ['Quàng', 18],
  ['Cà', 15],
  ['Lường', 12],
  ['Tòng', 10],
  ['Lù', 6],
  ['Điêu', 5],
  ['Vì', 4],
];
const THAI_GIVEN_M = 'Thành Pâng Xôm Hoan Chung Thắng Ánh Bun Phong Thiêm'.split(' ');
const THAI_GIVEN_F = 'Ín Xuân Ơn Pánh Lả Ương Hoa Phương Xiêm Bích'.split(' ');
const HMONG_FAMILY: Weighted = [
  ['Giàng', 28],
  ['Vàng', 20],
  ['Sùng', 15],
  ['Mùa', 12],
  ['Thào', 10],
  ['Lý', 8],
  ['Hờ', 4],
  ['Lầu', 3],
];
const HMONG_GIVEN_M = 'Páo Chứ Sính Dế Lử Chá Tráng Pó Dình Sềnh'.split(' ');
const HMONG_GIVEN_F = 'Mỷ Dua Pà Mai Sua Dợ Chứ Say Mỉ Dở'.split(' ');
const LOWLAND_ETHNIC: Weighted = [
  ['Kinh', 92],
  ['Tày', 3],
  ['Thái', 3],
  ['Mường', 2],
];

interface Person {
  id: string;
  family: string;
  middle: string;
  given: string;
  sex: 'MALE' | 'FEMALE';
  birth: { y: number; m: number; d: number };
  commune: string;
  upland: boolean;
  ethnicity: string;
  idNumber: string;
  phone: string | null;
  deathDate: string | null;
  farmer: boolean;
  wageEarner: boolean;
  veteran: boolean;
}

interface Membership {
  org: DemoOrg;
  person: Person | null;
  /** Name and birth as this roster has them (a fabricated row has no person). */
  name: { family: string; middle: string; given: string };
  birth: { y: number; m: number; d: number };
  sex: 'MALE' | 'FEMALE';
  commune: string;
  unit: string;
  joinDate: string;
  status: 'Đang sinh hoạt' | 'Sinh hoạt tạm thời';
  lastActivity: string | null;
  lastDues: string | null;
  reason: string;
  withId: boolean;
  withPhone: boolean;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const vn = (y: number, m: number, d: number) => formatVnDay(iso(y, m, d));

export function generateDemo(opts: DemoOptions): DemoProvince {
  const rand = prng(opts.seed);
  const noise = { ...DEFAULT_NOISE, ...opts.noise };
  const plants = { ...DEFAULT_PLANTS, ...opts.plants };
  const pop = { ...DEFAULT_POPULATION, ...opts.population };
  // The population rates added later draw from a stream of their own: at their defaults the rows of a seed stay as they were.
  const alt = prng((opts.seed ^ 0x2545f491) >>> 0);
  const chance = (p: number) => rand() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const concentrated = (xs: Weighted): Weighted =>
    pop.familyConcentration === 1 ? xs : xs.map(([v, w]) => [v, w ** pop.familyConcentration]);
  const pool = (xs: string[]): string[] => xs.slice(0, Math.max(3, Math.ceil(xs.length * pop.namePool)));
  const weighted = (xs: Weighted): string => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = rand() * total;
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  const todayY = Number(opts.today.slice(0, 4));
  const todayMs = Date.parse(`${opts.today}T00:00:00Z`);
  const daysAgo = (n: number) => new Date(todayMs - n * 86_400_000).toISOString().slice(0, 10);
  const communes = opts.data.communes.filter((c) => c.provinceCode === opts.province).map((c) => c.code);
  if (!communes.length) throw new Error(`province '${opts.province}' has no communes`);
  // Upland communes (Thái and H'Mông villages): two in five by default, enough for a quarter of the records.
  const upland = new Set(
    pop.uplandShare === DEFAULT_POPULATION.uplandShare
      ? communes.filter((_, i) => i % 5 < 2)
      : shuffle(communes, alt).slice(0, Math.round(communes.length * pop.uplandShare)),
  );
  const kinhFamily = concentrated(KINH_FAMILY);
  const thaiFamily = concentrated(THAI_FAMILY);
  const hmongFamily = concentrated(HMONG_FAMILY);
  const names = {
    kinhM: pool(KINH_GIVEN_M),
    kinhF: pool(KINH_GIVEN_F),
    thaiM: pool(THAI_GIVEN_M),
    thaiF: pool(THAI_GIVEN_F),
    hmongM: pool(HMONG_GIVEN_M),
    hmongF: pool(HMONG_GIVEN_F),
  };
  const oldCodes = new Map<string, string[]>();
  for (const s of opts.data.successors)
    if (s.coverage === 'FULL' && s.legacyCode !== s.communeCode)
      oldCodes.set(s.communeCode, [...(oldCodes.get(s.communeCode) ?? []), s.legacyCode]);
  const birthProvince = `0${opts.province.padStart(2, '0')}`;

  // People.
  const people: Person[] = [];
  const idSerial = new Set<string>();
  for (let i = 0; i < opts.persons; i++) {
    const commune = pick(communes);
    const up = upland.has(commune);
    const sex = chance(0.5) ? 'MALE' : 'FEMALE';
    const age = int(14, 92);
    const y = todayY - age;
    const placeholder = up && chance(pop.placeholderDates);
    const birth = placeholder ? { y, m: 1, d: 1 } : { y, m: int(1, 12), d: int(1, 28) };
    const ethnicity = up ? (chance(0.6) ? 'Thái' : 'Mông') : weighted(LOWLAND_ETHNIC);
    let family: string, middle: string, given: string;
    if (ethnicity === 'Mông') {
      family = weighted(hmongFamily);
      middle = sex === 'MALE' ? 'A' : 'Thị';
      given = pick(sex === 'MALE' ? names.hmongM : names.hmongF);
    } else if (ethnicity === 'Thái' && up) {
      family = weighted(thaiFamily);
      middle = sex === 'MALE' ? 'Văn' : 'Thị';
      given = pick(sex === 'MALE' ? names.thaiM : names.thaiF);
    } else {
      family = weighted(kinhFamily);
      middle = chance(0.1) ? '' : weighted(sex === 'MALE' ? KINH_MIDDLE_M : KINH_MIDDLE_F);
      given = pick(sex === 'MALE' ? names.kinhM : names.kinhF);
    }
    let serial: string;
    do serial = String(int(0, 999_999)).padStart(6, '0');
    while (idSerial.has(`${y}${sex}${serial}`));
    idSerial.add(`${y}${sex}${serial}`);
    const g = (y >= 2000 ? 2 : 0) + (sex === 'FEMALE' ? 1 : 0);
    const idNumber = `${chance(0.9) ? birthProvince : pick(['001', '014', '017', '026', '036', '079'])}${g}${String(y % 100).padStart(2, '0')}${serial}`;
    const dead = age > 55 && chance(plants.deceased * 2.5);
    people.push({
      id: `P${String(i + 1).padStart(7, '0')}`,
      family,
      middle,
      given,
      sex,
      birth,
      commune,
      upland: up,
      ethnicity,
      idNumber,
      phone: chance(up ? pop.phoneUpland : pop.phoneLowland)
        ? `0${pick(['3', '5', '7', '8', '9'])}${String(int(0, 99_999_999)).padStart(8, '0')}`
        : null,
      deathDate: dead ? daysAgo(int(30, 5 * 365)) : null,
      farmer: age >= 18 && chance(up ? 0.85 : 0.45),
      wageEarner: age >= 18 && age < 62 && chance(up ? 0.1 : 0.35),
      veteran: sex === 'MALE' && age >= 45 && chance(0.12),
    });
  }
  const ageOf = (p: Person) => todayY - p.birth.y;

  // Branches: two to four per organization and commune.
  const branchesOf = new Map<string, string[]>();
  const branches = (org: DemoOrg, commune: string) => {
    const key = `${org}:${commune}`;
    let list = branchesOf.get(key);
    if (!list) {
      list = Array.from({ length: int(2, 4) }, (_, k) => `${org}-${commune}-${String(k + 1).padStart(2, '0')}`);
      branchesOf.set(key, list);
    }
    return list;
  };
  /** Within the last six months. */
  const recentDate = () => daysAgo(int(1, 180));
  /** No date in the future: a later one becomes a recent one. */
  const past = (d: string) => (d >= opts.today ? daysAgo(int(1, 60)) : d);
  const member = (org: DemoOrg, p: Person, joinAge: number, reason = ''): Membership => {
    const joinY = Math.min(todayY, p.birth.y + joinAge);
    return {
      org,
      person: p,
      name: { family: p.family, middle: p.middle, given: p.given },
      birth: p.birth,
      sex: p.sex,
      commune: p.commune,
      unit: pick(branches(org, p.commune)),
      joinDate: past(iso(joinY, int(1, 12), int(1, 28))),
      status: 'Đang sinh hoạt',
      lastActivity: chance(0.8) ? recentDate() : null,
      lastDues: chance(0.75) ? recentDate() : null,
      reason,
      withId: true,
      withPhone: true,
    };
  };

  const memberships: Membership[] = [];
  const counts: Record<string, number> = {};
  const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  for (const p of people) {
    const age = ageOf(p);
    const dead = p.deathDate !== null;
    const reasonIfDead = dead ? 'DECEASED' : '';
    if (age >= 16 && age <= 30 && chance(0.55)) memberships.push(member('DTN', p, int(16, Math.min(age, 22)), reasonIfDead));
    else if (age > 30 && age <= 40 && chance(plants.overAge)) {
      // Past 35 the Đoàn's rule is broken (a phantom); from 31 to 35 a member may stay (a warning, a real member).
      const reason = age > 35 ? 'OVER_AGE' : 'AGED_OUT';
      memberships.push(member('DTN', p, int(16, 25), reason));
      count(reason);
    }
    if (p.sex === 'FEMALE' && age >= 18 && chance(0.6)) memberships.push(member('HPN', p, int(18, Math.max(18, age)), reasonIfDead));
    else if (p.sex === 'MALE' && age >= 18 && chance(plants.wrongSex)) {
      memberships.push(member('HPN', p, int(18, Math.max(18, age)), 'WRONG_SEX'));
      count('WRONG_SEX');
    }
    if (p.farmer && chance(0.55)) memberships.push(member('HND', p, int(18, Math.max(18, age)), reasonIfDead));
    if (p.veteran && chance(0.8)) memberships.push(member('CCB', p, int(40, Math.max(40, age)), reasonIfDead));
    if (age >= 60 && chance(0.7)) memberships.push(member('NCT', p, int(60, Math.max(60, age)), reasonIfDead));
    if (p.wageEarner && chance(0.7)) memberships.push(member('CD', p, int(18, Math.max(18, age)), reasonIfDead));
  }
  for (const m of memberships) if (m.reason === 'DECEASED') count('DECEASED');

  // Inactive for years: no activity, no dues since long ago.
  for (const m of memberships)
    if (!m.reason && chance(plants.inactive)) {
      m.reason = 'INACTIVE';
      m.lastActivity = iso(todayY - int(2, 6), int(1, 12), int(1, 28));
      m.lastDues = chance(0.5) ? iso(todayY - int(2, 6), int(1, 12), int(1, 28)) : null;
      count('INACTIVE');
    }
  // Listed twice in one organization (a transfer never closed): the second row in another branch.
  const extra: Membership[] = [];
  for (const m of memberships) {
    if (m.reason || !m.person) continue;
    const others = branches(m.org, m.commune).filter((b) => b !== m.unit);
    if (!others.length) continue;
    if (chance(plants.duplicateInOrg)) {
      extra.push({
        ...m,
        unit: pick(others),
        joinDate: past(iso(Number(m.joinDate.slice(0, 4)) + int(0, 3), int(1, 12), int(1, 28))),
        reason: 'DUPLICATE',
      });
      count('DUPLICATE');
    } else if (chance(plants.temporaryListing)) {
      extra.push({ ...m, unit: pick(others), status: 'Sinh hoạt tạm thời', joinDate: recentDate(), reason: 'TEMPORARY_LEGIT' });
      count('TEMPORARY_LEGIT');
    }
  }
  memberships.push(...extra);
  // Moves the register does not know: the membership listed in a neighbouring commune's branch.
  if (pop.moved > 0)
    for (const m of memberships) {
      if (alt() >= pop.moved) continue;
      const i = communes.indexOf(m.commune);
      m.commune = communes[(i + (alt() < 0.5 ? 1 : communes.length - 1)) % communes.length];
      const list = branches(m.org, m.commune);
      m.unit = list[Math.floor(alt() * list.length)];
    }
  // Fabricated names: bursts of 8–40 in a few branches, names from the same parts, no ID, no phone,
  // no activity or dues, joined within a few days; in no other roster and not in the register.
  const target = Math.round(memberships.length * plants.fabricated);
  let made = 0;
  while (made < target) {
    const org = pick(DEMO_ORGS);
    const commune = pick(communes);
    const unit = pick(branches(org, commune));
    const up = upland.has(commune);
    const burstDay = { y: todayY - int(0, 2), m: int(1, 12), d: int(1, 20) };
    const size = Math.min(target - made, int(8, 40));
    for (let k = 0; k < size; k++) {
      const sex = org === 'HPN' ? 'FEMALE' : chance(0.5) ? 'MALE' : 'FEMALE';
      const age = org === 'DTN' ? int(16, 30) : org === 'NCT' ? int(60, 85) : org === 'CCB' ? int(45, 80) : int(18, 65);
      const family = up ? weighted(chance(0.5) ? thaiFamily : hmongFamily) : weighted(kinhFamily);
      const middle = up ? (sex === 'MALE' ? 'Văn' : 'Thị') : weighted(sex === 'MALE' ? KINH_MIDDLE_M : KINH_MIDDLE_F);
      const given = pick(up ? (sex === 'MALE' ? names.thaiM : names.thaiF) : sex === 'MALE' ? names.kinhM : names.kinhF);
      const y = todayY - age;
      memberships.push({
        org,
        person: null,
        name: { family, middle, given },
        birth: up && chance(pop.placeholderDates) ? { y, m: 1, d: 1 } : { y, m: int(1, 12), d: int(1, 28) },
        sex,
        commune,
        unit,
        joinDate: past(iso(burstDay.y, burstDay.m, burstDay.d + int(0, 6))),
        status: 'Đang sinh hoạt',
        lastActivity: null,
        lastDues: null,
        reason: 'FABRICATED',
        withId: false,
        withPhone: false,
      });
      count('FABRICATED');
    }
    made += size;
  }

  // Rows, with noise; Mã hồ sơ drawn at random from one pattern per organization.
  const usedCodes = new Set<string>();
  const code = (org: DemoOrg) => {
    let c: string;
    do c = `${org}${String(int(0, 9_999_999)).padStart(7, '0')}`;
    while (usedCodes.has(c));
    usedCodes.add(c);
    return c;
  };
  const rosters = Object.fromEntries(DEMO_ORGS.map((o) => [o, [] as string[][]])) as Record<DemoOrg, string[][]>;
  const truth: string[][] = [];
  for (const m of shuffle(memberships, rand)) {
    const c = code(m.org);
    rosters[m.org].push(renderRow(m, c));
    truth.push([m.org, c, m.person?.id ?? '', m.reason]);
  }
  const inRegister = (): boolean => pop.registerCoverage >= 1 || alt() < pop.registerCoverage;
  const residents = shuffle(people, rand)
    .filter(inRegister)
    .map((p) => [
      fullName(p.family, p.middle, p.given),
      vn(p.birth.y, p.birth.m, p.birth.d),
      p.sex === 'MALE' ? 'Nam' : 'Nữ',
      p.idNumber,
      p.commune,
      p.deathDate ? 'Đã mất' : 'Còn sống',
      p.deathDate ? formatVnDay(p.deathDate) : '',
    ]);
  counts.records = memberships.length;
  counts.persons = people.length;
  counts.uplandRecords = memberships.filter((m) => upland.has(m.commune)).length;
  return { rosters, residents, truth, counts };

  function renderRow(m: Membership, c: string): string[] {
    let { family, middle } = m.name;
    const { given } = m.name;
    if ((family === 'Hoàng' || family === 'Huỳnh' || family === 'Vũ' || family === 'Võ') && chance(noise.hoangHuynhVuVo))
      family = { Hoàng: 'Huỳnh', Huỳnh: 'Hoàng', Vũ: 'Võ', Võ: 'Vũ' }[family]!;
    if (chance(noise.droppedMiddle)) middle = '';
    let name = fullName(family, middle, chance(noise.typo) ? typo(given) : given);
    if (chance(noise.otherTonePlacement)) name = otherTonePlacement(name);
    if (chance(noise.lostAccents)) name = stripAccents(name);
    if (chance(noise.upperCase)) name = name.toUpperCase();
    if (chance(noise.nfd)) name = name.normalize('NFD');
    if (chance(noise.straySpaces)) name = ` ${name.replace(' ', '  ')} `;
    const { y, mo, d } = { y: m.birth.y, mo: m.birth.m, d: m.birth.d };
    const birth = chance(noise.yearOnly) ? String(y) : chance(noise.swappedDayMonth) && d <= 12 && d !== mo ? vn(y, d, mo) : vn(y, mo, d);
    let id = '';
    if (m.withId && m.person && !chance(noise.missingId)) {
      id = m.person.idNumber;
      if (chance(noise.cmnd)) id = `0${String(int(10_000_000, 99_999_999))}`;
      else if (chance(noise.mistypedId)) {
        const i = int(6, 11);
        id = id.slice(0, i) + String((Number(id[i]) + int(1, 9)) % 10) + id.slice(i + 1);
      }
    }
    let phone = m.withPhone && m.person?.phone ? m.person.phone : '';
    if (phone && chance(noise.oldPhone)) {
      const back = Object.entries(OLD_MOBILE_PREFIXES).filter(([, now]) => phone.startsWith(now));
      if (back.length) {
        const [old, now] = pick(back);
        phone = old + phone.slice(now.length);
      }
    } else if (phone && chance(noise.plus84)) phone = `+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
    const olds = oldCodes.get(m.commune);
    const commune = olds && chance(noise.oldCommuneCode) ? pick(olds) : m.commune;
    return [
      c,
      name,
      birth,
      m.sex === 'MALE' ? (chance(0.1) ? 'nam' : 'Nam') : chance(0.1) ? 'nữ' : 'Nữ',
      id,
      phone,
      commune,
      m.person?.ethnicity ?? (upland.has(m.commune) ? 'Thái' : 'Kinh'),
      m.unit,
      formatVnDay(m.joinDate),
      m.status,
      m.lastActivity ? formatVnDay(m.lastActivity) : '',
      m.lastDues ? formatVnDay(m.lastDues) : '',
    ];
  }

  function typo(word: string): string {
    if (word.length < 3) return word;
    const i = int(1, word.length - 2);
    return chance(0.5) ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
  }
}

const fullName = (family: string, middle: string, given: string) => [family, middle, given].filter(Boolean).join(' ');

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
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
