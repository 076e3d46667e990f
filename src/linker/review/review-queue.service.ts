import { maskPhone } from '../../common/identity/phone.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { inScope, readScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { formatVnPartialDate, fromStoredDate } from '../../common/dates/partial-date.js';
import { linkDate } from '../../common/identity/identity-compare.js';
import type { DatePrecision } from '../../common/dates/partial-date.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/status/member-status.js';
import { LinkDecision } from '../link.entities.js';
import { listPageSize } from '../list-page.js';
import { explain, fieldEvidence, probabilityInWords, shownProbability, type BirthPair, type FieldEvidence } from '../model/evidence.js';
import type { Contribution } from '../model/model.js';
import { reviewDespiteHigh, VERDICTS, weightAtLeast } from '../model/pair-decision.js';
import { awaitingReview } from './awaiting-review.js';
import { byImpact, confirmChange, joinedOnConfirm, type Joined, type Ranked } from './decision-impact.js';

/** One record of a pair under review: where it is listed, and its own fields within the caller's rights (null outside). */
export interface PairSide {
  organization: string;
  communeCode: string | null;
  statusLabel: string;
  recordId: string | null;
  externalId: string | null;
  fullName: string | null;
  birthDate: string | null;
  sex: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  unitCode: string | null;
  unitName: string | null;
  flags: string[] | null;
}

export interface ReviewPairView {
  recordA: string;
  recordB: string;
  probability: number;
  /** The probability calibrated on the tuning seeds: what it means (the model's own is over-confident at the top). */
  calibratedProbability: number;
  /** The calibrated probability as a person reads it (never "100%"), with its phrase. */
  probabilityText: string;
  explanation: string;
  evidence: FieldEvidence[];
  organizationA: string;
  organizationB: string;
  communeA: string | null;
  communeB: string | null;
  a: PairSide;
  b: PairSide;
  /** What "Cùng một người" joins: each side's person whole, and where the one person would be listed twice. */
  joined: Joined;
}

/** The record columns a side is read from, for each of the two records (`a_…`, `b_…`). */
const SIDE_COLUMNS = [
  'id',
  'organization_code',
  'commune_code',
  'status',
  'external_id',
  'full_name',
  'birth_date',
  'birth_date_precision',
  'sex',
  'id_number_masked',
  'phone',
];
const sideSelect = (x: 'a' | 'b') =>
  [
    ...SIDE_COLUMNS.map((c) => `${x}.${c} AS ${x}_${c}`),
    `to_char(${x}.birth_date, 'YYYY-MM-DD') AS ${x}_birth_date`,
    `u${x}.code AS ${x}_unit_code`,
    `u${x}.name AS ${x}_unit_name`,
    `u${x}.path AS ${x}_unit_path`,
    `p${x}.flags AS ${x}_flags`,
  ].join(', ');

/** The queue's filters (the probability band is on the calibrated probability). */
export interface QueueFilter {
  organization?: string | null;
  commune?: string | null;
  minProbability?: number | null;
  maxProbability?: number | null;
  first?: number | null;
}

/** A weight bound as SQL takes it (a real column compared with ±Infinity is fine, but JSON is not). */
const bound = (w: number) => (w === Infinity ? 1e9 : w === -Infinity ? -1e9 : w);

type QueueRow = Record<string, unknown> & { probability: number; weight: number; contributions: Contribution[] };

const SEX_LABELS: Record<string, string> = { MALE: 'Nam', FEMALE: 'Nữ' };

/** Both sides' birth dates as the linker reads them (for the words of a same year; never shown as such). */
function birthsOf(r: QueueRow): BirthPair {
  const d = (x: 'a' | 'b') => linkDate(r[`${x}_birth_date`] as string | null, r[`${x}_birth_date_precision`] as string | null);
  return [d('a'), d('b')];
}

