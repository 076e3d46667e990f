import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { inScope, readScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { MEMBER_STATUS_INFO, type MemberStatus } from '../../membership/member-status.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { CallLimiter } from './call-limiter.js';
import { newPersonId } from '../model/clustering.js';
import {
  compareBirth,
  compareCommunes,
  compareIds,
  compareNames,
  compareValues,
  linkDate,
  linkName,
  SimpleLevel,
  type LinkName,
} from '../model/compare.js';
import { answersProbe, parseProbe, probeFields, probeNumbers, probeText, type DuplicateCheckInput, type Probe } from './duplicate-probe.js';
import { LinkDecision } from '../link.entities.js';
import { DEFAULT_LINK_OPTIONS, LINKED_STATUSES, linkDecision } from '../model/pair-decision.js';
import { explain, score, startingM, typicalU, type Comparison, type Contribution, type Model } from '../model/model.js';

export type { DuplicateCheckInput } from './duplicate-probe.js';

/** Calls a minute a user may make: far above what a secretary types, far below what a search by guessing needs. */
export const DUPLICATE_CHECKS_PER_MINUTE = 60;

export interface DuplicateCandidate {
  probability: number;
  /** What the linker would do with the pair: link it, or send it to review. */
  verdict: 'LIKELY_SAME' | 'TO_REVIEW';
  explanation: string;
  organization: string;
  communeCode: string | null;
  statusLabel: string;
  /** Null outside the caller's rights (as the record's other fields). */
  personId: string | null;
  /** Null outside the caller's rights: the candidate is then only "listed in organization X, commune Y". */
  recordId: string | null;
  externalId: string | null;
  fullName: string | null;
  unitCode: string | null;
}

const CANDIDATE_SELECT = `SELECT r.id, r.organization_code, r.external_id, r.full_name, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date,
         r.birth_date_precision, r.sex, encode(r.id_number_hash, 'base64') AS id_hash, r.id_kind, r.id_number_sealed AS id_sealed,
         r.phone, r.commune_code, r.commune_candidates, r.status, u.code AS unit_code, u.path AS unit_path, p.person_id
    FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN record_person p ON p.record_id = r.id`;

interface CandidateRow {
  id: string;
  organization_code: string;
  external_id: string;
  full_name: string;
  birth_date: string | null;
  birth_date_precision: string | null;
  sex: string | null;
  id_hash: string | null;
  id_kind: string | null;
  id_sealed: Buffer | null;
  phone: string | null;
  commune_code: string | null;
  commune_candidates: string[] | null;
  status: MemberStatus;
  unit_code: string | null;
  unit_path: string | null;
  person_id: string | null;
}

/**
 * The duplicate check a secretary sees before adding a member: records across all organizations
 * that may be the same person, ranked, each with the linker's explanation — found by exact keys
 * (ID number, phone, given and family name with the birth year), scored with the last run's model.
 */
@Injectable()
export class DuplicateCheckService {
  private model: { value: Model; total: number; at: number } | null = null;
  private readonly limiter = new CallLimiter(DUPLICATE_CHECKS_PER_MINUTE, 60_000);

  constructor(
    private readonly db: DataSource,
    private readonly vault: SecretVault,
    private readonly records: MemberRecordsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The check a secretary runs before adding a member. It answers only a name with a birth date,
   * with records of that name and birth year (an ID number or phone adds evidence only when exactly
   * equal); at most DUPLICATE_CHECKS_PER_MINUTE calls a minute per user; every call is in the audit
   * log with a keyed hash of the probe, never the probe itself.
   */
  async possibleDuplicates(input: DuplicateCheckInput, caller: Principal, limit = 10): Promise<DuplicateCandidate[]> {
    let outcome = 'LIMITED';
    let found: DuplicateCandidate[] = [];
    try {
      if (caller.kind !== 'CLI' && !this.limiter.admit(`${caller.kind}:${caller.id ?? caller.name}`))
        throw new DomainError(
          'TOO_MANY_REQUESTS',
          `Kiểm tra trùng: quá ${DUPLICATE_CHECKS_PER_MINUTE} lần trong một phút. Vui lòng chờ một phút rồi thử lại.`,
        );
      outcome = 'INVALID';
      const probe = this.probeOf(input);
      outcome = 'FAILED';
      found = await this.answer(probe, caller, limit);
      outcome = 'ANSWERED';
      return found;
    } finally {
      await this.logCheck(input, caller, outcome, found);
    }
  }

  private probeOf(input: DuplicateCheckInput): Probe {
    const problems: FieldProblem[] = [];
    const parsed = parseProbe(input, problems);
    const commune = input.communeCode ? this.records.resolveCommune({ communeCode: input.communeCode }, problems) : null;
    if (problems.length || !parsed) throw DomainError.invalidInput(problems);
    return {
      name: parsed.name,
      birth: parsed.birth,
      sex: parsed.sex,
      // Compared on the keyed hash alone: "one digit off" is never computed for a typed number.
      digits: null,
      idHash: parsed.idDigits ? this.vault.hash(parsed.idDigits).toString('base64') : null,
      idKind: parsed.idKind,
      phone: parsed.phone,
      commune: { code: commune?.values.communeCode ?? null, candidates: commune?.values.communeCandidates ?? [] },
      organization: input.organization?.toUpperCase() ?? null,
    };
  }

  private async answer(probe: Probe, caller: Principal, limit: number): Promise<DuplicateCandidate[]> {
    const scope = readScope(caller);
    return (await this.candidates(probe, null, limit, answersProbe)).map(({ row: r, probability, verdict, explanation }) => {
      const mine = inScope(scope, { organizationCode: r.organization_code, unitPath: r.unit_path });
      return {
        probability,
        verdict,
        explanation,
        organization: r.organization_code,
        communeCode: r.commune_code,
        statusLabel: MEMBER_STATUS_INFO[r.status].label,
        personId: mine ? (r.person_id ?? newPersonId(r.id)) : null,
        recordId: mine ? r.id : null,
        externalId: mine ? r.external_id : null,
        fullName: mine ? r.full_name : null,
        unitCode: mine ? r.unit_code : null,
      };
    });
  }

  /**
   * One audit row per call, ids and figures only: keyed hashes of the probe, of its ID number (equal
   * to the records' id_number_hash, so an administrator can see which number was asked about) and of
   * its phone; the outcome, the fields given, the number of candidates, and the records in scope.
   */
  private async logCheck(input: DuplicateCheckInput, caller: Principal, outcome: string, found: DuplicateCandidate[]): Promise<void> {
    const numbers = probeNumbers(input);
    await this.audit.record(caller, {
      action: AuditAction.RECORD_READ,
      subjectType: 'DUPLICATE_CHECK',
      detail: {
        outcome,
        probe: this.vault.hash(probeText(input)).toString('base64'),
        idNumberHash: numbers.idDigits ? this.vault.hash(numbers.idDigits).toString('base64') : null,
        phoneHash: numbers.phone ? this.vault.hash(`phone:${numbers.phone}`).toString('base64') : null,
        fields: probeFields(input),
        candidates: found.length,
        outOfScope: found.filter((c) => !c.recordId).length,
        records: found.flatMap((c) => (c.recordId ? [c.recordId] : [])),
      },
    });
  }

  /**
   * Links records just created (by GraphQL or a small import) at once, without a full run: each
   * joins the person of its best candidate when the linker would link that pair by itself (and no
   * one rejected it), else it is its own person; pairs to review are kept for the queue.
   */
  async linkNew(recordIds: string[]): Promise<void> {
    for (const id of recordIds) {
      const [r] = await this.db.query<(CandidateRow & { organization_code: string })[]>(`${CANDIDATE_SELECT} WHERE r.id = $1`, [id]);
      if (!r || r.status === ('TRANSFERRED' as MemberStatus)) continue;
      const probe: Probe = {
        name: linkName(r.full_name),
        birth: linkDate(r.birth_date, r.birth_date_precision),
        sex: r.sex,
        digits: r.id_sealed ? this.vault.open(r.id_sealed) : null,
        idHash: r.id_hash,
        idKind: r.id_kind,
        phone: r.phone,
        commune: { code: r.commune_code, candidates: r.commune_candidates ?? [] },
        organization: r.organization_code,
      };
      const found = await this.candidates(probe, id, 20);
      const rejected = new Set(
        (
          await this.db.query<{ other: string }[]>(
            `SELECT CASE WHEN record_a = $1 THEN record_b ELSE record_a END AS other FROM link_review WHERE (record_a = $1 OR record_b = $1) AND decision = 'REJECT'`,
            [id],
          )
        ).map((x) => x.other),
      );
      const best = found.find((c) => c.verdict === 'LIKELY_SAME' && !rejected.has(c.row.id));
      const person = best ? (best.row.person_id ?? newPersonId(best.row.id)) : newPersonId(id);
      await this.db.transaction(async (em) => {
        if (best && !best.row.person_id)
          await em.query(`INSERT INTO record_person (record_id, person_id) VALUES ($1, $2) ON CONFLICT (record_id) DO NOTHING`, [
            best.row.id,
            person,
          ]);
        await em.query(
          `INSERT INTO record_person (record_id, person_id) VALUES ($1, $2) ON CONFLICT (record_id) DO UPDATE SET person_id = EXCLUDED.person_id`,
          [id, person],
        );
        // The pairs found, in one statement (not one per candidate).
        const pairs = found.filter((c) => !rejected.has(c.row.id));
        if (pairs.length)
          await em.query(
            `INSERT INTO record_link (record_a, record_b, decision, probability, weight, contributions)
             SELECT least(u.other, $1::uuid), greatest(u.other, $1::uuid), u.decision, u.probability, u.weight, u.contributions::jsonb
               FROM unnest($2::uuid[], $3::varchar[], $4::real[], $5::real[], $6::text[]) AS u(other, decision, probability, weight, contributions)
             ON CONFLICT (record_a, record_b) DO UPDATE SET decision = EXCLUDED.decision, probability = EXCLUDED.probability,
               weight = EXCLUDED.weight, contributions = EXCLUDED.contributions`,
            [
              id,
              pairs.map((c) => c.row.id),
              pairs.map((c) => (c === best ? LinkDecision.AUTO : LinkDecision.REVIEW)),
              pairs.map((c) => c.probability),
              pairs.map((c) => c.weight),
              pairs.map((c) => JSON.stringify(c.contributions)),
            ],
          );
      });
    }
  }

  /** Records that may be the probe's person (found by exact keys), scored with the last run's model, best first. */
  private async candidates(
    probe: Probe,
    exclude: string | null,
    limit: number,
    answers: (c: Comparison) => boolean = () => true,
  ): Promise<
    {
      row: CandidateRow;
      probability: number;
      weight: number;
      verdict: 'LIKELY_SAME' | 'TO_REVIEW';
      explanation: string;
      contributions: Contribution[];
    }[]
  > {
    const rows = await this.db.query<CandidateRow[]>(
      `${CANDIDATE_SELECT}
        WHERE r.erased_at IS NULL AND r.status = ANY($1) AND r.id <> coalesce($8::uuid, '00000000-0000-0000-0000-000000000000')
          AND (r.id_number_hash = decode($2, 'base64') OR r.phone = $3
               OR (r.given_key = $4 AND r.family_key = $5 AND ($6::date IS NULL OR r.birth_date BETWEEN $6::date AND $7::date)))
        LIMIT 300`,
      [
        LINKED_STATUSES,
        probe.idHash,
        probe.phone,
        probe.name.given,
        probe.name.family,
        // The same birth year: a year off scores below review anyway (and triples the rows of a common name).
        probe.birth ? `${probe.birth.year}-01-01` : null,
        probe.birth ? `${probe.birth.year}-12-31` : null,
        exclude,
      ],
    );
    const { value: model, total } = await this.currentModel();
    const names = new Map<string, LinkName>();
    const nameOf = (full: string) => {
      let n = names.get(full);
      if (!n) names.set(full, (n = linkName(full)));
      return n;
    };
    const sameName = rows.filter((r) => nameOf(r.full_name).key === probe.name.key).length + 1;
    const out = [];
    for (const r of rows) {
      const c: Comparison = {
        name: compareNames(probe.name, nameOf(r.full_name)),
        birth: compareBirth(probe.birth, linkDate(r.birth_date, r.birth_date_precision)),
        sex: compareValues(probe.sex, r.sex),
        id: compareIds({ hash: probe.idHash, kind: probe.idKind }, { hash: r.id_hash, kind: r.id_kind }, () =>
          probe.digits && r.id_sealed ? [probe.digits, this.vault.open(r.id_sealed)] : null,
        ),
        phone: compareValues(probe.phone, r.phone),
        commune: compareCommunes(probe.commune, { code: r.commune_code, candidates: r.commune_candidates ?? [] }),
        organization: probe.organization
          ? probe.organization === r.organization_code
            ? SimpleLevel.SAME
            : SimpleLevel.DIFFERENT
          : SimpleLevel.MISSING,
      };
      if (!answers(c)) continue;
      const s = score(
        model,
        c,
        { nameKey: probe.name.key, birthKey: probe.birth?.key ?? null },
        { total, name: () => sameName, birth: () => 1 },
      );
      if (s.probability < DEFAULT_LINK_OPTIONS.review) continue;
      const verdict: 'LIKELY_SAME' | 'TO_REVIEW' =
        linkDecision(c, s.probability, DEFAULT_LINK_OPTIONS.auto) === LinkDecision.AUTO ? 'LIKELY_SAME' : 'TO_REVIEW';
      out.push({
        row: r,
        probability: s.probability,
        weight: s.weight,
        verdict: verdict,
        explanation: explain(s, verdict === 'LIKELY_SAME' ? 'nhiều khả năng là cùng một người' : 'cần xem xét'),
        contributions: s.contributions,
      });
    }
    return out.sort((x, y) => y.probability - x.probability).slice(0, limit);
  }

  /** The model of the last linker run (re-read at most once a minute), or the priors before any run. */
  private async currentModel(): Promise<{ value: Model; total: number }> {
    if (this.model && Date.now() - this.model.at < 60_000) return this.model;
    const [run] = await this.db.query<{ model: Model | null; records: number | null }[]>(
      `SELECT summary->'model' AS model, (summary->>'records')::int AS records FROM link_run WHERE status = 'DONE' ORDER BY started_at DESC LIMIT 1`,
    );
    const value = run?.model ?? { lambda: 0.2, m: startingM(), u: typicalU() };
    const total = run?.records ?? (await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM member_record`))[0].n;
    this.model = { value, total: Math.max(1, total), at: Date.now() };
    return this.model;
  }
}
