import type { Flag, FlagCode, PhantomFacts } from './phantom.js';
import { termsOf } from '../../membership/organization/organization-definition.js';

/**
 * The weak signals that a member record is made up, each a likelihood ratio in bits (log2 odds):
 * how much likelier the sign is on a made-up record than on a real one. Alone none says much — real
 * members lack an ID number, a phone, a register entry — together they do (naive Bayes: the
 * weights add). What a real record looks like is read from the province's own records
 * (`signalRates`); what a made-up one looks like is stated below with its reason.
 */

export type SignalCode =
  | 'BASE_RATE'
  | 'NOT_IN_REGISTER'
  | 'NAMESAKES_IN_REGISTER'
  | 'IN_REGISTER'
  | 'NO_ID'
  | 'HAS_ID'
  | 'NO_PHONE'
  | 'HAS_PHONE'
  | 'NO_ACTIVITY'
  | 'HAS_ACTIVITY'
  | 'BURST'
  | 'NO_BURST'
  | 'OTHER_ROSTER'
  | 'SHARED_PHONE'
  | 'ELIGIBILITY'
  | 'NAMESAKE_DEAD';

/** One signal: a sentence for the reader and a signed weight (bits) the console draws as a bar. */
export interface Signal {
  code: SignalCode;
  /** log2 of the likelihood ratio, rounded to a tenth: > 0 for a phantom, < 0 for a real member. */
  weight: number;
  sentence: string;
}

/** What the register says of a record, as the signals read it (`NOT_COVERED` says nothing). */
type RegisterKind = 'NO_MATCH' | 'AMBIGUOUS' | 'MATCHED';
const REGISTER_KINDS: RegisterKind[] = ['NO_MATCH', 'AMBIGUOUS', 'MATCHED'];

/** How often each sign shows on real records of this province (shares, 0–1), and the base rate of made-up records. */
export interface SignalRates {
  /** The share of made-up records among those no rule or register already decided (estimated, `madeUpShare`). */
  madeUpShare: number;
  /** Among records showing life (activity or dues): the share without an ID number. */
  noIdOfReal: number;
  /** Among records showing life: the share without a phone. */
  noPhoneOfReal: number;
  /** Among records with an ID number: the share with neither activity nor dues. */
  noActivityOfReal: number;
  /** Among records showing life: the share whose person is also a member of another organization. */
  otherRosterOfReal: number;
  /** Among records showing life in communes the register covers, with and without an ID number: what the register says. */
  registerOfReal: { withId: Record<RegisterKind, number>; withoutId: Record<RegisterKind, number> };
  /**
   * What the register says of a made-up record: namesakes by chance (`AMBIGUOUS`) as often as a real
   * name with another record's birth year has namesakes in the register (`madeUpRegister`): in a
   * province of a million, most plausible names do; in a district, few.
   */
  registerOfMadeUp: Record<RegisterKind, number>;
  /** Register entries marked dead, as a share of all. */
  deadInRegister: number;
  /** Among records that could be in a burst (bare, joined on a known day): how often made-up and real ones are (estimated). */
  burst: { madeUp: number; real: number };
}

/**
 * What a made-up record looks like (probability of each sign). A name typed in to fill a list has
 * no card to copy an ID number from and no phone to call; no activity or dues are recorded for it.
 * How often an invented name and birth year happens to have namesakes in the register is measured
 * on each run (`registerOfMadeUp`; one in ten stands where nothing was measured); to be matched to one resident it must also hit that resident's
 * birth date and commune, which an invented entry does about once in a thousand. A name made up for
 * one list is on no other organization's roster, unless it happens to be linked to a real member of
 * another (one in fifty).
 */
export const MADE_UP = {
  otherRoster: 0.02,
  noId: 0.95,
  noPhone: 0.95,
  noActivity: 0.95,
  register: { NO_MATCH: 0.899, AMBIGUOUS: 0.1, MATCHED: 0.001 } as Record<RegisterKind, number>,
};

/** A burst weighs at most this much (×64): the estimate rests on few real records in bursts. */
export const BURST_MAX_BITS = 6;
/** One phone for five persons or more is a list filled from one handset (×4), yet households share phones. */
export const SHARED_PHONE_BITS = 2;
/** An eligibility breach too small to decide alone (at admission, or the age reached within the year) (×2). */
export const ELIGIBILITY_BITS = 1;
/** Namesakes not told apart never weigh as much as a settled death (×16 at most). */
export const NAMESAKE_DEAD_MAX_BITS = 4;
/** A record is suspected when the signals make a phantom likelier than not. */
export const SUSPECT_AT = 0.5;

