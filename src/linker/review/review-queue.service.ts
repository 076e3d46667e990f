import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { inScope, readScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { formatVnPartialDate, fromStoredDate } from '../../common/dates/partial-date.js';
import type { DatePrecision } from '../../common/dates/partial-date.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/status/member-status.js';
import { LinkDecision } from '../link.entities.js';
import { listPageSize } from '../list-page.js';
import { explain, fieldEvidence, probabilityInWords, shownProbability, type FieldEvidence } from '../model/evidence.js';
import type { Contribution } from '../model/model.js';
import { VERDICTS } from '../model/pair-decision.js';

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
  unitCode: string | null;
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
];
const sideSelect = (x: 'a' | 'b') =>
  [
    ...SIDE_COLUMNS.map((c) => `${x}.${c} AS ${x}_${c}`),
    `to_char(${x}.birth_date, 'YYYY-MM-DD') AS ${x}_birth_date`,
    `u${x}.code AS ${x}_unit_code`,
    `u${x}.path AS ${x}_unit_path`,
  ].join(', ');

type QueueRow = Record<string, unknown> & { probability: number; weight: number; contributions: Contribution[] };

const SEX_LABELS: Record<string, string> = { MALE: 'Nam', FEMALE: 'Nữ' };

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
    unitCode: mine ? v('unit_code') : null,
  };
}

/** Pairs waiting for a person's decision, strongest first, each side by side with its evidence in words. */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Pairs waiting for a person's decision, strongest first (filters: organization, commune, probability band). */
  async reviewQueue(
    f: {
      organization?: string | null;
      commune?: string | null;
      minProbability?: number | null;
      maxProbability?: number | null;
      first?: number | null;
    },
    caller: Principal,
  ): Promise<ReviewPairView[]> {
    const params: unknown[] = [LinkDecision.REVIEW];
    const where = [`l.decision = $1`, `v.record_a IS NULL`];
    if (f.organization) {
      const i = params.push(f.organization.toUpperCase());
      where.push(`(a.organization_code = $${i} OR b.organization_code = $${i})`);
    }
    if (f.commune) {
      const i = params.push(f.commune);
      where.push(`(a.commune_code = $${i} OR b.commune_code = $${i})`);
    }
    if (f.minProbability != null) where.push(`l.probability >= $${params.push(f.minProbability)}`);
    if (f.maxProbability != null) where.push(`l.probability <= $${params.push(f.maxProbability)}`);
    const rows = await this.db.query<QueueRow[]>(
      `SELECT l.record_a, l.record_b, l.probability, l.weight, l.contributions, ${sideSelect('a')}, ${sideSelect('b')}
         FROM record_link l JOIN member_record a ON a.id = l.record_a JOIN member_record b ON b.id = l.record_b
         LEFT JOIN unit ua ON ua.id = a.unit_id LEFT JOIN unit ub ON ub.id = b.unit_id
         LEFT JOIN link_review v ON v.record_a = l.record_a AND v.record_b = l.record_b
        WHERE ${where.join(' AND ')} ORDER BY l.weight DESC, l.record_a, l.record_b LIMIT $${params.push(listPageSize(f.first))}`,
      params,
    );
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
      return {
        recordA: r.record_a as string,
        recordB: r.record_b as string,
        probability: r.probability,
        calibratedProbability: shownProbability(r.weight),
        probabilityText: probabilityInWords(shownProbability(r.weight)),
        explanation: explain(r, VERDICTS[LinkDecision.REVIEW]),
        evidence: fieldEvidence(r.contributions),
        organizationA: a.organization,
        organizationB: b.organization,
        communeA: a.communeCode,
        communeB: b.communeCode,
        a,
        b,
      };
    });
  }
}
