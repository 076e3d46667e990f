// The problems the product must find, planted among the memberships at the stated rates: members
// inactive for years, listed twice in one organization (or legitimately, as temporary), moved where
// the register does not know, and names fabricated in bursts.
import { KINH_MIDDLE_F, KINH_MIDDLE_M } from './demo-names.js';
import { countOne, type Membership, type PlantCounts } from './demo-memberships.js';
import { DEMO_ORGS, iso, type DemoWorld } from './demo-world.js';

export function plantProblems(w: DemoWorld, memberships: Membership[], counts: PlantCounts): void {
  plantInactive(w, memberships, counts);
  memberships.push(...plantSecondListings(w, memberships, counts));
  moveSome(w, memberships);
  plantFabricated(w, memberships, counts);
}

/** Inactive for years: no activity, no dues since long ago. */
function plantInactive(w: DemoWorld, memberships: Membership[], counts: PlantCounts): void {
  const { chance, int, todayY } = w;
  for (const m of memberships)
    if (!m.reason && chance(w.plants.inactive)) {
      m.reason = 'INACTIVE';
      m.lastActivity = iso(todayY - int(2, 6), int(1, 12), int(1, 28));
      m.lastDues = chance(0.5) ? iso(todayY - int(2, 6), int(1, 12), int(1, 28)) : null;
      countOne(counts, 'INACTIVE');
    }
}

/** Listed twice in one organization (a transfer never closed): the second row in another branch. */
function plantSecondListings(w: DemoWorld, memberships: Membership[], counts: PlantCounts): Membership[] {
  const { chance, int, pick } = w;
  const extra: Membership[] = [];
  for (const m of memberships) {
    if (m.reason || !m.person) continue;
    const others = w.branches(m.org, m.commune).filter((b) => b !== m.unit);
    if (!others.length) continue;
    if (chance(w.plants.duplicateInOrg)) {
      extra.push({
        ...m,
        unit: pick(others),
        joinDate: w.past(iso(Number(m.joinDate.slice(0, 4)) + int(0, 3), int(1, 12), int(1, 28))),
        reason: 'DUPLICATE',
      });
      countOne(counts, 'DUPLICATE');
    } else if (chance(w.plants.temporaryListing)) {
      extra.push({ ...m, unit: pick(others), status: 'Sinh hoạt tạm thời', joinDate: w.recentDate(), reason: 'TEMPORARY_LEGIT' });
      countOne(counts, 'TEMPORARY_LEGIT');
    }
  }
  return extra;
}

/** Moves the register does not know: the membership listed in a neighbouring commune's branch. */
function moveSome(w: DemoWorld, memberships: Membership[]): void {
  const { alt, communes } = w;
  if (w.pop.moved > 0)
    for (const m of memberships) {
      if (alt() >= w.pop.moved) continue;
      const i = communes.indexOf(m.commune);
      m.commune = communes[(i + (alt() < 0.5 ? 1 : communes.length - 1)) % communes.length];
      const list = w.branches(m.org, m.commune);
      m.unit = list[Math.floor(alt() * list.length)];
    }
}

/**
 * Fabricated names: bursts of 8–40 in a few branches, names from the same parts, no ID, no phone,
 * no activity or dues, joined within a few days; in no other roster and not in the register.
 */
function plantFabricated(w: DemoWorld, memberships: Membership[], counts: PlantCounts): void {
  const { chance, int, pick, weighted, names, todayY } = w;
  const target = Math.round(memberships.length * w.plants.fabricated);
  let made = 0;
  while (made < target) {
    const org = pick(DEMO_ORGS);
    const commune = pick(w.communes);
    const unit = pick(w.branches(org, commune));
    const up = w.upland.has(commune);
    const burstDay = { y: todayY - int(0, 2), m: int(1, 12), d: int(1, 20) };
    const size = Math.min(target - made, int(8, 40));
    for (let k = 0; k < size; k++) {
      const sex = org === 'HPN' ? 'FEMALE' : chance(0.5) ? 'MALE' : 'FEMALE';
      const age = org === 'DTN' ? int(16, 30) : org === 'NCT' ? int(60, 85) : org === 'CCB' ? int(45, 80) : int(18, 65);
      const family = up ? weighted(chance(0.5) ? names.thaiFamily : names.hmongFamily) : weighted(names.kinhFamily);
      const middle = up ? (sex === 'MALE' ? 'Văn' : 'Thị') : weighted(sex === 'MALE' ? KINH_MIDDLE_M : KINH_MIDDLE_F);
      const given = pick(
        up ? (sex === 'MALE' ? names.given.thaiM : names.given.thaiF) : sex === 'MALE' ? names.given.kinhM : names.given.kinhF,
      );
      const y = todayY - age;
      memberships.push({
        org,
        person: null,
        name: { family, middle, given },
        birth: up && chance(w.pop.placeholderDates) ? { y, m: 1, d: 1 } : { y, m: int(1, 12), d: int(1, 28) },
        sex,
        commune,
        unit,
        joinDate: w.past(iso(burstDay.y, burstDay.m, burstDay.d + int(0, 6))),
        status: 'Đang sinh hoạt',
        lastActivity: null,
        lastDues: null,
        reason: 'FABRICATED',
        withId: false,
        withPhone: false,
      });
      countOne(counts, 'FABRICATED');
    }
    made += size;
  }
}