const log2 = Math.log2;
const clampShare = (x: number) => Math.min(0.99, Math.max(0.001, x));
const bits = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number) => (x < 0.1 ? `${Math.round(x * 1000) / 10}%`.replace('.', ',') : `${Math.round(x * 100)}%`);
const logOdds = (p: number) => log2(clampShare(p) / (1 - clampShare(p)));

/** The weight of the base rate: where every record starts before its own signs. */
export const baseWeight = (rates: SignalRates) => logOdds(rates.madeUpShare);

/** The signals of one record, the base rate first. */
export function signalsOf(f: PhantomFacts, rates: SignalRates, eligibilityWarning: boolean): Signal[] {
  const out: Signal[] = [];
  const add = (code: SignalCode, weight: number, sentence: string) => out.push({ code, weight: bits(weight), sentence });
  add(
    'BASE_RATE',
    baseWeight(rates),
    `Ước tính từ dữ liệu của tỉnh: khoảng ${pct(clampShare(rates.madeUpShare))} hồ sơ chưa có kết luận khác là hồ sơ bịa; đó là điểm xuất phát.`,
  );
  const register = registerSignal(f, rates);
  if (register) out.push(register);
  const noId = clampShare(rates.noIdOfReal);
  if (!f.hasIdNumber)
    add('NO_ID', log2(MADE_UP.noId / noId), `Không có số định danh; hội viên thật còn sinh hoạt cũng thiếu số ở ${pct(noId)} hồ sơ.`);
  else add('HAS_ID', log2((1 - MADE_UP.noId) / (1 - noId)), 'Có số định danh: hồ sơ bịa hiếm khi có.');
  const noPhone = clampShare(rates.noPhoneOfReal);
  if (!f.hasPhone)
    add('NO_PHONE', log2(MADE_UP.noPhone / noPhone), `Không có số điện thoại; hội viên thật thiếu số điện thoại ở ${pct(noPhone)} hồ sơ.`);
  else add('HAS_PHONE', log2((1 - MADE_UP.noPhone) / (1 - noPhone)), 'Có số điện thoại liên lạc.');
  const noAct = clampShare(rates.noActivityOfReal);
  if (!f.lastActivityDate && !f.lastDuesDate)
    add(
      'NO_ACTIVITY',
      log2(MADE_UP.noActivity / noAct),
      `Chưa từng ghi sinh hoạt hay đóng phí; chỉ ${pct(noAct)} hội viên có số định danh như vậy.`,
    );
  else add('HAS_ACTIVITY', log2((1 - MADE_UP.noActivity) / (1 - noAct)), 'Có ghi sinh hoạt hoặc đóng phí.');
  const { madeUp, real: realBurst } = rates.burst;
  // Counted only when present: most real members are in one organization, and the signs here are not
  // independent enough to give every record a little weight for the other rosters it is not on.
  if (f.organizationsOfPerson > 1) {
    const other = clampShare(rates.otherRosterOfReal);
    const sentence = `Người này còn có tên trong danh sách của ${f.organizationsOfPerson - 1} tổ chức khác.`;
    add('OTHER_ROSTER', log2(MADE_UP.otherRoster / other), sentence);
  }
  if (f.burst)
    add(
      'BURST',
      Math.min(BURST_MAX_BITS, Math.max(0, log2(madeUp / realBurst))),
      `Là một trong ${f.burst} hồ sơ không giấy tờ vào cùng ${termsOf(f.organization).branch} trong vòng một tuần; ${pct(madeUp)} hồ sơ bịa vào theo đợt như vậy, hồ sơ thật chỉ ${pct(realBurst)}.`,
    );
  else if (f.burst === 0)
    add(
      'NO_BURST',
      Math.min(0, log2((1 - madeUp) / (1 - realBurst))),
      `Không vào cùng đợt với nhiều hồ sơ không giấy tờ khác ở ${termsOf(f.organization).branch}; hồ sơ bịa thường vào theo đợt (${pct(madeUp)}).`,
    );
  if (f.phoneShared >= 5)
    add('SHARED_PHONE', SHARED_PHONE_BITS, `Số điện thoại ghi cho ${f.phoneShared} người khác nhau, nhiều hơn một hộ gia đình.`);
  if (eligibilityWarning)
    add('ELIGIBILITY', ELIGIBILITY_BITS, 'Có điểm chưa đúng điều lệ (tuổi hoặc giới tính khi kết nạp), chưa đủ để kết luận.');
  const death = f.death;
  if (death?.kind === 'UNSETTLED') {
    const w = Math.min(NAMESAKE_DEAD_MAX_BITS, Math.max(0, log2((death.dead + 0.5) / (death.alive + 0.5)) - logOdds(rates.deadInRegister)));
    add(
      'NAMESAKE_DEAD',
      w,
      `CSDL dân cư có ${death.dead + death.alive} người trùng họ tên, năm sinh có thể là người này, ${death.dead} người đã mất; chưa phân biệt được.`,
    );
  }
  return out;
}

