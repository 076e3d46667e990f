import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal } from '../../access/principal.js';
import { readScope } from '../../access/record-scope.js';
import { AuditAction } from '../../audit/audit-event.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import { formatVnPartialDate, fromStoredDate, type DatePrecision } from '../../common/dates/partial-date.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { FieldProblem } from '../../common/errors/field-problem.js';
import { MemberRecordsService } from '../../membership/member-record/member-records.service.js';
import { MEMBER_STATUS_INFO } from '../../membership/status/member-status.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { CallLimiter } from './call-limiter.js';
import { personOf } from '../model/clustering.js';
import { linkDate, linkName, NameLevel, type LinkDate, type LinkName } from '../../common/identity/identity-compare.js';
import { answersProbe, parseProbe, probeFields, probeNumbers, probeText, type DuplicateCheckInput, type Probe } from './duplicate-probe.js';
import { LinkDecision } from '../link.entities.js';
import { DEFAULT_LINK_OPTIONS, LINKED_STATUSES, linkDecision } from '../model/pair-decision.js';
import { explain, fieldEvidence, probabilityInWords, shownProbability, type BirthPair, type FieldEvidence } from '../model/evidence.js';
import { score, startingM, typicalU, type Comparison, type Contribution, type Model } from '../model/model.js';
import { isCallers, ownFields, type OwnFields } from '../seen-by-caller.js';
import { compareWithProbe, findCandidates, type CandidateRow } from './candidates.js';

export type { DuplicateCheckInput } from './duplicate-probe.js';

/** Calls a minute a user may make: far above what a secretary types, far below what a search by guessing needs. */
export const DUPLICATE_CHECKS_PER_MINUTE = 60;

export interface DuplicateCandidate extends OwnFields {
  probability: number;
  /** What the linker would do with the pair: link it, or send it to review. */
  verdict: Verdict;
  /** The probability calibrated on the tuning seeds: what it means (the model's own is over-confident at the top). */
  calibratedProbability: number;
  /** The calibrated probability as a person reads it (never "100%"), with its phrase. */
  probabilityText: string;
  explanation: string;
  evidence: FieldEvidence[];
  organization: string;
  communeCode: string | null;
  statusLabel: string;
  /** Null outside the caller's rights (as the record's own fields). */
  personId: string | null;
  /** As her roster gives it (`12/03/1990`, `1990`); null outside the caller's rights. */
  birthDate: string | null;
}

type Verdict = 'LIKELY_SAME' | 'TO_REVIEW';

/** A candidate scored with the last run's model, and what the linker would do with the pair. */
export interface ScoredCandidate {
  row: CandidateRow;
  probability: number;
  weight: number;
  verdict: Verdict;
  explanation: string;
  contributions: Contribution[];
}

/**
 * The duplicate check a secretary sees before adding a member: records across all organizations
 * that may be the same person, ranked, each with the linker's explanation — found by exact keys
 * (ID number, phone, given and family name with the birth year), scored with the last run's model.
 * Incremental linking scores a record just created the same way (`scoredCandidates`).
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
      found = await this.answer(probe, caller, limit, !!input.namesakes);
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

  private async answer(probe: Probe, caller: Principal, limit: number, namesakes: boolean): Promise<DuplicateCandidate[]> {
    const scope = readScope(caller);
    // Her own organization's namesake of that year is shown whatever its score: she checks before adding someone twice
    // (and every organization's, asked for: the persons one may merge).
    const namesake = (c: Comparison, r: CandidateRow) =>
      (namesakes || r.organization_code === probe.organization) && c.name === NameLevel.SAME;
    return (await this.scoredCandidates(probe, null, limit, answersProbe, namesake)).map(
      ({ row: r, probability, weight, verdict, explanation, contributions }) => {
        const mine = isCallers(scope, r);
        return {
          probability,
          verdict,
          calibratedProbability: shownProbability(weight),
          probabilityText: probabilityInWords(shownProbability(weight)),
          explanation,
          evidence: fieldEvidence(asStored(contributions), birthsOf(probe, r)),
          organization: r.organization_code,
          communeCode: r.commune_code,
          statusLabel: MEMBER_STATUS_INFO[r.status].label,
          personId: mine ? personOf(r.id, r.person_id) : null,
          ...ownFields(r, mine),
          birthDate: mine ? shownBirthDate(r) : null,
        };
      },
    );
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
   * Records that may be the probe's person (found by exact keys, `exclude` apart), scored with the
   * last run's model, best first: the data-entry check's answer, and what incremental linking links.
   * `answers` keeps only the records the probe may be answered with.
   */
  async scoredCandidates(
    probe: Probe,
    exclude: string | null,
    limit: number,
    answers: (c: Comparison) => boolean = () => true,
    /** Kept for review even below the review threshold (the duplicate check's namesakes in her organization). */
    keep: (c: Comparison, r: CandidateRow) => boolean = () => false,
  ): Promise<ScoredCandidate[]> {
    const rows = await findCandidates(this.db, probe, exclude, LINKED_STATUSES);
    const { value: model, total } = await this.currentModel();
    const names = new Map<string, LinkName>();
    const nameOf = (full: string) => {
      let n = names.get(full);
      if (!n) names.set(full, (n = linkName(full)));
      return n;
    };
    const sameName = rows.filter((r) => nameOf(r.full_name).key === probe.name.key).length + 1;
    const out: ScoredCandidate[] = [];
    for (const r of rows) {
      const c = compareWithProbe(probe, r, nameOf(r.full_name), (sealed) => this.vault.open(sealed));
      if (!answers(c)) continue;
      const s = score(
        model,
        c,
        { nameKey: probe.name.key, birthKey: probe.birth?.key ?? null },
        { total, name: () => sameName, birth: () => 1 },
      );
      const decision = linkDecision(c, s.weight, DEFAULT_LINK_OPTIONS);
      if (decision === null && !keep(c, r)) continue;
      const verdict: Verdict = decision === LinkDecision.AUTO ? 'LIKELY_SAME' : 'TO_REVIEW';
      out.push({
        row: r,
        probability: s.probability,
        weight: s.weight,
        verdict: verdict,
        explanation: explain(s, verdict === 'LIKELY_SAME' ? 'nhiều khả năng là cùng một người' : 'cần xem xét', birthsOf(probe, r)),
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

/** The typed birth date and the record's, for the words of a same year (`evidence.ts`). */
function birthsOf(probe: { birth: LinkDate | null }, r: { birth_date: string | null; birth_date_precision: string | null }): BirthPair {
  return [probe.birth, linkDate(r.birth_date, r.birth_date_precision)];
}

/** A candidate's birth date as her roster gives it: `12/03/1990`, `03/1990` or `1990`. */
function shownBirthDate(r: CandidateRow): string | null {
  if (!r.birth_date) return null;
  return formatVnPartialDate(fromStoredDate(r.birth_date, (r.birth_date_precision as DatePrecision | null) ?? 'DAY'));
}

/**
 * The evidence as she reads it at entry: how many records share the name counts the stored ones (the
 * score counts her new record among them, as the next run will; "2 hồ sơ có tên này" for one was wrong).
 */
const asStored = (contributions: Contribution[]): Contribution[] =>
  contributions.map((c) => (c.field === 'name' && c.frequency ? { ...c, frequency: c.frequency - 1 } : c));
