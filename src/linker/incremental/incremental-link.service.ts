import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MemberStatus } from '../../membership/status/member-status.js';
import { SecretVault } from '../../personal-data/secret-vault.js';
import { refreshTouchedPersonFigures } from '../batch/person-figures.js';
import { LinkDecision } from '../link.entities.js';
import { newPersonId, personOf } from '../model/clustering.js';
import { linkDate, linkName } from '../../common/identity/identity-compare.js';
import { eligibilityReasons } from '../../membership/member-record/entry-flag-writes.js';
import { candidateRow, type CandidateRow } from './candidates.js';
import { DuplicateCheckService, type ScoredCandidate } from './duplicate-check.service.js';
import type { Probe } from './duplicate-probe.js';

/** Candidates a new record is scored against: the best one it may join, and the pairs kept for review. */
const CANDIDATES_PER_RECORD = 20;

/**
 * A record's person, with the flags already raised on it (an import's DUPLICATE_IN_ORG, an age out of
 * the organization's rules, a suspected phantom for it): the lists and counts, which read
 * `record_person`, show them before the next run. `$1` record, `$2` person.
 */
const PERSON_WITH_FLAGS = `INSERT INTO record_person (record_id, person_id, flags, ao_reasons, ao)
  SELECT $1::uuid, $2::uuid, ARRAY(SELECT f.code FROM record_flag f WHERE f.record_id = $1::uuid ORDER BY f.code)::varchar[], e.reasons, cardinality(e.reasons) > 0
    FROM (SELECT ${eligibilityReasons('$1::uuid')} AS reasons) e`;

/**
 * Links records just created (by GraphQL or a small import) at once, without a full run: each is
 * scored against its candidates as the duplicate check scores a typed probe (the same keys, model
 * and decision), then joins the person of its best candidate when the linker would link that pair
 * by itself (and no one rejected it), else it is its own person; pairs to review are kept for the
 * queue. The next full run may revise all of it.
 */
@Injectable()
export class IncrementalLinkService {
  constructor(
    private readonly db: DataSource,
    private readonly vault: SecretVault,
    private readonly check: DuplicateCheckService,
  ) {}

  async linkNew(recordIds: string[]): Promise<void> {
    for (const id of recordIds) await this.linkOne(id);
  }

  private async linkOne(id: string): Promise<void> {
    const r = await candidateRow(this.db, id);
    if (!r || r.status === MemberStatus.TRANSFERRED) return;
    const found = await this.check.scoredCandidates(this.probeOf(r), id, CANDIDATES_PER_RECORD);
    const rejected = await this.rejectedWith(id);
    const pairs = found.filter((c) => !rejected.has(c.row.id));
    const best = pairs.find((c) => c.verdict === 'LIKELY_SAME');
    const person = best ? personOf(best.row.id, best.row.person_id) : newPersonId(id);
    await this.db.transaction(async (em) => {
      await this.store(em, id, person, best, pairs);
      await refreshTouchedPersonFigures(em); // the figures count the new record in its person at once
    });
  }

  /** A stored record as a probe: compared with its clear ID number too (a typing slip counts). */
  private probeOf(r: CandidateRow): Probe {
    return {
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
  }

  /** The records a person decided are not the same person as this one. */
  private async rejectedWith(id: string): Promise<Set<string>> {
    const rows = await this.db.query<{ other: string }[]>(
      `SELECT CASE WHEN record_a = $1 THEN record_b ELSE record_a END AS other FROM link_review WHERE (record_a = $1 OR record_b = $1) AND decision = 'REJECT'`,
      [id],
    );
    return new Set(rows.map((x) => x.other));
  }

  /**
   * The record's person (and the best candidate's, when no run has seen it yet), and the pairs
   * found: the best one linked, the others to review.
   */
  private async store(em: EntityManager, id: string, person: string, best: ScoredCandidate | undefined, pairs: ScoredCandidate[]) {
    if (best && !best.row.person_id) await em.query(`${PERSON_WITH_FLAGS} ON CONFLICT (record_id) DO NOTHING`, [best.row.id, person]);
    await em.query(
      `${PERSON_WITH_FLAGS} ON CONFLICT (record_id) DO UPDATE SET person_id = EXCLUDED.person_id,
         flags = ARRAY(SELECT DISTINCT c FROM unnest(record_person.flags || EXCLUDED.flags) AS c ORDER BY c)`,
      [id, person],
    );
    // The pairs found, in one statement (not one per candidate).
    if (!pairs.length) return;
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
  }
}