/** What the register says, weighed against how often it says so of real records with (or without) an ID number. */
function registerSignal(f: PhantomFacts, rates: SignalRates): Signal | null {
  const reg = f.register.kind === 'NOT_COVERED' ? null : f.register.kind;
  if (!reg) return null;
  const real = clampShare((f.hasIdNumber ? rates.registerOfReal.withId : rates.registerOfReal.withoutId)[reg]);
  const weight = bits(log2(rates.registerOfMadeUp[reg] / real));
  if (reg === 'NO_MATCH')
    return {
      code: 'NOT_IN_REGISTER',
      weight,
      sentence: `CSDL dân cư của xã không có ai cùng họ tên và năm sinh; hội viên thật (có sinh hoạt) chỉ gặp cảnh này ở ${pct(real)} hồ sơ.`,
    };
  if (reg === 'AMBIGUOUS')
    return {
      code: 'NAMESAKES_IN_REGISTER',
      weight,
      sentence: `CSDL dân cư có người trùng họ tên, năm sinh nhưng chưa xác định được là ai (gặp ở ${pct(real)} hồ sơ của hội viên thật, và ở ${pct(rates.registerOfMadeUp.AMBIGUOUS)} tên ghép thử ngẫu nhiên trong tỉnh).`,
    };
  return { code: 'IN_REGISTER', weight, sentence: 'CSDL dân cư có đúng một người khớp hồ sơ này: người thật.' };
}

/** The probability that the record is made up, from its signals. */
export function probabilityOf(signals: Signal[]): number {
  const total = signals.reduce((s, x) => s + x.weight, 0);
  return 1 / (1 + 2 ** -total);
}

/**
 * A tally of the signs on the province's records, giving their rates on real records: smoothed
 * shares ((k + 1) / (n + 2)) so a small province never gives a sign an infinite weight. A record
 * "shows life" with any activity or dues recorded; one with an ID number stands for real records
 * when the question is activity.
 */
export function rateTally(): {
  add(f: PhantomFacts): void;
  rates(deadInRegister: number, namesakesByChance?: number): SignalRates;
} {
  const n = { alive: 0, aliveNoId: 0, aliveNoPhone: 0, aliveOther: 0, withId: 0, withIdNoActivity: 0 };
  const reg = { withId: { NO_MATCH: 0, AMBIGUOUS: 0, MATCHED: 0 }, withoutId: { NO_MATCH: 0, AMBIGUOUS: 0, MATCHED: 0 } };
  const share = (k: number, of: number) => (k + 1) / (of + 2);
  const shares = (c: Record<RegisterKind, number>) => {
    const all = c.NO_MATCH + c.AMBIGUOUS + c.MATCHED;
    return Object.fromEntries(REGISTER_KINDS.map((k) => [k, (c[k] + 1) / (all + REGISTER_KINDS.length)])) as Record<RegisterKind, number>;
  };
  return {
    add(f) {
      const alive = !!f.lastActivityDate || !!f.lastDuesDate;
      if (alive) {
        n.alive++;
        if (!f.hasIdNumber) n.aliveNoId++;
        if (!f.hasPhone) n.aliveNoPhone++;
        if (f.organizationsOfPerson > 1) n.aliveOther++;
        if (f.register.kind !== 'NOT_COVERED') reg[f.hasIdNumber ? 'withId' : 'withoutId'][f.register.kind]++;
      }
      if (!f.hasIdNumber) return;
      n.withId++;
      if (!alive) n.withIdNoActivity++;
    },
    // The base rate and the bursts are estimated afterwards (`phantom-estimate.ts`): these are where the estimate starts.
    rates: (deadInRegister, namesakesByChance = MADE_UP.register.AMBIGUOUS) => ({
      madeUpShare: 0.01,
      burst: { madeUp: 0.5, real: 0.01 },
      noIdOfReal: share(n.aliveNoId, n.alive),
      noPhoneOfReal: share(n.aliveNoPhone, n.alive),
      noActivityOfReal: share(n.withIdNoActivity, n.withId),
      otherRosterOfReal: share(n.aliveOther, n.alive),
      registerOfReal: { withId: shares(reg.withId), withoutId: shares(reg.withoutId) },
      registerOfMadeUp: madeUpRegister(namesakesByChance),
      deadInRegister,
    }),
  };
}

