import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadAdminUnitsData } from '../src/geography/admin-units-data.js';

/**
 * Loads the 34 provinces and 3,321 communes in force since 1/7/2025 and the mapping from the
 * 63 old provinces and 10,047 old communes (data/admin-units/, MIT, dvhcvn). Đồng Nai became a
 * centrally-run city on 30/4/2026 (codes unchanged).
 */
export class AdminUnits1763700000001 implements MigrationInterface {
  name = 'AdminUnits1763700000001';

  async up(q: QueryRunner): Promise<void> {
    const d = loadAdminUnitsData();
    const col = <T, K extends keyof T>(rows: T[], k: K) => rows.map((r) => r[k]);
    await q.query(`INSERT INTO province (code, name, kind) SELECT * FROM unnest($1::varchar[], $2::text[], $3::varchar[])`, [
      col(d.provinces, 'code'),
      col(d.provinces, 'name'),
      col(d.provinces, 'kind'),
    ]);
    await q.query(`UPDATE province SET name = 'Thành phố Đồng Nai', kind = 'Thành phố' WHERE code = '75'`);
    await q.query(
      `INSERT INTO commune (code, name, kind, province_code) SELECT * FROM unnest($1::varchar[], $2::text[], $3::varchar[], $4::varchar[])`,
      [col(d.communes, 'code'), col(d.communes, 'name'), col(d.communes, 'kind'), col(d.communes, 'provinceCode')],
    );
    await q.query(
      `INSERT INTO legacy_province (code, name, successor_codes)
       SELECT code, name, string_to_array(succ, ',') FROM unnest($1::varchar[], $2::text[], $3::text[]) AS t(code, name, succ)`,
      [col(d.legacyProvinces, 'code'), col(d.legacyProvinces, 'name'), d.legacyProvinces.map((p) => p.successorCodes.join(','))],
    );
    await q.query(
      `INSERT INTO legacy_commune (code, name, legacy_province_code) SELECT * FROM unnest($1::varchar[], $2::text[], $3::varchar[])`,
      [col(d.legacyCommunes, 'code'), col(d.legacyCommunes, 'name'), col(d.legacyCommunes, 'legacyProvinceCode')],
    );
    await q.query(
      `INSERT INTO legacy_commune_successor (legacy_code, commune_code, coverage) SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])`,
      [col(d.successors, 'legacyCode'), col(d.successors, 'communeCode'), col(d.successors, 'coverage')],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['legacy_commune_successor', 'legacy_commune', 'legacy_province', 'commune', 'province'])
      await q.query(`DELETE FROM ${t}`);
  }
}
