import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seven organizations of DOMAIN.md; their rules live in src/organizations/<code>/. */
export class BuiltInOrganizations1763700000002 implements MigrationInterface {
  name = 'BuiltInOrganizations1763700000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO organization (code, name, member_term, built_in) VALUES
      ('MTTQ', 'Mặt trận Tổ quốc Việt Nam', 'thành viên', true),
      ('CD', 'Công đoàn Việt Nam', 'đoàn viên công đoàn', true),
      ('DTN', 'Đoàn TNCS Hồ Chí Minh', 'đoàn viên', true),
      ('HPN', 'Hội Liên hiệp Phụ nữ Việt Nam', 'hội viên', true),
      ('HND', 'Hội Nông dân Việt Nam', 'hội viên', true),
      ('CCB', 'Hội Cựu chiến binh Việt Nam', 'hội viên', true),
      ('NCT', 'Hội Người cao tuổi Việt Nam', 'hội viên', true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM organization WHERE built_in`);
  }
}
