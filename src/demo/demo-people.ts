// The people of the demo province: where they live, their names by ethnicity, birth, ID number,
// phone, and what makes them join an organization (work, service, death).
import { KINH_MIDDLE_F, KINH_MIDDLE_M, LOWLAND_ETHNIC } from './demo-names.js';
import type { DemoWorld } from './demo-world.js';

export interface Person {
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

export function drawPeople(w: DemoWorld): Person[] {
  const people: Person[] = [];
  const idSerial = new Set<string>();
  for (let i = 0; i < w.opts.persons; i++) people.push(drawPerson(w, i, idSerial));
  return people;
}

/** The i-th person; `idSerial` keeps ID numbers apart. */
function drawPerson(w: DemoWorld, i: number, idSerial: Set<string>): Person {
  const { chance, int, pick, pop } = w;
  const commune = pick(w.communes);
  const up = w.upland.has(commune);
  const sex = chance(0.5) ? 'MALE' : 'FEMALE';
  const age = int(14, 92);
  const y = w.todayY - age;
  const placeholder = up && chance(pop.placeholderDates);
  const birth = placeholder ? { y, m: 1, d: 1 } : { y, m: int(1, 12), d: int(1, 28) };
  const ethnicity = up ? (chance(0.6) ? 'Thái' : 'Mông') : w.weighted(LOWLAND_ETHNIC);
  const { family, middle, given } = drawName(w, ethnicity, up, sex);
  let serial: string;
  do serial = String(int(0, 999_999)).padStart(6, '0');
  while (idSerial.has(`${y}${sex}${serial}`));
  idSerial.add(`${y}${sex}${serial}`);
  const g = (y >= 2000 ? 2 : 0) + (sex === 'FEMALE' ? 1 : 0);
  const birthProvince = `0${w.opts.province.padStart(2, '0')}`;
  const idNumber = `${chance(0.9) ? birthProvince : pick(['001', '014', '017', '026', '036', '079'])}${g}${String(y % 100).padStart(2, '0')}${serial}`;
  const dead = age > 55 && chance(w.plants.deceased * 2.5);
  return {
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
    deathDate: dead ? w.daysAgo(int(30, 5 * 365)) : null,
    farmer: age >= 18 && chance(up ? 0.85 : 0.45),
    wageEarner: age >= 18 && age < 62 && chance(up ? 0.1 : 0.35),
    veteran: sex === 'MALE' && age >= 45 && chance(0.12),
  };
}

/** H'Mông (A / Thị), Thái of the uplands (Văn / Thị), or Kinh (one in ten without a middle name). */
function drawName(w: DemoWorld, ethnicity: string, up: boolean, sex: 'MALE' | 'FEMALE') {
  const { names } = w;
  if (ethnicity === 'Mông')
    return {
      family: w.weighted(names.hmongFamily),
      middle: sex === 'MALE' ? 'A' : 'Thị',
      given: w.pick(sex === 'MALE' ? names.given.hmongM : names.given.hmongF),
    };
  if (ethnicity === 'Thái' && up)
    return {
      family: w.weighted(names.thaiFamily),
      middle: sex === 'MALE' ? 'Văn' : 'Thị',
      given: w.pick(sex === 'MALE' ? names.given.thaiM : names.given.thaiF),
    };
  return {
    family: w.weighted(names.kinhFamily),
    middle: w.chance(0.1) ? '' : w.weighted(sex === 'MALE' ? KINH_MIDDLE_M : KINH_MIDDLE_F),
    given: w.pick(sex === 'MALE' ? names.given.kinhM : names.given.kinhF),
  };
}
