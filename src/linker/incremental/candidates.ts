import type { DataSource } from 'typeorm';
import type { MemberStatus } from '../../membership/status/member-status.js';
import {
  compareBirth,
  compareCommunes,
  compareIds,
  compareNames,
  compareValues,
  linkDate,
  type LinkName,
} from '../../common/identity/identity-compare.js';
import type { Comparison } from '../model/model.js';
import type { ListedRecordRow } from '../seen-by-caller.js';
import type { Probe } from './duplicate-probe.js';

/**
 * The candidates of a probe, shared by the duplicate check and incremental linking: records found
 * by exact keys (ID number, phone, given and family name with the birth year), and how each
 * compares with the probe.
 */

const CANDIDATE_SELECT = `SELECT r.id, r.organization_code, r.external_id, r.full_name, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date,
         r.birth_date_precision, r.sex, encode(r.id_number_hash, 'base64') AS id_hash, r.id_kind, r.id_number_sealed AS id_sealed,
         r.phone, r.commune_code, r.commune_candidates, r.status, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path, p.person_id
    FROM member_record r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN record_person p ON p.record_id = r.id`;

export interface CandidateRow extends ListedRecordRow {
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
  person_id: string | null;
}

/** One stored record, in the candidates' shape (to link it as a probe of its own). */
export async function candidateRow(db: DataSource, id: string): Promise<CandidateRow | undefined> {
  const [row] = await db.query<CandidateRow[]>(`${CANDIDATE_SELECT} WHERE r.id = $1`, [id]);
  return row;
}

/**
 * Records of the given statuses that share an exact key with the probe (at most 300), the record
 * `exclude` apart.
 */
export function findCandidates(db: DataSource, probe: Probe, exclude: string | null, statuses: readonly string[]): Promise<CandidateRow[]> {
  return db.query<CandidateRow[]>(
    `${CANDIDATE_SELECT}
        WHERE r.erased_at IS NULL AND r.status = ANY($1) AND r.id <> coalesce($8::uuid, '00000000-0000-0000-0000-000000000000')
          AND (r.id_number_hash = decode($2, 'base64') OR r.phone = $3
               OR (r.given_key = $4 AND r.family_key = $5 AND ($6::date IS NULL OR r.birth_date BETWEEN $6::date AND $7::date)))
        LIMIT 300`,
    [
      statuses,
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
}

/**
 * How a candidate compares with the probe, field by field. `name` is the candidate's name as the
 * linker reads it; `open` unseals its ID number, asked only when both numbers are there and differ.
 */
export function compareWithProbe(probe: Probe, r: CandidateRow, name: LinkName, open: (sealed: Buffer) => string): Comparison {
  return {
    name: compareNames(probe.name, name),
    birth: compareBirth(probe.birth, linkDate(r.birth_date, r.birth_date_precision)),
    sex: compareValues(probe.sex, r.sex),
    id: compareIds({ hash: probe.idHash, kind: probe.idKind }, { hash: r.id_hash, kind: r.id_kind }, () =>
      probe.digits && r.id_sealed ? [probe.digits, open(r.id_sealed)] : null,
    ),
    phone: compareValues(probe.phone, r.phone),
    commune: compareCommunes(probe.commune, { code: r.commune_code, candidates: r.commune_candidates ?? [] }),
    // Missing when the probe names no organization (a record's organization is always there).
    organization: compareValues(probe.organization, r.organization_code),
  };
}
