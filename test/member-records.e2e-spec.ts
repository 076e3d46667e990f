import { Role } from '../src/access/role.js';
import { decryptText, keyedHash } from '../src/personal-data/personal-data-cipher.js';
import { createTestApp, type TestApp } from './test-app.js';

/** The member registry through GraphQL over HTTP, on a real PostgreSQL with the migrations. */
describe('member records (GraphQL over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PROVINCE: '01' });
  });
  afterAll(async () => t.close());

  const CREATE = `mutation($i: CreateMemberRecordInput!) { createMemberRecord(input: $i) {
    id fullName phone birthDate birthDatePrecision sex idNumber idNumberIssues status statusLabel
    commune { code name } communeCandidates { code } enteredCommuneCode unit { code }
    raw { fullName idNumber phone commune } eligibility { code message } history { kind toStatus }
  } }`;
  type Rec = {
    id: string; fullName: string; phone: string | null; commune: { code: string; name: string } | null;
    communeCandidates: { code: string }[]; raw: Record<string, string | null>; idNumberIssues: string[];
    eligibility: { code: string }[]; history: { kind: string; toStatus: string }[]; status: string; unit: { code: string } | null;
  }; // prettier-ignore
  const create = (i: Record<string, unknown>) => t.gql<{ createMemberRecord: Rec }>(CREATE, { i });
  /** The Hội Phụ nữ's records a roster search finds (their ids). */
  const found = async (search: string) =>
    (
      await t.gql<{ memberRecords: { nodes: { id: string }[] } }>(
        `query($s: String) { memberRecords(organization: "HPN", search: $s) { nodes { id } } }`,
        { s: search },
      )
    ).data!.memberRecords.nodes.map((n) => n.id);

  it('answers organizations with the seven codes', async () => {
    const r = await t.gql<{ organizations: { code: string; memberTerm: string }[] }>('{ organizations { code name memberTerm } }');
    expect(r.data!.organizations.map((o) => o.code)).toEqual(['MTTQ', 'CD', 'DTN', 'HPN', 'HND', 'CCB', 'NCT']);
    expect(r.data!.organizations.find((o) => o.code === 'DTN')!.memberTerm).toBe('đoàn viên');
  });

  it('finds an NFD name typed without accents, shows the 10-digit phone and the current commune, keeps raw values', async () => {
    // An old commune code that is not a current code and went whole to one new commune.
    const [old] = await t.sql<{ code: string; name: string; successor: string; successor_name: string }>(`
      SELECT l.code, l.name, s.commune_code AS successor, c.name AS successor_name
      FROM legacy_commune l JOIN legacy_commune_successor s ON s.legacy_code = l.code JOIN commune c ON c.code = s.commune_code
      WHERE l.code NOT IN (SELECT code FROM commune)
        AND (SELECT count(*) FROM legacy_commune_successor x WHERE x.legacy_code = l.code) = 1
      ORDER BY l.code LIMIT 1`);
    const nfdName = 'Nguyễn Thị Thuỷ'.normalize('NFD');
    const r = await create({
      organization: 'HPN',
      externalId: 'HPN-0001',
      fullName: nfdName,
      phone: '0168 123 4567',
      communeCode: old.code,
      sex: 'FEMALE',
      birthDate: '12/03/1985',
    });
    expect(r.errors).toBeUndefined();
    const rec = r.data!.createMemberRecord;
    expect(rec.fullName).toBe('Nguyễn Thị Thủy');
    expect(rec.phone).toBe('0381234567');
    expect(rec.commune).toEqual({ code: old.successor, name: old.successor_name });
    expect(rec.raw).toEqual({ fullName: nfdName, phone: '0168 123 4567', commune: old.code, idNumber: null });
    expect(rec.history).toEqual([{ kind: 'ADMITTED', toStatus: 'ACTIVE' }]);

    const found = await t.gql<{ memberRecords: { totalCount: number; nodes: { id: string; phone: string; commune: { code: string } }[] } }>(
      `{ memberRecords(organization: "HPN", search: "nguyen thi thuy") { totalCount nodes { id phone commune { code } } } }`,
    );
    expect(found.data!.memberRecords.totalCount).toBe(1);
    expect(found.data!.memberRecords.nodes[0]).toEqual({ id: rec.id, phone: '0381234567', commune: { code: old.successor } });
    // Tone placement and case do not matter either.
    const again = await t.gql<{ memberRecords: { totalCount: number } }>(
      `{ memberRecords(organization: "HPN", search: "THỦY") { totalCount } }`,
    );
    expect(again.data!.memberRecords.totalCount).toBe(1);
    // As she types: each word typed starts a word of the name, in any order; the inside of a word is not a match.
    const count = async (search: string) =>
      (
        await t.gql<{ memberRecords: { totalCount: number } }>(
          `query($s: String) { memberRecords(organization: "HPN", search: $s) { totalCount } }`,
          { s: search },
        )
      ).data!.memberRecords.totalCount;
    expect(await count('ngu th t')).toBe(1);
    expect(await count('thu nguyen')).toBe(1);
    expect(await count('n')).toBe(1);
    expect(await count('guyen')).toBe(0);
    expect(await count('nguyen thi thuyx')).toBe(0);
    expect(await count('nguyen van')).toBe(0);
  });

  it('finds a record by part of its Mã hồ sơ, any case, within her organization only', async () => {
    const hers = await create({ organization: 'HPN', externalId: 'HPN9907731', fullName: 'Quàng Thị Pánh', birthDate: '1961' });
    await create({ organization: 'CD', externalId: 'CD9907731', fullName: 'Lù Văn Thắng', birthDate: '1990' });
    const id = hers.data!.createMemberRecord.id;
    // The last digits she remembers, the start typed in lower case, the middle, the whole code.
    for (const part of ['7731', 'hpn99077', '990773', 'HPN9907731']) expect(await found(part)).toEqual([id]);
    // Too short to be a part (two characters), a part that is not in the code, a LIKE wildcard taken literally.
    for (const miss of ['31', '77310', '99%31', '9_07']) expect(await found(miss)).toEqual([]);
  });

  it("finds a record by its phone's last digits (as its mask shows them), within her organization only", async () => {
    const hers = await create({
      organization: 'HPN',
      externalId: 'HPN-DT-1',
      fullName: 'Lò Thị Đuôi',
      birthDate: '1970',
      phone: '0912 345 678',
    });
    await create({ organization: 'HPN', externalId: 'HPN-DT-2', fullName: 'Lò Thị Khác', birthDate: '1971', phone: '0912 345 679' });
    await create({ organization: 'CD', externalId: 'CD-DT-1', fullName: 'Lò Văn Đuôi', birthDate: '1972', phone: '0987 345 678' });
    const id = hers.data!.createMemberRecord.id;
    // The three last digits her masked phone shows (091****678), more of them, typed with a space or a dot, the whole number.
    for (const tail of ['678', '5678', '345678', '345 678', '345.678', '0912345678']) expect(await found(tail)).toEqual([id]);
    // Two digits are too few to tell a phone; the middle of a number is not its end.
    for (const miss of ['78', '2345']) expect(await found(miss)).toEqual([]);
  });

  it('keeps an old split commune unresolved with its successors, until a name settles it', async () => {
    const [split] = await t.sql<{ code: string; n: number }>(`
      SELECT legacy_code AS code, count(*)::int AS n FROM legacy_commune_successor
      WHERE legacy_code NOT IN (SELECT code FROM commune) GROUP BY legacy_code HAVING count(*) > 1 ORDER BY 1 LIMIT 1`);
    const r = await create({ organization: 'HPN', externalId: 'HPN-SPLIT', fullName: 'Lò Thị Xuân', communeCode: split.code });
    const rec = r.data!.createMemberRecord;
    expect(rec.commune).toBeNull();
    expect(rec.communeCandidates).toHaveLength(split.n);
    const target = rec.communeCandidates[1].code;
    const [c] = await t.sql<{ name: string }>('SELECT name FROM commune WHERE code = $1', [target]);
    const u = await t.gql<{ updateMemberRecord: { commune: { code: string }; communeCandidates: unknown[] } }>(
      `mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { commune { code } communeCandidates { code } } }`,
      { id: rec.id, i: { communeCode: split.code, communeName: c.name } },
    );
    expect(u.data!.updateMemberRecord).toEqual({ commune: { code: target }, communeCandidates: [] });
  });

  it("keeps her reason for an edit with the edit's audit line", async () => {
    const r = await create({ organization: 'HPN', externalId: 'HPN-EDIT', fullName: 'Lò Thị Mai', birthDate: '1985' });
    const id = r.data!.createMemberRecord.id;
    const u = await t.gql(`mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { ethnicity } }`, {
      id,
      i: { ethnicity: 'Thái', reason: 'Sửa dân tộc theo CCCD' },
    });
    expect(u.errors).toBeUndefined();
    const audit = await t.sql<{ action: string; text: string | null }>(
      `SELECT e.action, n.text FROM audit_event e LEFT JOIN audit_note n ON n.id = e.note_id WHERE e.subject_id = $1 ORDER BY e.id`,
      [id],
    );
    expect(audit.filter((a) => a.action === 'RECORD_UPDATED')).toEqual([{ action: 'RECORD_UPDATED', text: 'Sửa dân tộc theo CCCD' }]);
  });

  it('settles a split commune from the name alone, as a secretary would type it', async () => {
    const [split] = await t.sql<{ code: string }>(`
      SELECT legacy_code AS code FROM legacy_commune_successor
      WHERE legacy_code NOT IN (SELECT code FROM commune) GROUP BY legacy_code HAVING count(*) > 1 ORDER BY 1 DESC LIMIT 1`);
    const rec = (await create({ organization: 'CCB', externalId: 'CCB-SPLIT', fullName: 'Lò Văn Xuân', communeCode: split.code })).data!
      .createMemberRecord;
    const target = rec.communeCandidates[0].code;
    const [c] = await t.sql<{ name: string }>('SELECT name FROM commune WHERE code = $1', [target]);
    const u = await t.gql<{ updateMemberRecord: { commune: { code: string }; enteredCommuneCode: string } }>(
      `mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { commune { code } enteredCommuneCode } }`,
      { id: rec.id, i: { communeName: c.name } },
    );
    expect(u.data!.updateMemberRecord).toEqual({ commune: { code: target }, enteredCommuneCode: split.code });
  });

  it('lists a roster by given name (tên), then full name, as Vietnamese rosters are', async () => {
    for (const [i, name] of ['Trần Văn Bình', 'Nguyễn Thị An', 'Lê Văn Bình', 'Đỗ Minh Châu'].entries())
      expect((await create({ organization: 'HND', externalId: `SORT-${i}`, fullName: name })).errors).toBeUndefined();
    const all = await t.gql<{ memberRecords: { nodes: { fullName: string; externalId: string }[] } }>(
      '{ memberRecords(organization: "HND", first: 500) { nodes { fullName externalId } } }',
    );
    expect(all.data!.memberRecords.nodes.filter((n) => n.externalId.startsWith('SORT-')).map((n) => n.fullName)).toEqual([
      'Nguyễn Thị An',
      'Lê Văn Bình',
      'Trần Văn Bình',
      'Đỗ Minh Châu',
    ]);
  });

  it('refuses bad input with each field, value and reason in Vietnamese, and writes nothing', async () => {
    const before = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM member_record');
    const r = await create({
      organization: 'DTN',
      externalId: 'BAD-1',
      fullName: 'Lê Văn Tám',
      birthDate: '31/02/1990',
      idNumber: '12345',
      phone: '0912',
      communeCode: '99999',
    });
    expect(r.data).toBeNull();
    expect(r.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.problems!.map((p) => [p.field, p.value])).toEqual([
      ['birthDate', '31/02/1990'],
      ['idNumber', '12345'],
      ['phone', '0912'],
      ['communeCode', '99999'],
    ]);
    expect(r.errors![0].message).toContain("Ngày sinh: '31/02/1990' không hợp lệ: tháng 2/1990 không có ngày 31");
    const after = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM member_record');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a second record with the same Mã hồ sơ in one organization, not in another', async () => {
    expect((await create({ organization: 'CD', externalId: 'X-1', fullName: 'Trần Văn Bình' })).errors).toBeUndefined();
    const dup = await create({ organization: 'CD', externalId: 'X-1', fullName: 'Trần Văn Bình' });
    expect(dup.errors![0]).toMatchObject({ message: "Mã hồ sơ 'X-1' đã có trong tổ chức CD.", extensions: { code: 'CONFLICT' } });
    expect((await create({ organization: 'HND', externalId: 'X-1', fullName: 'Trần Văn Bình' })).errors).toBeUndefined();
  });

  it('refuses individual members for MTTQ and an unknown organization', async () => {
    const m = await create({ organization: 'MTTQ', externalId: 'M-1', fullName: 'Lê Văn A' });
    expect(m.errors![0].message).toContain('không quản lý');
    const x = await create({ organization: 'XYZ', externalId: 'M-1', fullName: 'Lê Văn A' });
    expect(x.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(x.errors![0].message).toContain("Không có tổ chức mã 'XYZ'");
  });

  it('keeps and marks a 12-digit number that contradicts sex and birth year, and checks eligibility', async () => {
    const r = await create({
      organization: 'HPN',
      externalId: 'HPN-M',
      fullName: 'Phạm Văn Nam',
      sex: 'MALE',
      birthDate: '1990',
      idNumber: '001185012345',
    });
    const rec = r.data!.createMemberRecord;
    expect(rec.idNumberIssues).toEqual(['SEX_MISMATCH', 'BIRTH_YEAR_MISMATCH']);
    expect(rec.eligibility.map((e) => e.code)).toEqual(['INELIGIBLE_SEX']);
    // Stored sealed, never in clear: the keyed hash and the masked form beside it.
    const [row] = await t.sql<{ sealed: Buffer; hash: Buffer; masked: string; everything: string }>(
      'SELECT id_number_sealed AS sealed, id_number_hash AS hash, id_number_masked AS masked, r::text AS everything FROM member_record r WHERE id = $1',
      [rec.id],
    );
    expect(decryptText(t.key, row.sealed)).toBe('001185012345');
    expect(row.hash.equals(keyedHash(t.key, '001185012345'))).toBe(true);
    expect(row.masked).toBe('0011******45');
    expect(row.everything).not.toContain('001185012345');
  });

  it('warns of eligibility before saving, gives a code to a record added without one, filters the roster by flag', async () => {
    const CHECK = `query($i: EligibilityCheckInput!) { eligibilityCheck(input: $i) { code severity message } }`;
    const check = async (i: Record<string, unknown>) =>
      (await t.gql<{ eligibilityCheck: { code: string; message: string }[] }>(CHECK, { i })).data!.eligibilityCheck;
    expect((await check({ organization: 'DTN', birthDate: '1960' })).map((e) => e.code)).toEqual(['INELIGIBLE_AGE']);
    expect((await check({ organization: 'HPN', sex: 'MALE', birthDate: '1990' }))[0].message).toContain('nữ');
    expect(await check({ organization: 'DTN', birthDate: '2004' })).toEqual([]);
    expect(await check({ organization: 'DTN', birthDate: '19' })).toEqual([]); // still being typed
    // Her Chức vụ, as the saved record reads it: a Bí thư may stay past 35 (not a Đoàn member of the rank and file).
    expect((await check({ organization: 'DTN', birthDate: '1988' })).map((e) => e.message)).toEqual([
      expect.stringMatching(/quá độ tuổi tối đa 35$/),
    ]);
    expect(await check({ organization: 'DTN', birthDate: '1988', profile: [{ key: 'position', value: 'Bí thư chi đoàn' }] })).toEqual([]);
    // The Đoàn's own Ngày vào Đoàn stands for the join date, as on the saved record.
    const joined = await check({
      organization: 'DTN',
      birthDate: '01/01/2008',
      profile: [{ key: 'youthUnionJoinDate', value: '05/05/2020' }],
    });
    expect(joined.map((e) => e.message)).toEqual([expect.stringMatching(/^Kết nạp ngày 05\/05\/2020 khi mới 12 tuổi, dưới 16/)]);

    const a = (await create({ organization: 'HND', fullName: 'Đinh Văn Cờ', birthDate: '1970' })).data!.createMemberRecord;
    const b = (await create({ organization: 'HND', externalId: ' ', fullName: 'Đinh Thị Lờ', birthDate: '1972' })).data!.createMemberRecord;
    const codes = await t.sql<{ external_id: string }>(`SELECT external_id FROM member_record WHERE id = ANY($1::uuid[]) ORDER BY 1`, [
      [a.id, b.id],
    ]);
    for (const { external_id } of codes) expect(external_id).toMatch(/^HND-\d{6}-[0-9A-F]{6}$/);
    expect(codes[0].external_id).not.toBe(codes[1].external_id);

    await t.sql(`UPDATE record_person SET flags = '{DECEASED}', ao = true WHERE record_id = $1`, [a.id]);
    const list = async (flag: string) =>
      (
        await t.gql<{ memberRecords: { totalCount: number; nodes: { id: string }[] } }>(
          `query($f: String) { memberRecords(organization: "HND", flag: $f) { totalCount nodes { id } } }`,
          { f: flag },
        )
      ).data!.memberRecords;
    for (const flag of ['DECEASED', 'AO']) expect(await list(flag)).toEqual({ totalCount: 1, nodes: [{ id: a.id }] });
    expect((await list('OVER_AGE')).totalCount).toBe(0);
  });

  describe('units, subtree filter, transfer and end of membership', () => {
    const UNIT = `mutation($i: CreateUnitInput!) { createUnit(input: $i) { code kind parentCode commune { code } } }`;
    let recordId: string;

    beforeAll(async () => {
      for (const i of [
        { organization: 'DTN', code: 'TINH', name: 'Tỉnh đoàn', kind: 'PROVINCE' },
        { organization: 'DTN', code: 'BADINH', name: 'Đoàn phường Ba Đình', kind: 'BASE', parent: 'TINH', communeCode: '00004' },
        { organization: 'DTN', code: 'BADINH-1', name: 'Chi đoàn 1', kind: 'BRANCH', parent: 'BADINH' },
        { organization: 'DTN', code: 'NGOCHA', name: 'Đoàn phường Ngọc Hà', kind: 'BASE', parent: 'TINH', communeCode: '00008' },
      ]) {
        const r = await t.gql(UNIT, { i });
        expect(r.errors).toBeUndefined();
      }
      for (const [n, unit] of [
        ['Đặng Văn Lâm', 'BADINH-1'],
        ['Đặng Văn Hậu', 'BADINH'],
        ['Vũ Thị Hoa', 'NGOCHA'],
      ] as const) {
        const r = await create({ organization: 'DTN', externalId: `DTN-${unit}-${n.length}`, fullName: n, unit, birthDate: '2000-01-01' });
        expect(r.errors).toBeUndefined();
        if (unit === 'BADINH-1') recordId = r.data!.createMemberRecord.id;
      }
    });

    it('a branch inherits its base commune; a branch without a base is refused', async () => {
      const units = await t.gql<{ units: { code: string; commune: { code: string } | null; parentCode: string | null }[] }>(
        '{ units(organization: "DTN") { code parentCode commune { code } } }',
      );
      expect(units.data!.units.find((u) => u.code === 'BADINH-1')).toEqual({
        code: 'BADINH-1',
        parentCode: 'BADINH',
        commune: { code: '00004' },
      });
      const orphan = await t.gql(UNIT, { i: { organization: 'DTN', code: 'X', name: 'Chi đoàn lạc', kind: 'BRANCH' } });
      expect(orphan.errors![0].message).toContain('phải thuộc một đơn vị cơ sở');
      // A member added without a commune lives where her chi đoàn is (a branch: its base's commune), as an imported row does.
      const communes = await t.sql<{ full_name: string; commune_code: string | null }>(
        `SELECT full_name, commune_code FROM member_record WHERE organization_code = 'DTN' AND full_name IN ('Đặng Văn Lâm', 'Vũ Thị Hoa') ORDER BY commune_code`,
      );
      expect(communes).toEqual([
        { full_name: 'Đặng Văn Lâm', commune_code: '00004' },
        { full_name: 'Vũ Thị Hoa', commune_code: '00008' },
      ]);
    });

    it('filters by unit including its subtree', async () => {
      const q = (unit: string) =>
        t.gql<{ memberRecords: { totalCount: number } }>(`{ memberRecords(organization: "DTN", unit: "${unit}") { totalCount } }`);
      expect((await q('TINH')).data!.memberRecords.totalCount).toBe(3);
      expect((await q('BADINH')).data!.memberRecords.totalCount).toBe(2);
      expect((await q('BADINH-1')).data!.memberRecords.totalCount).toBe(1);
      expect((await q('NOPE')).errors![0].message).toContain("không có đơn vị 'NOPE'");
    });

    it('transfers and ends a membership, keeping a dated history', async () => {
      const tr = await t.gql<{ transferMemberRecord: { unit: { code: string } } }>(
        `mutation($i: TransferMemberRecordInput!) { transferMemberRecord(input: $i) { unit { code } } }`,
        { i: { id: recordId, unit: 'NGOCHA', date: '01/10/2026', reason: 'Chuyển nơi cư trú' } },
      );
      expect(tr.data!.transferMemberRecord.unit.code).toBe('NGOCHA');
      const noReason = await t.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { status } }`, {
        i: { id: recordId, status: 'DECEASED', date: '05/11/2026', reason: ' ' },
      });
      expect(noReason.errors![0].message).toContain('cần ghi lý do');
      const end = await t.gql<{
        endMembership: {
          status: string;
          statusLabel: string;
          history: {
            kind: string;
            effectiveDate: string;
            fromUnit: { code: string } | null;
            toUnit: { code: string } | null;
            toStatus: string;
            reason: string;
          }[];
        };
      }>(
        `mutation($i: EndMembershipInput!) { endMembership(input: $i) { status statusLabel history { kind effectiveDate fromUnit { code } toUnit { code } toStatus reason } } }`,
        { i: { id: recordId, status: 'DECEASED', date: '05/11/2026', reason: 'Giấy báo tử của UBND phường' } },
      );
      expect(end.data!.endMembership.status).toBe('DECEASED');
      expect(end.data!.endMembership.statusLabel).toBe('Đã mất');
      expect(
        end.data!.endMembership.history.map((h) => [h.kind, h.effectiveDate, h.fromUnit?.code ?? null, h.toUnit?.code ?? null, h.toStatus]),
      ).toEqual([
        ['ADMITTED', null, null, 'BADINH-1', 'ACTIVE'],
        ['TRANSFERRED', '2026-10-01', 'BADINH-1', 'NGOCHA', 'ACTIVE'],
        ['ENDED', '2026-11-05', 'NGOCHA', null, 'DECEASED'],
      ]);
      const again = await t.gql(`mutation($i: TransferMemberRecordInput!) { transferMemberRecord(input: $i) { id } }`, {
        i: { id: recordId, unit: 'BADINH' },
      });
      expect(again.errors![0].message).toContain('hồ sơ đã kết thúc');
      const active = await t.gql<{ memberRecords: { totalCount: number } }>(
        '{ memberRecords(organization: "DTN", status: ACTIVE) { totalCount } }',
      );
      expect(active.data!.memberRecords.totalCount).toBe(2);
    });

    it("a member's page gives the history (units by code and name) and the flags the roster's rows give, and its read is logged", async () => {
      // The page reads them with the record in one statement (record-parts.ts); a roster row field by field.
      await t.sql(
        `INSERT INTO record_flag (record_id, code, severity, message, evidence) VALUES ($1, 'DIED', 'PHANTOM', 'Đã mất theo sổ hộ tịch', '{"date": "2026-11-01"}'),
                ($1, 'AGE', 'WARNING', 'Quá tuổi đoàn', '{}')`,
        [recordId],
      );
      await t.sql(
        `INSERT INTO flag_resolution (record_id, code, resolution, note, resolved_by) SELECT $1, 'AGE', 'FALSE_ALARM', 'Cán bộ đoàn', id FROM app_user LIMIT 1`,
        [recordId],
      );
      const FIELDS = `id history { id kind effectiveDate fromStatus toStatus fromUnit { code name } toUnit { code name } reason recordedAt }
        flags { code label severity message evidence evidenceOutcome evidenceDate resolution note }`;
      const page = await t.gql<{ memberRecord: Record<string, unknown> }>(`query($id: ID!) { memberRecord(id: $id) { ${FIELDS} } }`, {
        id: recordId,
      });
      const [{ external_id }] = await t.sql<{ external_id: string }>(`SELECT external_id FROM member_record WHERE id = $1`, [recordId]);
      const roster = await t.gql<{ memberRecords: { nodes: Record<string, unknown>[] } }>(
        `query($s: String) { memberRecords(organization: "DTN", search: $s) { nodes { ${FIELDS} } } }`,
        { s: external_id },
      );
      expect(page.errors).toBeUndefined();
      expect(roster.data!.memberRecords.nodes).toEqual([page.data!.memberRecord]);
      const shown = page.data!.memberRecord as {
        history: { kind: string; fromUnit: { code: string; name: string } | null; toUnit: { code: string; name: string } | null }[];
        flags: { code: string; resolution: string | null }[];
      };
      expect(shown.history.map((h) => [h.kind, h.fromUnit?.code ?? null, h.toUnit?.name ?? null])).toEqual([
        ['ADMITTED', null, 'Chi đoàn 1'],
        ['TRANSFERRED', 'BADINH-1', 'Đoàn phường Ngọc Hà'],
        ['ENDED', 'NGOCHA', null],
      ]);
      expect(shown.flags.map((f) => [f.code, f.resolution])).toEqual([
        ['AGE', 'FALSE_ALARM'],
        ['DIED', null],
      ]);
      // A record without history or flags reads as empty lists; one outside her rights is not found.
      const [bare] = await t.sql<{ id: string }>(
        `INSERT INTO member_record (organization_code, external_id, full_name, name_folded, family_key, given_key, version)
         VALUES ('DTN', 'DTN-BARE', 'Lò Văn Bản', 'lo van ban', 'lo', 'ban', 1) RETURNING id`,
      );
      const empty = await t.gql<{ memberRecord: { history: unknown[]; flags: unknown[] } }>(
        `query($id: ID!) { memberRecord(id: $id) { history { id } flags { code } } }`,
        { id: bare.id },
      );
      expect(empty.data!.memberRecord).toEqual({ history: [], flags: [] });
      const other = await t.serviceToken(Role.SECRETARIAT, 'HPN');
      const hidden = await t.gql(`query($id: ID!) { memberRecord(id: $id) { ${FIELDS} } }`, { id: recordId }, { token: other });
      expect(hidden.errors![0].extensions!.code).toBe('NOT_FOUND');
      // The read's audit line is written within a second (batched).
      let reads = 0;
      for (let i = 0; i < 50 && !reads; i++, await new Promise((r) => setTimeout(r, 100)))
        reads = (await t.sql(`SELECT 1 FROM audit_event WHERE action = 'RECORD_READ' AND subject_id = $1`, [recordId])).length;
      expect(reads).toBe(1);
    });

    it('refuses to end a membership through a plain update', async () => {
      const [row] = await t.sql<{ id: string }>(
        `SELECT id FROM member_record WHERE organization_code = 'DTN' AND status = 'ACTIVE' LIMIT 1`,
      );
      const r = await t.gql(`mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { status } }`, {
        id: row.id,
        i: { status: 'STRUCK_OFF' },
      });
      expect(r.errors![0].message).toContain('dùng endMembership');
    });

    it('ends a membership on a full day only, saying what to type for a month or a year alone, and never before she joined', async () => {
      const joined = await create({
        organization: 'CCB',
        externalId: 'CCB-END',
        fullName: 'Vũ Văn Kết',
        sex: 'MALE',
        birthDate: '1958',
        joinDate: '6/2010',
        communeCode: '00004',
      });
      const id = joined.data!.createMemberRecord.id;
      const END = `mutation($i: EndMembershipInput!) { endMembership(input: $i) { status history { kind effectiveDate } } }`;
      const end = (date: string) =>
        t.gql<{ endMembership: { status: string; history: { kind: string; effectiveDate: string | null }[] } }>(END, {
          i: { id, status: 'LEFT', date, reason: 'Đơn xin ra khỏi hội' },
        });
      const refused = async (date: string) => {
        const r = await end(date);
        expect(r.errors![0].extensions?.problems).toEqual([expect.objectContaining({ field: 'date', value: date })]);
        return r.errors![0].message;
      };
      expect(await refused('3/2024')).toBe("Ngày kết thúc '3/2024' thiếu ngày: nhập đủ ngày/tháng/năm, ví dụ 01/03/2024");
      expect(await refused('2024')).toBe("Ngày kết thúc '2024' thiếu ngày và tháng: nhập đủ ngày/tháng/năm, ví dụ 01/01/2024");
      expect(await refused('31/02/2024')).toMatch(/^Ngày kết thúc: '31\/02\/2024' /);
      expect(await refused('15/05/2010')).toBe(
        'Ngày kết thúc 15/05/2010 trước ngày vào tổ chức 06/2010: kiểm tra lại ngày kết thúc (hoặc sửa ngày vào trong hồ sơ)',
      );
      expect((await t.sql(`SELECT status FROM member_record WHERE id = $1`, [id]))[0]).toEqual({ status: 'ACTIVE' });
      // Within the month she joined (known to the month only) is not before it.
      const ok = await end('20/06/2010');
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.endMembership.status).toBe('LEFT');
      expect(ok.data!.endMembership.history.filter((h) => h.kind === 'ENDED')).toEqual([{ kind: 'ENDED', effectiveDate: '2010-06-20' }]);
    });

    it('asks before a temporary listing whose CCCD another member has becomes a counted one, and flags both when she confirms', async () => {
      const cccd = '001190077881';
      const base = { organization: 'CCB', sex: 'MALE', birthDate: '1960', idNumber: cccd, communeCode: '00004' };
      expect((await create({ ...base, externalId: 'CCB-T1', fullName: 'Đặng Văn Tạm' })).errors).toBeUndefined();
      const temporary = await create({ ...base, externalId: 'CCB-T2', fullName: 'Đặng Văn Tạm', status: 'TEMPORARY' });
      expect(temporary.errors).toBeUndefined();
      const UPDATE = `mutation($id: ID!, $i: UpdateMemberRecordInput!) { updateMemberRecord(id: $id, input: $i) { status } }`;
      const id = temporary.data!.createMemberRecord.id;
      // An edit that leaves it temporary asks nothing; making it counted does.
      expect((await t.gql(UPDATE, { id, i: { phone: '0912345678' } })).errors).toBeUndefined();
      const asked = await t.gql(UPDATE, { id, i: { status: 'ACTIVE' } });
      expect(asked.errors![0].message).toContain('CCB-T1 — Đặng Văn Tạm');
      expect((await t.sql(`SELECT status FROM member_record WHERE id = $1`, [id]))[0]).toEqual({ status: 'TEMPORARY' });
      const saved = await t.gql<{ updateMemberRecord: { status: string } }>(UPDATE, {
        id,
        i: { status: 'ACTIVE', confirmDuplicateInOrg: true },
      });
      expect(saved.data?.updateMemberRecord.status).toBe('ACTIVE');
      const flagged = await t.sql<{ external_id: string }>(
        `SELECT r.external_id FROM record_flag f JOIN member_record r ON r.id = f.record_id
          WHERE f.code = 'DUPLICATE_IN_ORG' AND r.organization_code = 'CCB' ORDER BY 1`,
      );
      expect(flagged.map((f) => f.external_id)).toEqual(['CCB-T1', 'CCB-T2']);
    });
  });

  it('pages 50 by default, caps at 500 with an error that says so, and walks pages with the cursor', async () => {
    await t.sql(`INSERT INTO member_record (organization_code, external_id, full_name, name_folded, family_key, given_key, version)
      SELECT 'NCT', 'NCT-' || g, 'Người ' || g, 'nguoi ' || lpad(g::text, 3, '0'), 'nguoi', g::text, 1 FROM generate_series(1, 120) g`);
    const page = (after?: string) =>
      t.gql<{
        memberRecords: { totalCount: number; nodes: { externalId: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
      }>(
        `query($after: String) { memberRecords(organization: "NCT", after: $after) { totalCount nodes { externalId } pageInfo { endCursor hasNextPage } } }`,
        { after },
      );
    const seen: string[] = [];
    let p = await page();
    expect(p.data!.memberRecords.nodes).toHaveLength(50);
    expect(p.data!.memberRecords.totalCount).toBe(120);
    for (;;) {
      seen.push(...p.data!.memberRecords.nodes.map((n) => n.externalId));
      if (!p.data!.memberRecords.pageInfo.hasNextPage) break;
      p = await page(p.data!.memberRecords.pageInfo.endCursor);
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    const counted = async (args: string) =>
      (
        await t.gql<{ memberRecords: { totalCount: number; countCapped: boolean } }>(
          `{ memberRecords(organization: "NCT"${args}) { totalCount countCapped } }`,
        )
      ).data!.memberRecords;
    expect(await counted(', countUpTo: 100')).toEqual({ totalCount: 100, countCapped: true });
    expect(await counted(', countUpTo: 120')).toEqual({ totalCount: 120, countCapped: false });
    // A search with digits (the plain query, not the walk) stops counting the same way.
    expect((await counted(', search: "nguoi 1"')).totalCount).toBeGreaterThan(5);
    expect(await counted(', search: "nguoi 1", countUpTo: 5')).toEqual({ totalCount: 5, countCapped: true });
    const tooMany = await t.gql('{ memberRecords(organization: "NCT", first: 501) { totalCount } }');
    expect(tooMany.errors![0].message).toContain('vượt quá giới hạn 500');
    const badCursor = await t.gql('{ memberRecords(organization: "NCT", after: "garbage") { totalCount } }');
    expect(badCursor.errors![0].message).toContain('con trỏ trang');
  });

  it('adds an association as data, usable at once, without restart', async () => {
    const r = await t.gql<{ createAssociation: { code: string; builtIn: boolean } }>(
      `mutation { createAssociation(input: { code: "CTD", name: "Hội Chữ thập đỏ", memberTerm: "hội viên", minAge: 16 }) { code builtIn } }`,
    );
    expect(r.data!.createAssociation).toEqual({ code: 'CTD', builtIn: false });
    const rec = await create({ organization: 'CTD', externalId: 'CTD-1', fullName: 'Hà Văn Nhỏ', birthDate: '2015' });
    expect(rec.data!.createMemberRecord.eligibility.map((e) => e.code)).toEqual(['INELIGIBLE_AGE']);
    const bad = await t.gql(`mutation { createAssociation(input: { code: "ctd x", name: "x" }) { code } }`);
    expect(bad.errors![0].message).toContain('Mã tổ chức phải gồm');
  });

  it('resolves communes by name within PROVINCE and reads old codes', async () => {
    const r = await t.gql<{ resolveCommune: { kind: string; commune: { code: string } } }>(
      '{ resolveCommune(name: "phuong ba dinh") { kind commune { code } } }',
    );
    expect(r.data!.resolveCommune).toEqual({ kind: 'NAME', commune: { code: '00004' } });
    const p = await t.gql<{ provinces: unknown[] }>('{ provinces { code name } }');
    expect(p.data!.provinces).toHaveLength(34);
  });

  it("lists a common commune name's namesakes with the deployment's province first and each one's province named", async () => {
    type Found = { code: string; name: string; provinceName: string; inHomeProvince: boolean };
    for (const search of ['Bình Minh', 'binh minh']) {
      const r = await t.gql<{ communes: Found[] }>('query($s: String) { communes(search: $s) { code name provinceName inHomeProvince } }', {
        s: search,
      });
      const namesakes = r.data!.communes.filter((c) => c.name === 'Xã Bình Minh');
      expect(namesakes[0]).toEqual({ code: '10126', name: 'Xã Bình Minh', provinceName: 'Thành phố Hà Nội', inHomeProvince: true });
      expect(namesakes).toContainEqual({ code: '14623', name: 'Xã Bình Minh', provinceName: 'Tỉnh Ninh Bình', inHomeProvince: false });
      expect(namesakes.filter((c) => c.inHomeProvince).map((c) => c.code)).toEqual(['10126']);
    }
    // A record's commune says its province too (the same type everywhere).
    const one = await t.gql<{ resolveCommune: { commune: Found } }>(
      '{ resolveCommune(code: "14623") { commune { code name provinceName inHomeProvince } } }',
    );
    expect(one.data!.resolveCommune.commune).toMatchObject({ provinceName: 'Tỉnh Ninh Bình', inHomeProvince: false });
  });
});
