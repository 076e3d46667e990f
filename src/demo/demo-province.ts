import { formatVnDay } from '../common/dates/vn-day.js';
import { shuffle } from './demo-dice.js';
import { joinOrganizations, type PlantCounts } from './demo-memberships.js';
import { fullName } from './demo-names.js';
import { renderRow } from './demo-noise.js';
import { drawPeople, type Person } from './demo-people.js';
import { plantProblems } from './demo-plants.js';
import { demoUnitNames } from './demo-units.js';
import { DEMO_ORGS, demoWorld, vn, type DemoOptions, type DemoOrg, type DemoWorld } from './demo-world.js';

export { DEMO_ORGS, type DemoOptions, type DemoOrg } from './demo-world.js';

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
  counts: PlantCounts;
  /** The branches the rosters name, with their names (`demo-units.ts`): org, Mã đơn vị, Mã xã, Tên đơn vị. */
  units: string[][];
}

/**
 * A synthetic province that looks like real rosters (issue "Rosters in and out", item 7): people
 * of its communes (a share of them in Thái and H'Mông upland communes), their memberships in six
 * organizations by the organizations' rules, the noise of real data at stated rates, and the
 * problems the product must find, planted at stated rates. Pure and deterministic for a seed.
 *
 * Nothing but the signals of DOMAIN.md tells a planted problem apart: every roster is shuffled,
 * every Mã hồ sơ is drawn from the same random pattern, and noise falls on every row alike.
 *
 * The story, each part in its file and all drawing from one seeded stream in this order (so the
 * files of a seed never change; `demo-golden.spec.ts` pins them): the province (`demo-world`),
 * its people (`demo-people`), who joins what (`demo-memberships`), the planted problems
 * (`demo-plants`), the rows with their noise (`demo-noise`), then the register extract and the truth.
 */
export function generateDemo(opts: DemoOptions): DemoProvince {
  const w = demoWorld(opts);
  const people = drawPeople(w);
  const counts: PlantCounts = {};
  const memberships = joinOrganizations(w, people, counts);
  plantProblems(w, memberships, counts);
  // Rows, with noise; Mã hồ sơ drawn at random from one pattern per organization.
  const code = codeDrawer(w);
  const rosters = Object.fromEntries(DEMO_ORGS.map((o) => [o, [] as string[][]])) as Record<DemoOrg, string[][]>;
  const truth: string[][] = [];
  for (const m of shuffle(memberships, w.rand)) {
    const c = code(m.org);
    rosters[m.org].push(renderRow(w, m, c));
    truth.push([m.org, c, m.person?.id ?? '', m.reason]);
  }
  const residents = registerExtract(w, people);
  const units = branchesNamed(w, rosters);
  counts.records = memberships.length;
  counts.persons = people.length;
  counts.uplandRecords = memberships.filter((m) => w.upland.has(m.commune)).length;
  return { rosters, residents, truth, counts, units };
}

/** Every branch a roster names (`Mã đơn vị`), with its name and commune, in order of organization and code. */
function branchesNamed(w: DemoWorld, rosters: Record<DemoOrg, string[][]>): string[][] {
  const column = ROSTER_HEADER.indexOf('Mã đơn vị');
  const codes = DEMO_ORGS.flatMap((org) => [...new Set(rosters[org].map((r) => r[column]))].sort());
  const names = demoUnitNames(codes, { data: w.opts.data, seed: w.opts.seed, upland: w.upland });
  return codes.filter((c) => names.has(c)).map((c) => [c.split('-')[0], c, c.split('-')[1], names.get(c)!]);
}

/** Mã hồ sơ: the organization's code and seven random digits, never twice. */
function codeDrawer(w: DemoWorld): (org: DemoOrg) => string {
  const used = new Set<string>();
  return (org) => {
    let c: string;
    do c = `${org}${String(w.int(0, 9_999_999)).padStart(7, '0')}`;
    while (used.has(c));
    used.add(c);
    return c;
  };
}

/** The register extract: the people it covers, shuffled, as RESIDENT_HEADER's rows. */
function registerExtract(w: DemoWorld, people: Person[]): string[][] {
  const inRegister = (): boolean => w.pop.registerCoverage >= 1 || w.alt() < w.pop.registerCoverage;
  return shuffle(people, w.rand)
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
}