/**
 * What the register says of a made-up record when a share `namesakesByChance` of made-up names and
 * years have namesakes in it: that many are AMBIGUOUS, a few are taken for one resident (`MADE_UP`),
 * the rest are not in the register.
 */
export function madeUpRegister(namesakesByChance: number): Record<RegisterKind, number> {
  const matched = MADE_UP.register.MATCHED;
  const ambiguous = Math.min(1 - 2 * matched, Math.max(matched, namesakesByChance));
  return { NO_MATCH: 1 - ambiguous - matched, AMBIGUOUS: ambiguous, MATCHED: matched };
}

/** A suspected phantom's reasons (empty: not suspected), and the weak signals weighed for it. */
export interface Suspicion {
  reasons: FlagCode[];
  /** The probability, from the weak signals alone, that the record is made up. */
  probability: number;
  signals: Signal[];
}

/**
 * A combined suspicion's headline: the flag of its most telling sign that the record is unknown.
 * One of these must be present — missing papers, phone and activity alone are data to collect,
 * never a phantom, however a small province's rates weigh them.
 */
const HEADLINE: [SignalCode, FlagCode][] = [
  ['BURST', 'BULK_ENTRY'],
  ['NOT_IN_REGISTER', 'NOT_IN_REGISTER'],
  ['NAMESAKE_DEAD', 'DECEASED'],
  ['SHARED_PHONE', 'SHARED_PHONE'],
];

/**
 * Whether the record is a suspected phantom, and why: dead, out of the organization's rules or
 * inactive decide it alone; otherwise the weak signals together, when they make a phantom likelier
 * than not. Data-quality warnings never count (a mistyped number, a Đoàn member of 31–35).
 */
export function suspicion(flags: Flag[], f: PhantomFacts, rates: SignalRates): Suspicion {
  const reasons: FlagCode[] = [];
  for (const c of ['DECEASED', 'INELIGIBLE_AGE', 'INELIGIBLE_SEX', 'INACTIVE'] as const)
    if (flags.some((x) => x.code === c && x.severity === 'PHANTOM')) reasons.push(c);
  const eligibility = flags.some((x) => (x.code === 'INELIGIBLE_AGE' || x.code === 'INELIGIBLE_SEX') && x.severity === 'WARNING');
  const signals = signalsOf(f, rates, eligibility);
  const probability = probabilityOf(signals);
  const headline = HEADLINE.find(([s]) => signals.some((x) => x.code === s && x.weight > 0))?.[1];
  if (probability >= SUSPECT_AT && headline && !reasons.includes(headline)) reasons.push(headline);
  return { reasons, probability, signals };
}

/**
 * The flags with a combined suspicion written into its headline flag's evidence (raised as a
 * phantom if it was a warning, added if absent), so that whoever reads the flag sees each signal.
 */
export function withSuspicion(flags: Flag[], s: Suspicion): Flag[] {
  const headline = s.reasons.find((r) => !flags.some((x) => x.code === r && x.severity === 'PHANTOM'));
  if (!headline) return flags;
  const evidence = { probability: Math.round(s.probability * 1000) / 1000, signals: s.signals };
  const own = flags.find((x) => x.code === headline);
  if (own) return flags.map((x) => (x === own ? { ...x, severity: 'PHANTOM', evidence: { ...x.evidence, suspicion: evidence } } : x));
  const message = `Nghi hồ sơ ảo (khả năng ${Math.round(s.probability * 100)}%) khi cộng các dấu hiệu yếu`;
  return [...flags, { code: headline, severity: 'PHANTOM', message, evidence: { suspicion: evidence } }];
}
