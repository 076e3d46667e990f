import { canonicalText, foldText } from '../common/text/vietnamese-text.js';
import { communeKey, type CommuneDirectory, type CommuneRef, type CommuneResolution } from './commune-directory.js';

/** Province names, current and pre-2025 (with the provinces that took their territory), to read `tỉnh …`. */
export interface ProvinceNames {
  provinces: { code: string; name: string }[];
  legacyProvinces: { code: string; name: string; successorCodes: string[] }[];
}

/**
 * The commune an address names. `communeCode` is null when the address names no commune of the
 * deployment's province (another province, unknown, ambiguous, an old commune split in several): then
 * `warning` shows the value and says what to write. A commune read through an old name gives its
 * successor, `legacyName` naming the old one.
 */
export interface CommuneFromAddress {
  communeCode: string | null;
  warning?: string;
  legacyName?: string;
  /**
   * The address says no administrative word (`xã`, `phường`, `huyện`, `tỉnh`…) and names no province:
   * "Na Sang", "Bản Phủ". In a commune's roster that is most often a hamlet of the commune, which may
   * share a commune's name elsewhere: whoever knows the member's commune decides (the import's planner).
   */
  bare?: boolean;
  /**
   * The address's own place inside the commune, as written (`Số 12 Trần Thái Tông, TDP 2`, `Thôn 3`):
   * what tells two namesakes of one commune apart. Absent when the address names nothing below the commune.
   */
  local?: string;
}

type PartKind = 'COMMUNE' | 'DISTRICT' | 'CITY' | 'PROVINCE' | 'VILLAGE' | 'PLAIN';
interface Part {
  kind: PartKind;
  /** As written. */
  text: string;
  /** The name without its prefix word (`Thanh Luông` of `xã Thanh Luông`). */
  name: string;
  /** For a commune: the kind its prefix says (`Phường` for `P.`), which tells Phường Ba Đình from Xã Ba Đình. */
  unit?: string;
}

const UNIT_OF_PREFIX: Record<string, string> = {
  xa: 'Xã',
  x: 'Xã',
  phuong: 'Phường',
  p: 'Phường',
  'thi tran': 'Thị trấn',
  tt: 'Thị trấn',
  'dac khu': 'Đặc khu',
};

const after = String.raw`(?:\.\s*|\s+)`;
const PREFIXES: [PartKind, RegExp][] = [
  ['COMMUNE', new RegExp(`^(?:xã|phường|thị trấn|đặc khu|xa|phuong|thi tran|dac khu|tt|p|x)${after}`, 'iu')],
  ['CITY', new RegExp(`^(?:thành phố|thanh pho|tp)${after}`, 'iu')],
  ['DISTRICT', new RegExp(`^(?:huyện|quận|thị xã|huyen|quan|thi xa|tx|q|h)${after}`, 'iu')],
  ['PROVINCE', new RegExp(`^(?:tỉnh|tinh|t)${after}`, 'iu')],
  [
    'VILLAGE',
    new RegExp(`^(?:thôn|bản|xóm|tổ dân phố|tổ|khu|khối|ấp|buôn|bon|làng|số nhà|đường|thon|xom|to|khoi|ap|so nha|duong|sn)${after}`, 'iu'),
  ],
];

function readPart(text: string): Part {
  const t = canonicalText(text);
  for (const [kind, re] of PREFIXES) {
    const m = re.exec(t);
    if (m && t.length > m[0].length) return { kind, text: t, name: t.slice(m[0].length).trim(), unit: UNIT_OF_PREFIX[foldText(m[0])] };
  }
  return { kind: /\d/.test(t) ? 'VILLAGE' : 'PLAIN', text: t, name: t };
}

const provinceKey = (name: string) => foldText(name).replace(/^(tinh|thanh pho)\s+/, '');

/** The current provinces a name means: a current province, or an old one through its successors. */
function provincesNamed(name: string, names: ProvinceNames): { codes: string[]; legacy: boolean } | null {
  const key = provinceKey(name);
  const current = names.provinces.filter((p) => provinceKey(p.name) === key).map((p) => p.code);
  if (current.length) return { codes: current, legacy: false };
  const old = names.legacyProvinces.filter((p) => provinceKey(p.name) === key).flatMap((p) => p.successorCodes);
  return old.length ? { codes: old, legacy: true } : null;
}

