import { deathThroughNamesakes, type DeathEvidence, type RegisterEntry } from '../model/phantom-deaths.js';
import { RegisterMatch, type RegisterBridge } from './register-bridge.js';
import { communesOf } from '../../common/identity/identity-compare.js';
import type { Records, Residents } from './snapshot.js';

/**
 * Deaths the register shows for records the bridge could not match (`model/phantom-deaths.ts`):
 * each record without an ID number (or with an old CMND only) against its namesakes in the register, then through its person
 * — a record linked to another that the register knows dead is dead too, unless a record of the
 * same person matched a living resident.
 */

const keyOf = (nameKey: string, year: number | undefined) => `${nameKey}|${year ?? ''}`;

export interface RegisterDeaths {
  /** The death evidence of each record that has some. */
  of: Map<number, DeathEvidence>;
  /** Register entries marked dead, as a share of all. */
  deadShare: number;
}

export function registerDeaths(recs: Records, res: Residents, bridge: RegisterBridge, personIds: string[]): RegisterDeaths {
  const of = new Map<number, DeathEvidence>();
  const deadShare = res.n ? res.alive.filter((a) => !a).length / res.n : 0;
  if (!res.n) return { of, deadShare };
  const matched = (i: number) => (bridge.match[i] as RegisterMatch) === RegisterMatch.MATCHED;
  // An old 9-digit CMND says nothing the register's CCCD numbers can check: such a record is looked up by name too.
  const unmatched = (i: number) => !matched(i) && (!recs.idHash[i] || recs.idKind[i] === 'CMND');
  const namesakes = namesakesOf(recs, res, unmatched);
  const personDead = new Map<string, string | null>();
  const personAlive = new Set<string>();
  for (let i = 0; i < recs.n; i++) {
    const r = bridge.resident[i];
    if (matched(i) && r >= 0) {
      if (res.alive[r]) personAlive.add(personIds[i]);
      else personDead.set(personIds[i], res.deathDate[r]);
      continue;
    }
    if (!unmatched(i)) continue;
    const list = namesakes.get(keyOf(recs.name[i].key, recs.birth[i]?.year));
    const own = list && deathThroughNamesakes({ birth: recs.birth[i], sex: recs.sex[i], communes: communesOf(recs.commune[i]) }, list);
    if (!own) continue;
    of.set(i, own);
    if (own.kind === 'SETTLED' && !personDead.has(personIds[i])) personDead.set(personIds[i], own.deathDate);
  }
  for (let i = 0; i < recs.n; i++) {
    if (matched(i)) continue;
    const person = personIds[i];
    const own = of.get(i);
    // A living resident matched through the same person outweighs namesakes: at most a signal.
    if (personAlive.has(person)) {
      if (own?.kind === 'SETTLED') of.set(i, { kind: 'UNSETTLED', dead: 1, alive: 1 });
    } else if (personDead.has(person) && own?.kind !== 'SETTLED')
      of.set(i, { kind: 'SETTLED', deathDate: personDead.get(person) ?? null, namesakes: 0, by: 'PERSON' });
  }
  return { of, deadShare };
}

/** The register entries of the names and birth years the records without a match carry (only those are indexed). */
function namesakesOf(recs: Records, res: Residents, wanted: (i: number) => boolean): Map<string, RegisterEntry[]> {
  const out = new Map<string, RegisterEntry[]>();
  for (let i = 0; i < recs.n; i++) if (wanted(i)) out.set(keyOf(recs.name[i].key, recs.birth[i]?.year), []);
  for (let r = 0; r < res.n; r++) {
    const list = out.get(keyOf(res.name[r].key, res.birth[r]?.year));
    list?.push({
      alive: res.alive[r],
      deathDate: res.deathDate[r],
      birth: res.birth[r],
      sex: res.sex[r],
      communes: communesOf(res.commune[r]),
    });
  }
  return out;
}