/** A side of a pair, as the caller may see it: always where it is listed; its own fields only within her rights. */
function side(r: QueueRow, x: 'a' | 'b', mine: boolean): PairSide {
  const v = (c: string) => r[`${x}_${c}`] as string | null;
  const birth = r[`${x}_birth_date`] as string | null;
  return {
    organization: v('organization_code')!,
    communeCode: v('commune_code'),
    statusLabel: MEMBER_STATUS_INFO[v('status') as MemberStatus].label,
    recordId: mine ? v('id') : null,
    externalId: mine ? v('external_id') : null,
    fullName: mine ? v('full_name') : null,
    birthDate: mine && birth ? formatVnPartialDate(fromStoredDate(birth, v('birth_date_precision') as DatePrecision | null)) : null,
    sex: mine ? (SEX_LABELS[v('sex') ?? ''] ?? null) : null,
    idNumberMasked: mine ? v('id_number_masked') : null,
    phoneMasked: mine && v('phone') ? maskPhone(v('phone')!) : null,
    unitCode: mine ? v('unit_code') : null,
    unitName: mine ? v('unit_name') : null,
    flags: mine ? ((r[`${x}_flags`] as string[] | null) ?? []) : null,
  };
}

/**
 * Pairs waiting for a person's decision, those whose decision changes the counts most first
 * (`decision-impact.ts`: persons, people in several organizations), each side by side with its
 * evidence in words.
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Pairs waiting for a person's decision, by how much a decision changes the counts, then strongest
   * first (filters: organization, commune, band of the calibrated probability).
   */
  async reviewQueue(f: QueueFilter, caller: Principal): Promise<ReviewPairView[]> {
    const ranked = await this.rankedPairs(f, listPageSize(f.first));
    const joined = new Map(ranked.map((r) => [`${r.recordA}|${r.recordB}`, r.joined]));
    const rows = await this.queueRows(ranked);
    const scope = readScope(caller);
    const mine = (r: QueueRow, x: 'a' | 'b') =>
      inScope(scope, { organizationCode: r[`${x}_organization_code`] as string, unitPath: r[`${x}_unit_path`] as string | null });
    const shown = rows.reduce((n, r) => n + (mine(r, 'a') ? 1 : 0) + (mine(r, 'b') ? 1 : 0), 0);
    await this.audit.record(caller, {
      action: AuditAction.ROSTER_READ,
      subjectType: 'REVIEW_QUEUE',
      organization: f.organization?.toUpperCase() ?? null,
      detail: {
        pairs: rows.length,
        commune: f.commune ?? null,
        minProbability: f.minProbability ?? null,
        maxProbability: f.maxProbability ?? null,
        recordsShown: shown,
      },
    });
    return rows.map((r) => {
      const [a, b] = [side(r, 'a', mine(r, 'a')), side(r, 'b', mine(r, 'b'))];
      const births = birthsOf(r);
      return {
        recordA: r.record_a as string,
        recordB: r.record_b as string,
        probability: r.probability,
        calibratedProbability: shownProbability(r.weight),
        probabilityText: probabilityInWords(shownProbability(r.weight)),
        explanation: explain(
          r,
          shownProbability(r.weight) >= 0.9 ? reviewDespiteHigh(r.contributions) : VERDICTS[LinkDecision.REVIEW],
          births,
        ),
        evidence: fieldEvidence(r.contributions, births),
        organizationA: a.organization,
        organizationB: b.organization,
        communeA: a.communeCode,
        communeB: b.communeCode,
        a,
        b,
        joined: joined.get(`${r.record_a as string}|${r.record_b as string}`)!,
      };
    });
  }

  /**
   * The page of pairs to review, ranked: every pair the filters keep (a province's band is a few
   * thousand) with its persons, the organizations of each person's ACTIVE records, and what
   * confirming it would change (`confirmChange`), largest change first.
   */
  private async rankedPairs(f: QueueFilter, size: number): Promise<(Ranked & { joined: Joined })[]> {
    const params: unknown[] = [];
    const where = [awaitingReview('l', 'pa', 'pb')];
    if (f.organization) {
      const i = params.push(f.organization.toUpperCase());
      where.push(`(a.organization_code = $${i} OR b.organization_code = $${i})`);
    }
    if (f.commune) {
      const i = params.push(f.commune);
      where.push(`(a.commune_code = $${i} OR b.commune_code = $${i})`);
    }
    // The band is on the calibrated probability (what is shown and what the thresholds act on): as weights.
    // Weights are stored to 0.01 bit: a millionth of a bit of slack absorbs the rounding of the inverse.
    if (f.minProbability != null) where.push(`l.weight >= $${params.push(bound(weightAtLeast(f.minProbability) - 1e-6))}::float8`);
    if (f.maxProbability != null && f.maxProbability < 1)
      where.push(`l.weight < $${params.push(bound(weightAtLeast(Math.min(1, f.maxProbability + 1e-9))))}::float8`);
    const pairs = await this.db.query<{ record_a: string; record_b: string; weight: number; pa: string; pb: string }[]>(
      `SELECT l.record_a, l.record_b, l.weight, coalesce(pa.person_id, l.record_a) AS pa, coalesce(pb.person_id, l.record_b) AS pb
         FROM record_link l JOIN member_record a ON a.id = l.record_a JOIN member_record b ON b.id = l.record_b
         LEFT JOIN record_person pa ON pa.record_id = l.record_a LEFT JOIN record_person pb ON pb.record_id = l.record_b
        WHERE ${where.join(' AND ')}`,
      params,
    );
    const persons = [...new Set(pairs.flatMap((p) => [p.pa, p.pb]))];
    const orgRows = await this.db.query<{ who: string; orgs: string[] }[]>(
      `WITH who AS (SELECT unnest($1::uuid[]) AS who),
            active AS (SELECT w.who, r.organization_code FROM who w JOIN record_person p ON p.person_id = w.who
                         JOIN member_record r ON r.id = p.record_id WHERE r.status = 'ACTIVE' AND r.erased_at IS NULL
                       UNION ALL
                       SELECT w.who, r.organization_code FROM who w JOIN member_record r ON r.id = w.who
                        WHERE r.status = 'ACTIVE' AND r.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM record_person p WHERE p.record_id = r.id))
       SELECT who, array_agg(organization_code::text ORDER BY organization_code) AS orgs FROM active GROUP BY who`,
      [persons],
    );
    const orgs = new Map(orgRows.map((r) => [r.who, r.orgs]));
    const deferred = await this.deferredPairs();
    const later = (p: Ranked) => deferred.get(`${p.recordA}|${p.recordB}`) ?? 0;
    return (
      pairs
        .map((p) => ({
          recordA: p.record_a,
          recordB: p.record_b,
          weight: p.weight,
          change: confirmChange(orgs.get(p.pa) ?? [], orgs.get(p.pb) ?? [], p.pa === p.pb),
          joined: joinedOnConfirm(orgs.get(p.pa) ?? [], orgs.get(p.pb) ?? [], p.pa === p.pb),
        }))
        // "Chưa chắc, để sau": after the others, the latest put off last — for everyone, after a reload too.
        .sort((x, y) => later(x) - later(y) || byImpact(x, y))
        .slice(0, size)
    );
  }

  /** The pairs someone put off ("để sau", audited), with when (ms), the latest deferral of each. */
  private async deferredPairs(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ pair: string; at: Date }[]>(
      `SELECT e.subject_id || '|' || (e.detail->>'recordB') AS pair, max(e.at) AS at FROM audit_event e
        WHERE e.action = $1 GROUP BY 1`,
      [AuditAction.REVIEW_DEFERRED],
    );
    return new Map(rows.map((r) => [r.pair, new Date(r.at).getTime()]));
  }

  /** The ranked pairs' rows, both sides, in the ranking's order. */
  private async queueRows(ranked: Ranked[]): Promise<QueueRow[]> {
    const rows = await this.db.query<QueueRow[]>(
      `SELECT l.record_a, l.record_b, l.probability, l.weight, l.contributions, ${sideSelect('a')}, ${sideSelect('b')}
         FROM unnest($1::uuid[], $2::uuid[]) AS q(a, b) JOIN record_link l ON l.record_a = q.a AND l.record_b = q.b
         JOIN member_record a ON a.id = l.record_a JOIN member_record b ON b.id = l.record_b
         LEFT JOIN unit ua ON ua.id = a.unit_id LEFT JOIN unit ub ON ub.id = b.unit_id
         LEFT JOIN record_person pa ON pa.record_id = a.id LEFT JOIN record_person pb ON pb.record_id = b.id`,
      [ranked.map((r) => r.recordA), ranked.map((r) => r.recordB)],
    );
    const byPair = new Map(rows.map((r) => [`${r.record_a as string}|${r.record_b as string}`, r]));
    return ranked.flatMap((r) => byPair.get(`${r.recordA}|${r.recordB}`) ?? []);
  }
}
