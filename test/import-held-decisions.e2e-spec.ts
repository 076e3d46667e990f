import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../src/access/role.js';
import { RosterImportService } from '../src/roster-io/import/roster-import.service.js';
import { CLI_PRINCIPAL, createTestApp, type TestApp } from './test-app.js';

type Candidate = { code: string; fullName: string | null; birthDate: string | null; unit: string | null };
type Row = {
  row: number;
  fate: string;
  code: string | null;
  fullName: string | null;
  reason: string | null;
  candidates: Candidate[];
  said: { birthDate: string | null; unit: string | null; phone: string | null } | null;
  decision: { code: string | null } | null;
};
type Pv = { status: string; rows: Row[] };
const PREVIEW = `query($id: ID!) { importPreview(jobId: $id) { status rows { row fate code fullName reason
  candidates { code fullName birthDate unit } said { birthDate unit phone } decision { code } } } }`;
const AGAIN = `mutation($id: ID!, $d: [HeldRowDecisionInput!]) { previewImportAgain(jobId: $id, decisions: $d) { status } }`;

/** Issue 17, item 3: a held row is settled in the console — she reads its candidates and says who the row is. */
describe('held rows decided in the preview (issue 17, item 3)', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-held-'));
  /** The organization's records, as an earlier import (the CLI, an administrator) left them. */
  const listed = async (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return t.app.get(RosterImportService).import(file, { organization: 'HPN', createUnits: true }, CLI_PRINCIPAL);
  };
  const codeOf = async (name: string) =>
    (await t.sql<{ external_id: string }>(`SELECT external_id FROM member_record WHERE full_name = $1`, [name]))[0].external_id;
  /** Her file uploaded for a preview, read once it waits. */
  const upload = async (token: string, csv: string, query = '') => {
    const form = new FormData();
    form.append('file', new Blob([`\uFEFF${csv}`], { type: 'text/csv' }), 'danh-sach.csv');
    const res = await fetch(`${t.url}/imports?organization=HPN&preview=true${query}`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    return { jobId, pv: await waiting(token, jobId) };
  };
  const waiting = async (token: string, jobId: string): Promise<Pv> => {
    let pv: Pv | undefined;
    for (let i = 0; i < 200 && pv?.status !== 'PREVIEW'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pv = (await t.gql<{ importPreview: Pv }>(PREVIEW, { id: jobId }, { token })).data!.importPreview;
    }
    return pv!;
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a held row’s candidates; her decisions plan the rows again (one is that member, one someone new), and the confirmation applies them', async () => {
    await listed('hpn.csv', ['Họ và tên,Ngày sinh,Giới tính', 'Phạm Thị Hương,1988,Nữ', 'Đinh Thị Hoa,1990,Nữ']);
    const [huong, hoa] = [await codeOf('Phạm Thị Hương'), await codeOf('Đinh Thị Hoa')];
    const her = await t.logIn(await t.createUser('vp.hpn.held', Role.SECRETARIAT, 'HPN'));
    const csv =
      'Họ và tên,Ngày sinh,Giới tính,Số điện thoại\nPhạm Thị Hương,1988,Nữ,0912000111\nĐinh Thị Hoa,1990,Nữ,0912000333\nVi Thị Ba,1995,Nữ,\n';
    const { jobId, pv } = await upload(her, csv);
    expect(pv.rows.map((r) => [r.row, r.fate, r.code])).toEqual([
      [2, 'HELD', null],
      [3, 'HELD', null],
      [4, 'CREATED', expect.any(String)],
    ]);
    expect(pv.rows[0].candidates).toEqual([{ code: huong, fullName: 'Phạm Thị Hương', birthDate: '1988', unit: null }]);
    expect(pv.rows[1].candidates.map((c) => c.code)).toEqual([hoa]);
    expect(pv.rows[2].candidates).toEqual([]);

    // Row 2 is the member listed (her phone is new); row 3 is another woman of that name and year (with a phone).
    const decisions = [
      { sheet: null, row: 2, code: huong },
      { sheet: null, row: 3, code: null },
    ];
    const again = await t.gql<{ previewImportAgain: { status: string } }>(AGAIN, { id: jobId, d: decisions }, { token: her });
    expect(again.errors).toBeUndefined();
    const decided = await waiting(her, jobId);
    expect(decided.rows.map((r) => [r.row, r.fate])).toEqual([
      [2, 'UPDATED'],
      [3, 'CREATED'],
      [4, 'CREATED'],
    ]);
    expect(decided.rows[0].code).toBe(huong);
    expect(decided.rows[1].code).not.toBe(hoa);
    // Nothing is written before she confirms.
    expect(await t.sql(`SELECT 1 FROM member_record WHERE full_name = 'Vi Thị Ba'`)).toEqual([]);

    const confirmed = await t.gql<{ confirmImport: { status: string; created: number; updated: number } }>(
      `mutation($id: ID!) { confirmImport(jobId: $id) { status created updated } }`,
      { id: jobId },
      { token: her },
    );
    expect(confirmed.data!.confirmImport).toEqual({ status: 'DONE', created: 2, updated: 1 });
    const rows = await t.sql<{ external_id: string; full_name: string; phone: string | null }>(
      `SELECT external_id, full_name, phone FROM member_record WHERE organization_code = 'HPN' ORDER BY full_name, external_id`,
    );
    expect(rows.filter((r) => r.full_name === 'Phạm Thị Hương')).toEqual([
      { external_id: huong, full_name: 'Phạm Thị Hương', phone: '0912000111' },
    ]);
    expect(rows.filter((r) => r.full_name === 'Đinh Thị Hoa').length).toBe(2);
  });

  it('matches next month’s unchanged lines without codes to the records they made (no namesake held), a line listed twice alike stays held', async () => {
    const roster = [
      'Họ và tên,Ngày sinh,Giới tính,Chi hội',
      'Mùa Thị Sua,1981,Nữ,Bản Kéo',
      'Mùa Thị Sua,1981,Nữ,Bản Ten',
      'Vàng Thị Dí,1977,Nữ,Bản Kéo',
      'Vàng Thị Dí,1977,Nữ,Bản Kéo',
    ];
    const file = path.join(dir, 'thang-11.csv');
    fs.writeFileSync(file, `${roster.join('\n')}\n`);
    const importer = t.app.get(RosterImportService);
    const november = await importer.import(file, { organization: 'HPN', createUnits: true, assignIds: true }, CLI_PRINCIPAL);
    expect(november.created).toBe(4);
    // December: the same lines again in another order with a new member (so codes assigned anew, none kept):
    // year-only namesakes with no phone or CCCD.
    const again = [roster[0], roster[4], roster[2], 'Sùng Thị Pà,1990,Nữ,Bản Kéo', roster[3], roster[1]];
    fs.writeFileSync(path.join(dir, 'thang-12.csv'), `${again.join('\n')}\n`);
    const december = await importer.import(path.join(dir, 'thang-12.csv'), { organization: 'HPN', assignIds: true }, CLI_PRINCIPAL);
    // The two Mùa Thị Sua (other chi hội) are each the record her line made; the two identical Vàng Thị Dí cannot be told apart.
    expect([december.unchanged, december.held, december.created]).toEqual([2, 2, 1]);
    const sua = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM member_record WHERE full_name = 'Mùa Thị Sua'`);
    expect(sua[0].n).toBe(2);
    // As the CLI tells her: in the held row's Mã hồ sơ, the listed record's code when it is her, a new code when someone else.
    const [di] = await t.sql<{ external_id: string }>(
      `SELECT external_id FROM member_record WHERE full_name = 'Vàng Thị Dí' ORDER BY 1 LIMIT 1`,
    );
    const settled = [
      'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Chi hội',
      `${di.external_id},Vàng Thị Dí,1977,Nữ,Bản Kéo`,
      'DI-MOI,Vàng Thị Dí,1977,Nữ,Bản Kéo',
    ];
    fs.writeFileSync(path.join(dir, 'thang-12-ma.csv'), `${settled.join('\n')}\n`);
    const answered = await importer.import(path.join(dir, 'thang-12-ma.csv'), { organization: 'HPN' }, CLI_PRINCIPAL);
    expect([answered.unchanged, answered.held, answered.created]).toEqual([1, 0, 1]);
  });

  it('asks next month only about the line written twice, not about the line its record was made from', async () => {
    const roster = [
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD',
      'Trần Thị Thuỷ,12/04/1990,Nữ,001190012399',
      'Trần Thị Thủy,12/04/1990,Nữ,001190012399',
    ];
    const file = path.join(dir, 'thuy.csv');
    fs.writeFileSync(file, `${roster.join('\n')}\n`);
    const importer = t.app.get(RosterImportService);
    const first = await importer.import(file, { organization: 'HPN' }, CLI_PRINCIPAL);
    expect([first.created, first.held]).toEqual([1, 1]);
    const next = await importer.import(file, { organization: 'HPN' }, CLI_PRINCIPAL);
    expect([next.created, next.unchanged, next.held]).toEqual([0, 1, 1]);
    const pv = await importer.preview(next.jobId, CLI_PRINCIPAL);
    expect(pv.rows.find((r) => r.fate === 'HELD')!.reason).toContain('mà một dòng khác của tệp ghi y như lần nhập trước');
  });

  it('holds a re-typed row whose name gained its missing last word (no phone, no CCCD) instead of adding her a second record', async () => {
    await listed('hpn-thu.csv', [
      'Họ và tên,Ngày sinh,Giới tính',
      'Lường Thị Thu,12/03/1990,Nữ',
      'Cầm Thị Ngọc,1992,Nữ',
      'Tòng Thị,08/11/1986,Nữ',
    ]);
    const thu = await codeOf('Lường Thị Thu');
    const her = await t.logIn(await t.createUser('vp.hpn.thu', Role.SECRETARIAT, 'HPN'));
    const { jobId, pv } = await upload(
      her,
      'Họ và tên,Ngày sinh,Giới tính\nLường Thị Thu Trang,12/03/1990,Nữ\nCầm Thị Ngọc Anh,1985,Nữ\nTòng Thị Ánh,08/11/1986,Nữ\n',
    );
    expect(pv.rows.map((r) => [r.fullName, r.fate])).toEqual([
      ['Lường Thị Thu Trang', 'HELD'],
      ['Cầm Thị Ngọc Anh', 'CREATED'],
      // Her name had no given name at all (Tòng Thị): completed, she is held too.
      ['Tòng Thị Ánh', 'HELD'],
    ]);
    expect(pv.rows[0].candidates).toEqual([{ code: thu, fullName: 'Lường Thị Thu', birthDate: '1990-03-12', unit: null }]);
    expect(pv.rows[0].reason).toContain("họ tên trong hồ sơ là 'Lường Thị Thu', khác một chữ cuối");
    // She says it is that member: the record takes the full name, no second record.
    await t.gql(AGAIN, { id: jobId, d: [{ sheet: null, row: 2, code: thu }] }, { token: her });
    const settled = await waiting(her, jobId);
    expect(settled.rows[0]).toMatchObject({ fate: 'UPDATED', code: thu });
  });

  it('gives two rows she gave one record back to her with all their candidates and why; a decision taken back holds its row again', async () => {
    await listed('hpn-4.csv', ['Họ và tên,Ngày sinh,Giới tính', 'Giàng Thị Mỷ,1990,Nữ', 'Giàng Thị Mỷ,1990,Nữ']);
    const codes = (
      await t.sql<{ external_id: string }>(`SELECT external_id FROM member_record WHERE full_name = 'Giàng Thị Mỷ' ORDER BY 1`)
    ).map((r) => r.external_id);
    const her = await t.logIn(await t.createUser('vp.hpn.held3', Role.SECRETARIAT, 'HPN'));
    const csv = 'Họ và tên,Ngày sinh,Giới tính,Số điện thoại\nGiàng Thị Mỷ,1990,Nữ,0912000555\nGiàng Thị Mỷ,1990,Nữ,0912000666\n';
    const { jobId, pv } = await upload(her, csv);
    expect(pv.rows.map((r) => [r.fate, r.candidates.map((c) => c.code), r.said])).toEqual([
      ['HELD', codes, { birthDate: '1990', unit: null, phone: '091****555' }],
      ['HELD', codes, { birthDate: '1990', unit: null, phone: '091****666' }],
    ]);
    // A slip: both rows given the first record.
    const both = codes.map((_, k) => ({ sheet: null, row: k + 2, code: codes[0] }));
    await t.gql(AGAIN, { id: jobId, d: both }, { token: her });
    const slipped = await waiting(her, jobId);
    expect(slipped.rows.map((r) => [r.fate, r.candidates.map((c) => c.code), r.decision])).toEqual([
      ['HELD', codes, { code: codes[0] }],
      ['HELD', codes, { code: codes[0] }],
    ]);
    expect(slipped.rows[0].reason).toContain(`bạn đã chọn hồ sơ '${codes[0]}' cho dòng 2, 3: một hồ sơ chỉ ứng với một dòng`);
    // Row 3 is the other one: both settle.
    await t.gql(AGAIN, { id: jobId, d: [{ sheet: null, row: 3, code: codes[1] }] }, { token: her });
    const settled = await waiting(her, jobId);
    expect(settled.rows.map((r) => [r.fate, r.code, r.decision])).toEqual([
      ['UPDATED', codes[0], { code: codes[0] }],
      ['UPDATED', codes[1], { code: codes[1] }],
    ]);
    // Taken back: row 3 waits again, row 2 keeps her decision.
    await t.gql(AGAIN, { id: jobId, d: [{ sheet: null, row: 3, code: null, forget: true }] }, { token: her });
    const back = await waiting(her, jobId);
    expect(back.rows.map((r) => [r.fate, r.decision])).toEqual([
      ['UPDATED', { code: codes[0] }],
      ['HELD', null],
    ]);
  });

  it('keeps a row held when her decision names a record it was not held for; asks for something to plan again', async () => {
    await listed('hpn-2.csv', ['Họ và tên,Ngày sinh,Giới tính', 'Lò Thị Năm,1975,Nữ']);
    const her = await t.logIn(await t.createUser('vp.hpn.held2', Role.SECRETARIAT, 'HPN'));
    const { jobId, pv } = await upload(her, 'Họ và tên,Ngày sinh,Giới tính,Số điện thoại\nLò Thị Năm,1975,Nữ,0912000444\n');
    expect(pv.rows.map((r) => r.fate)).toEqual(['HELD']);
    const nothing = await t.gql(AGAIN, { id: jobId, d: [] }, { token: her });
    expect(nothing.errors?.[0].message).toMatch(/Chưa có gì để xem lại/);
    await t.gql(AGAIN, { id: jobId, d: [{ sheet: null, row: 2, code: 'KHONG-CO' }] }, { token: her });
    expect((await waiting(her, jobId)).rows.map((r) => r.fate)).toEqual(['HELD']);
  });

  it('reads her file again as the console sent it: her decision on a held row leaves the rows with an empty Mã hồ sơ new, not refused', async () => {
    await listed('hpn-4.csv', ['Họ và tên,Ngày sinh,Giới tính', 'Hà Thị Tươi,1982,Nữ']);
    const tuoi = await codeOf('Hà Thị Tươi');
    const her = await t.logIn(await t.createUser('vp.hpn.held4', Role.SECRETARIAT, 'HPN'));
    // Her list keeps a Mã hồ sơ column, empty for the rows she added; the console sends it with assignIds.
    const csv = `Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số điện thoại\n${tuoi},Hà Thị Tươi,1982,Nữ,\n,Hà Thị Tươi,1982,Nữ,0912000999\n,Lù Thị Pánh,1999,Nữ,\n`;
    const { jobId, pv } = await upload(her, csv, '&assignIds=true');
    expect(pv.rows.map((r) => [r.row, r.fate])).toEqual([
      [2, 'UNCHANGED'],
      [3, 'HELD'],
      [4, 'CREATED'],
    ]);
    // Another woman of that name and year: someone new.
    const again = await t.gql(AGAIN, { id: jobId, d: [{ sheet: null, row: 3, code: null }] }, { token: her });
    expect(again.errors).toBeUndefined();
    const decided = await waiting(her, jobId);
    expect(decided.rows.map((r) => [r.row, r.fate])).toEqual([
      [2, 'UNCHANGED'],
      [3, 'CREATED'],
      [4, 'CREATED'],
    ]);
  });

  it('names a candidate outside a unit secretariat’s scope by its code alone', async () => {
    const units = await t.gql(
      `mutation { a: createUnit(input: { organization: "HPN", code: "CHI-A", name: "Chi hội A", kind: BASE, communeCode: "00004" }) { code }
                  b: createUnit(input: { organization: "HPN", code: "CHI-B", name: "Chi hội B", kind: BASE, communeCode: "00004" }) { code } }`,
    );
    expect(units.errors).toBeUndefined();
    await listed('hpn-3.csv', [
      'Họ và tên,Ngày sinh,Giới tính,Mã đơn vị,Số điện thoại',
      'Lường Thị Sáu,1970,Nữ,CHI-B,',
      'Quàng Thị Bảy,1971,Nữ,CHI-A,0912000555',
    ]);
    const [sau, bay] = [await codeOf('Lường Thị Sáu'), await codeOf('Quàng Thị Bảy')];
    const her = await t.logIn(await t.createUser('vp.hpn.k1', Role.SECRETARIAT, 'HPN', 'CHI-A'));
    // A year alone; Bảy's row with another phone than her record's (in her own chi hội, so only that sets them apart).
    const { pv } = await upload(
      her,
      'Họ và tên,Ngày sinh,Giới tính,Số điện thoại\nLường Thị Sáu,1970,Nữ,\nQuàng Thị Bảy,1971,Nữ,0987000666\n',
    );
    expect(pv.rows.map((r) => [r.fate, r.candidates])).toEqual([
      ['HELD', [{ code: sau, fullName: null, birthDate: null, unit: null }]],
      ['HELD', [{ code: bay, fullName: 'Quàng Thị Bảy', birthDate: '1971', unit: 'Chi hội A' }]],
    ]);
  });
});