interface Address {
  commune: string | null;
  unit: string | null;
  provinces: string[] | null;
  /** Written with a district or an abolished province: the address predates 1/7/2025. */
  oldStyle: boolean;
  /** No part names its kind of unit (but a hamlet's), and no province is named. */
  bare: boolean;
  /** Its parts below the commune (house, street, tổ dân phố, thôn), as written. */
  local: string | null;
}

/** Splits `P. Mường Thanh, TP. Điện Biên Phủ` into the commune, the province and the era. */
function readAddress(text: string, names: ProvinceNames): Address {
  const parts = text
    .split(/[,;]|\s[-–]\s/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(readPart);
  let provinces: string[] | null = null;
  let oldStyle = parts.some((p) => p.kind === 'DISTRICT');
  const candidates: Part[] = [];
  parts.forEach((p, i) => {
    const named = p.kind === 'PROVINCE' || p.kind === 'CITY' || (p.kind === 'PLAIN' && i > 0) ? provincesNamed(p.name, names) : null;
    if (named) {
      provinces = named.codes;
      oldStyle ||= named.legacy;
    } else if (p.kind === 'CITY')
      oldStyle = true; // a city under a province was a district
    else if (p.kind === 'COMMUNE') candidates.unshift(p);
    else if (p.kind === 'PLAIN') candidates.push(p);
  });
  const bare = !provinces && parts.every((p) => p.kind === 'PLAIN' || p.kind === 'VILLAGE');
  const local = parts.filter((p) => p.kind === 'VILLAGE').map((p) => p.text);
  return {
    commune: candidates[0]?.name ?? null,
    unit: candidates[0]?.unit ?? null,
    provinces,
    oldStyle,
    bare,
    local: local.join(', ') || null,
  };
}

const communeList = (list: CommuneRef[], names: ProvinceNames, home: string | null) =>
  list
    .slice(0, 6)
    .map((c) => (c.provinceCode === home ? `${c.name} (${c.code})` : `${c.name}, ${provinceName(c.provinceCode, names)}`))
    .join('; ');
const provinceName = (code: string | null, names: ProvinceNames) => names.provinces.find((p) => p.code === code)?.name ?? `tỉnh ${code}`;

/**
 * Reads the commune of an address as a roster writes it: `xã Thanh Luông, huyện Điện Biên`, `P. Mường
 * Thanh, TP. Điện Biên Phủ`, `Thanh Luong` (no accents), an old commune's name (through the 2025
 * mapping), the deployment's province first (CommuneDirectory's rules). An address with a district is
 * written the old way: its commune name is read as an old commune's first; when the old and the current
 * commune of that name differ, the choice is said in a warning. Never a silent change: another
 * province, an unknown or ambiguous name is a warning showing the value, with no commune.
 */
export function communeFromAddress(text: string, directory: CommuneDirectory, names: ProvinceNames): CommuneFromAddress {
  const address = readAddress(canonicalText(text), names);
  const found = readCommune(canonicalText(text), address, directory, names);
  if (address.bare) return { ...found, bare: true };
  return found.communeCode && address.local ? { ...found, local: address.local } : found;
}

function readCommune(shown: string, address: Address, directory: CommuneDirectory, names: ProvinceNames): CommuneFromAddress {
  const home = directory.homeProvince;
  const fix = 'hãy sửa lại tên xã/phường (hoặc ghi mã xã) rồi nhập lại';
  if (!address.commune) return { communeCode: null, warning: `Địa chỉ '${shown}' không có tên xã/phường: ${fix}` };
  if (home && address.provinces && !address.provinces.includes(home))
    return { communeCode: null, warning: outside(shown, provinceName(address.provinces[0], names), names, home) };
  const r = byUnit(directory.resolve({ name: address.commune, legacyFirst: address.oldStyle }), address.unit);
  if (r.kind === 'LEGACY_SPLIT')
    return {
      communeCode: null,
      warning: `Địa chỉ '${shown}': ${r.legacy!.name} (cũ) đã được chia cho nhiều xã/phường mới: ${communeList(r.candidates, names, home)}. Hãy ghi tên xã/phường mới của người này`,
    };
  if (r.kind === 'AMBIGUOUS')
    return {
      communeCode: null,
      warning: `Địa chỉ '${shown}': tên '${address.commune}' trùng nhiều xã/phường (${communeList(r.candidates, names, home)}): ${fix}`,
    };
  if (!r.commune)
    return {
      communeCode: null,
      warning: `Địa chỉ '${shown}': không tìm thấy xã/phường '${address.commune}', kể cả tên cũ trước 1/7/2025: ${fix}`,
    };
  if (home && r.commune.provinceCode !== home)
    return { communeCode: null, warning: outside(shown, `${r.commune.name}, ${provinceName(r.commune.provinceCode, names)}`, names, home) };
  const found: CommuneFromAddress = { communeCode: r.commune.code, ...(r.legacy ? { legacyName: r.legacy.name } : {}) };
  const warning = misread(shown, address, r.commune, r.legacy?.name ?? null) ?? otherEra(shown, address, directory, r.commune);
  return warning ? { ...found, warning } : found;
}

/** Of several communes of one name, the one of the kind the address says (`Phường`), when it is alone. */
function byUnit(r: CommuneResolution, unit: string | null): CommuneResolution {
  if (r.kind !== 'AMBIGUOUS' || !unit) return r;
  const ofKind = r.candidates.filter((c) => c.name.startsWith(`${unit} `));
  return ofKind.length === 1 ? { ...r, kind: 'NAME', commune: ofKind[0], candidates: [] } : r;
}

function outside(shown: string, where: string, names: ProvinceNames, home: string): string {
  return `Địa chỉ '${shown}' thuộc ${where}, ngoài ${provinceName(home, names)}: chưa ghi xã. Nếu người này ở tỉnh khác, hãy để trống ô xã; nếu nhầm, hãy sửa lại tên xã`;
}

/** A name found only by its likeness (a typo): said, so that it is checked. */
function misread(shown: string, address: Address, commune: CommuneRef, legacyName: string | null): string | null {
  const key = communeKey(address.commune!);
  if (communeKey(commune.name) === key || (legacyName && communeKey(legacyName) === key)) return null;
  return `Địa chỉ '${shown}': không có xã/phường tên '${address.commune}', đã đọc là ${commune.name} (tên gần giống nhất): hãy kiểm tra lại`;
}

/** The same name is an old commune's and a current one's, in different places: which was read, and how to say the other. */
function otherEra(shown: string, address: Address, directory: CommuneDirectory, chosen: CommuneRef): string | null {
  const other = directory.resolve({ name: address.commune, legacyFirst: !address.oldStyle });
  if (!other.commune || other.commune.code === chosen.code || other.commune.provinceCode !== directory.homeProvince) return null;
  if (address.oldStyle)
    return (
      `Địa chỉ '${shown}' ghi theo địa giới cũ (còn huyện/thành phố): đã đọc '${address.commune}' là đơn vị cũ, nay thuộc ${chosen.name}. ` +
      `Nếu ý là ${other.commune.name} hiện nay, hãy ghi lại tên đó và bỏ tên huyện/thành phố`
    );
  return (
    `Địa chỉ '${shown}': đã đọc là ${chosen.name} hiện nay; trước 1/7/2025 cũng có đơn vị tên '${address.commune}', nay thuộc ${other.commune.name}. ` +
    `Nếu địa chỉ ghi theo địa giới cũ, hãy sửa thành ${other.commune.name}`
  );
}

/**
 * communeFromAddress for one import: a roster repeats the same few addresses, and a name found only by
 * likeness costs a fuzzy search over every commune (a few hundred ms), so each distinct text is read once.
 */
export function communeReader(directory: CommuneDirectory, names: ProvinceNames): (text: string) => CommuneFromAddress {
  const seen = new Map<string, CommuneFromAddress>();
  return (text) => {
    const key = canonicalText(text);
    let found = seen.get(key);
    if (!found) {
      found = communeFromAddress(key, directory, names);
      if (seen.size < 10_000) seen.set(key, found);
    }
    return found;
  };
}
