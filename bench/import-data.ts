/**
 * The rosters the import benchmark reads: six organization CSV files of real-looking rows (valid
 * names, dates, CCCD numbers, phones, communes, 240 branch codes), and for the re-import the same
 * files with the rows reordered and 1 % of them changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OLD_PROVINCE_CODES } from '../src/common/identity/id-number.js';
import { prng } from '../src/common/random/prng.js';

export const ORGS: { code: string; share: number; sex?: 'Nữ'; birth: [number, number] }[] = [
  { code: 'CD', share: 0.2, birth: [1966, 2006] },
  { code: 'DTN', share: 0.2, birth: [1996, 2010] },
  { code: 'HPN', share: 0.2, sex: 'Nữ', birth: [1950, 2006] },
  { code: 'HND', share: 0.2, birth: [1950, 2006] },
  { code: 'CCB', share: 0.1, birth: [1940, 1995] },
  { code: 'NCT', share: 0.1, birth: [1920, 1966] },
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn'];
const GIVEN_F = ['Hà', 'Hạnh', 'Hòa', 'Lan', 'Linh', 'Mai', 'Nga', 'Thảo', 'Thủy', 'Trang'];
/** Every CCCD valid (a province code that exists): each record must then carry its number sealed and hashed. */
const PROVINCES = [...OLD_PROVINCE_CODES].sort();
const COMMUNES = ['00004', '00008', '00025', '00031', '00061', '00070'];
export const HEADER = [
  'Mã hồ sơ',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Số điện thoại',
  'Mã xã',
  'Dân tộc',
  'Mã đơn vị',
  'Trạng thái',
];
/** The column of the phone number: what a changed row changes. */
const PHONE = HEADER.indexOf('Số điện thoại');

const rand = prng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const phone = () => `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;

export function row(org: (typeof ORGS)[number], i: number): string[] {
  const female = org.sex === 'Nữ' || rand() < 0.5;
  const year = org.birth[0] + Math.floor(rand() * (org.birth[1] - org.birth[0]));
  const day = 1 + Math.floor(rand() * 28);
  const month = 1 + Math.floor(rand() * 12);
  const province = `0${pick(PROVINCES)}`;
  const id = `${province}${(year >= 2000 ? 2 : 0) + (female ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(i % 1_000_000).padStart(6, '0')}`;
  return [
    `${org.code}-${i}`,
    `${pick(FAMILY)} ${female ? pick(MIDDLE_F) : pick(MIDDLE_M)} ${female ? pick(GIVEN_F) : pick(GIVEN_M)}`,
    `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
    female ? 'Nữ' : 'Nam',
    id,
    phone(),
    pick(COMMUNES),
    'Kinh',
    `${org.code}-CHI-${i % 40}`,
    'Đang sinh hoạt',
  ];
}

export interface RosterFile {
  org: string;
  file: string;
  rows: number;
}

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(file);
  for (const line of lines) if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(r));
  fs.chmodSync(file, 0o644);
}

function* rosterLines(org: (typeof ORGS)[number], from: number, n: number): Generator<string> {
  yield `\uFEFF${HEADER.join(',')}\n`;
  for (let i = from; i < from + n; i++) yield `${row(org, i).join(',')}\n`;
}

/** The six files, ~`total` rows in all. */
export async function writeRosters(dir: string, total: number): Promise<RosterFile[]> {
  const files: RosterFile[] = [];
  for (const org of ORGS) {
    const n = Math.round(total * org.share);
    const file = path.join(dir, `${org.code}.csv`);
    await writeLines(file, rosterLines(org, 0, n));
    files.push({ org: org.code, file, rows: n });
  }
  return files;
}

/** `n` rows of the organization not in its file (codes after `from`): what a preview reads. */
export async function writeFreshRoster(dir: string, code: string, from: number, n: number): Promise<string> {
  const org = ORGS.find((o) => o.code === code) ?? ORGS[0];
  const file = path.join(dir, `${code}-fresh.csv`);
  await writeLines(file, rosterLines(org, from, n));
  return file;
}

/** The same file sent again: its rows shuffled, one in a hundred with a new phone number. Returns how many changed. */
export async function writeCorrected(f: RosterFile, dir: string): Promise<{ file: string; changed: number }> {
  const [header, ...rows] = fs.readFileSync(f.file, 'utf8').split('\n').filter(Boolean);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  let changed = 0;
  for (let i = 0; i < rows.length; i += 100) {
    const cells = rows[i].split(',');
    cells[PHONE] = phone();
    rows[i] = cells.join(',');
    changed++;
  }
  const file = path.join(dir, `${f.org}-corrected.csv`);
  await writeLines(file, [`${header}\n`, ...rows.map((r) => `${r}\n`)]);
  return { file, changed };
}
