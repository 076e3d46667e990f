// Who joins which organization, by each organization's rule, with the rule broken where a problem
// is planted (over-age Đoàn members, men in Hội Phụ nữ) and the dead still listed.
import type { Person } from './demo-people.js';
import { iso, type DemoOrg, type DemoWorld } from './demo-world.js';

export interface Membership {
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

/** What was planted, counted by reason (the summary of `seed`). */
export type PlantCounts = Record<string, number>;

export const countOne = (counts: PlantCounts, k: string) => (counts[k] = (counts[k] ?? 0) + 1);

export function joinOrganizations(w: DemoWorld, people: Person[], counts: PlantCounts): Membership[] {
  const { chance, int, plants } = w;
  const memberships: Membership[] = [];
  const member = (org: DemoOrg, p: Person, joinAge: number, reason = '') => memberOf(w, org, p, joinAge, reason);
  for (const p of people) {
    const age = w.todayY - p.birth.y;
    const dead = p.deathDate !== null;
    const reasonIfDead = dead ? 'DECEASED' : '';
    if (age >= 16 && age <= 30 && chance(0.55)) memberships.push(member('DTN', p, int(16, Math.min(age, 22)), reasonIfDead));
    else if (age > 30 && age <= 40 && chance(plants.overAge)) {
      // Past 35 the Đoàn's rule is broken (a phantom); from 31 to 35 a member may stay (a warning, a real member).
      const reason = age > 35 ? 'OVER_AGE' : 'AGED_OUT';
      memberships.push(member('DTN', p, int(16, 25), reason));
      countOne(counts, reason);
    }
    if (p.sex === 'FEMALE' && age >= 18 && chance(0.6)) memberships.push(member('HPN', p, int(18, Math.max(18, age)), reasonIfDead));
    else if (p.sex === 'MALE' && age >= 18 && chance(plants.wrongSex)) {
      memberships.push(member('HPN', p, int(18, Math.max(18, age)), 'WRONG_SEX'));
      countOne(counts, 'WRONG_SEX');
    }
    if (p.farmer && chance(0.55)) memberships.push(member('HND', p, int(18, Math.max(18, age)), reasonIfDead));
    if (p.veteran && chance(0.8)) memberships.push(member('CCB', p, int(40, Math.max(40, age)), reasonIfDead));
    if (age >= 60 && chance(0.7)) memberships.push(member('NCT', p, int(60, Math.max(60, age)), reasonIfDead));
    if (p.wageEarner && chance(0.7)) memberships.push(member('CD', p, int(18, Math.max(18, age)), reasonIfDead));
  }
  for (const m of memberships) if (m.reason === 'DECEASED') countOne(counts, 'DECEASED');
  return memberships;
}

/** A person's membership: in a branch of their commune, joined at `joinAge`, mostly active and paying. */
function memberOf(w: DemoWorld, org: DemoOrg, p: Person, joinAge: number, reason: string): Membership {
  const { chance, int } = w;
  const joinY = Math.min(w.todayY, p.birth.y + joinAge);
  return {
    org,
    person: p,
    name: { family: p.family, middle: p.middle, given: p.given },
    birth: p.birth,
    sex: p.sex,
    commune: p.commune,
    unit: w.pick(w.branches(org, p.commune)),
    joinDate: w.past(iso(joinY, int(1, 12), int(1, 28))),
    status: 'Đang sinh hoạt',
    lastActivity: chance(0.8) ? w.recentDate() : null,
    lastDues: chance(0.75) ? w.recentDate() : null,
    reason,
    withId: true,
    withPhone: true,
  };
}
