import type { DataSource } from 'typeorm';
import { todayInVietnam } from '../../common/dates/partial-date.js';
import type { OrganizationDefinition } from '../../membership/organization/organization-definition.js';
import { MemberStatus } from '../../membership/status/member-status.js';
import { bursts, phantomFlags, type Flag, type FlagCode, type PhantomFacts } from '../model/phantom.js';
import { estimate } from '../model/phantom-estimate.js';
import { rateTally, suspicion, withSuspicion } from '../model/phantom-signals.js';
import { registerDeaths } from './phantom-register-deaths.js';
import { RegisterMatch, type RegisterBridge } from './register-bridge.js';
import type { Records, Residents } from './snapshot.js';
import type { DeathEvidence } from '../model/phantom-deaths.js';

/**
 * The phantom checks of every record (`model/phantom.ts`): the facts of each record gathered from
 * the record, the register match and the persons just found.
 */

export interface PhantomResult {
  flags: Flag[][];
  /** Why each record is a suspected phantom ("ảo"): empty when it is not. */
  ao: FlagCode[][];
}

/** What the checks read besides the run: the organizations' rules and the flags marked false alarms. */
export interface PhantomContext {
  organizations: Map<string, OrganizationDefinition>;
  /** `record id|flag code` of the flags a person marked a false alarm: not raised again. */
  falseAlarms: Set<string>;
}

export async function phantomContext(
  db: DataSource,
  organizationOf: (code: string) => Promise<OrganizationDefinition>,
  recs: Records,
): Promise<PhantomContext> {
  const organizations = new Map<string, OrganizationDefinition>();
  for (const org of new Set(recs.org)) organizations.set(org, await organizationOf(org));
  const rows = await db.query<{ record_id: string; code: string }[]>(
    `SELECT record_id, code FROM flag_resolution WHERE resolution = 'FALSE_ALARM'`,
  );
  return { organizations, falseAlarms: new Set(rows.map((r) => `${r.record_id}|${r.code}`)) };
}

/**
 * The flags and the suspicion of every record, in three passes: the flags of all records, which
 * give the rates of each sign on real records (`rateTally`); the share of made-up records among
 * those the flags do not decide (`madeUpShare`); then each record's signals weighed with both.
 */
export function phantomChecks(
  recs: Records,
  res: Residents,
  bridge: RegisterBridge,
  persons: { personIds: string[]; duplicates: boolean[] },
  context: PhantomContext,
): PhantomResult {
  const today = todayInVietnam();
  const deaths = registerDeaths(recs, res, bridge, persons.personIds);
  const factsOf = phantomFacts(recs, res, bridge, persons, context, deaths.of);
  const tally = rateTally();
  const flags: Flag[][] = [];
  for (let i = 0; i < recs.n; i++) {
    const facts = factsOf(i);
    flags.push(phantomFlags(facts, today).filter((f) => !context.falseAlarms.has(`${recs.id[i]}|${f.code}`)));
    tally.add(facts);
  }
  const rates = tally.rates(deaths.deadShare, res.n ? bridge.namesakesByChance : undefined);
  // The base rate and the bursts, estimated on the records no rule or register decided.
  const open = flags.flatMap((own, i) => (own.some((f) => f.severity === 'PHANTOM') ? [] : [i]));
  Object.assign(
    rates,
    estimate(open.length, (k) => factsOf(open[k]), rates),
  );
  const out: PhantomResult = { flags: [], ao: [] };
  for (let i = 0; i < recs.n; i++) {
    const s = suspicion(flags[i], factsOf(i), rates);
    // A suspicion a person marked a false alarm is not raised again.
    s.reasons = s.reasons.filter((code) => !context.falseAlarms.has(`${recs.id[i]}|${code}`));
    out.flags.push(withSuspicion(flags[i], s));
    out.ao.push(s.reasons);
  }
  return out;
}

/** The facts of record i (what it says, what the register says of it, what the persons show). */
function phantomFacts(
  recs: Records,
  res: Residents,
  bridge: RegisterBridge,
  { personIds, duplicates }: { personIds: string[]; duplicates: boolean[] },
  context: PhantomContext,
  deaths: Map<number, DeathEvidence>,
): (i: number) => PhantomFacts {
  const personsOfPhone = new Map<string, Set<string>>();
  const orgsOfPerson = new Map<string, Set<string>>();
  for (let i = 0; i < recs.n; i++) {
    const phone = recs.phone[i];
    if (phone) personsOfPhone.set(phone, (personsOfPhone.get(phone) ?? new Set<string>()).add(personIds[i]));
    if (recs.status[i] === (MemberStatus.ACTIVE as string))
      orgsOfPerson.set(personIds[i], (orgsOfPerson.get(personIds[i]) ?? new Set<string>()).add(recs.org[i]));
  }
  const bare = (i: number) => !recs.idHash[i] && !recs.phone[i] && !recs.lastActivity[i] && !recs.lastDues[i];
  const joinDay = (i: number) => (recs.joinDayUnknown[i] ? null : recs.joinDate[i]);
  const burst = bursts(recs.id.map((_, i) => ({ unit: recs.unit[i], joinDate: joinDay(i), bare: bare(i) })));
  const couldBurst = (i: number) => bare(i) && !!recs.unit[i] && !!joinDay(i);
  return (i) => ({
    organization: context.organizations.get(recs.org[i])!,
    status: recs.status[i] as MemberStatus,
    birthDate: isoDate(recs.birth[i]),
    birthDatePrecision: recs.birthPrecision[i],
    sex: recs.sex[i] as 'MALE' | 'FEMALE' | null,
    joinDate: recs.joinDate[i],
    profile: recs.profile[i],
    lastActivityDate: recs.lastActivity[i],
    lastDuesDate: recs.lastDues[i],
    hasIdNumber: !!recs.idHash[i],
    idIssues: recs.idIssues[i],
    idMalformed: false,
    hasPhone: !!recs.phone[i],
    register: registerFact(bridge.match[i], bridge.resident[i], res),
    death: deaths.get(i) ?? null,
    phoneShared: recs.phone[i] ? personsOfPhone.get(recs.phone[i])!.size : 0,
    burst: couldBurst(i) ? burst[i] : null,
    duplicateInOrg: duplicates[i],
    organizationsOfPerson: orgsOfPerson.get(personIds[i])?.size ?? 0,
  });
}

function isoDate(b: Records['birth'][number]): string | null {
  return b ? `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}` : null;
}

/** What the register says of a record, in the phantom checks' words. */
function registerFact(match: RegisterMatch, resident: number, res: Residents): PhantomFacts['register'] {
  if (match === RegisterMatch.MATCHED && resident >= 0)
    return { kind: 'MATCHED', alive: res.alive[resident], deathDate: res.deathDate[resident] };
  if (match === RegisterMatch.AMBIGUOUS) return { kind: 'AMBIGUOUS', residents: 2 };
  if (match === RegisterMatch.NO_MATCH) return { kind: 'NO_MATCH' };
  return { kind: 'NOT_COVERED' };
}
