import { Role } from '../src/access/role.js';
import { probeText } from '../src/linker/incremental/duplicate-probe.js';
import { keyedHash } from '../src/personal-data/personal-data-cipher.js';
import { createTestApp, type GqlResult, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';
/** The member whose number the attacker wants: shown to readers as 0010******49, born 1990. */
const TARGET = { name: 'Trần Văn Khoa', birth: '15/04/1990', id: '001090012349', phone: '0912000111' };
const QUERY = `query($i: DuplicateCheckInput!) { possibleDuplicates(input: $i) {
  probability verdict explanation organization communeCode statusLabel personId recordId externalId fullName unitCode } }`;

type Candidate = {
  organization: string;
  explanation: string;
  verdict: string;
  personId: string | null;
  recordId: string | null;
  fullName: string | null;
};
type Answer = GqlResult<{ possibleDuplicates: Candidate[] }>;

/**
 * The duplicate check at data entry helps a secretary find a person typed with a name and birth
 * year in another organization, and answers nothing about whose an ID number or a phone is
 * (issue 14: the 461-query recovery of a masked number, CCCD-only and phone-only probes).
 */
describe('possibleDuplicates is not an oracle', () => {
  let t: TestApp;
  let target: { id: string; person_id: string | null; id_number_hash: Buffer };
  const ask = (token: string, input: Record<string, unknown>) => t.gql<Answer['data']>(QUERY, { i: input }, { token }) as Promise<Answer>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, [
      `HND-T1,${TARGET.name},${TARGET.birth},Nam,${TARGET.id},${TARGET.phone},00004,HND-CHI-1,Đang sinh hoạt`,
      'HND-T2,Lê Văn Bình,02/02/1985,Nam,001085099999,0912000222,00004,HND-CHI-1,Đang sinh hoạt',
    ]);
    await t.importRoster('DTN', HEADER, ['DTN-X1,Phan Thị Mơ,03/03/2000,Nữ,001300088888,0912000333,00004,DTN-CHI-1,Đang sinh hoạt']);
    [target] = await t.sql(
      `SELECT r.id, p.person_id, r.id_number_hash FROM member_record r LEFT JOIN record_person p ON p.record_id = r.id WHERE r.external_id = 'HND-T1'`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('replays the 461-query recovery of a masked number with a Ban Dân vận token: no digit beyond the mask', async () => {
    // What the attacker knows: the mask 0010******49 and the birth year (digits 5–6 of a CCCD are
    // the year: 90), so four digits are unknown. It tries the first three with the fourth at 0 and
    // waits for "lệch một chữ số" (three of four right), then the fourth until "cùng số định danh".
    const tokens = await Promise.all(Array.from({ length: 8 }, () => t.serviceToken(Role.DAN_VAN)));
    let queries = 0;
    const answers = new Set<string>();
    const probe = async (guess: string) => {
      const r = await ask(tokens[Math.floor(queries++ / 60)], { fullName: TARGET.name, birthDate: '1990', idNumber: guess });
      expect(r.errors).toBeUndefined();
      const text = JSON.stringify(r.data);
      answers.add(text);
      return text;
    };
    let recovered: string | null = null;
    for (let abc = 0; abc < 1000 && queries < 461 && !recovered; abc++) {
      const head = `001090${String(abc).padStart(3, '0')}`;
      if (!/lệch một chữ số/i.test(await probe(`${head}049`))) continue;
      for (let d = 0; d <= 9 && queries < 461 && !recovered; d++)
        if (/cùng số định danh/i.test(await probe(`${head}${d}49`))) recovered = `${head}${d}49`;
    }
    expect(recovered).toBeNull();
    expect(queries).toBe(461);
    // Every wrong guess got the same answer: nothing in it depends on the digits guessed.
    expect(answers.size).toBe(1);
    expect([...answers][0]).not.toContain('lệch');
  });

  it('answers a CCCD-only or phone-only probe with nothing, for a Ban Dân vận and a DTN secretariat token', async () => {
    const tokens = [await t.serviceToken(Role.DAN_VAN), await t.serviceToken(Role.SECRETARIAT, 'DTN')];
    for (const token of tokens)
      for (const key of [{ idNumber: TARGET.id }, { phone: TARGET.phone }]) {
        // No birth date: refused with what to add.
        const bare = await ask(token, { fullName: 'Nguyễn Văn An', ...key });
        expect(bare.data).toBeNull();
        expect(bare.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(bare.errors?.[0].message).toContain('cần nhập ngày sinh');
        // A made-up name and year: the number or phone alone finds nobody.
        for (const made of [
          { fullName: 'Nguyễn Văn An', birthDate: '1990' },
          { fullName: 'Trần Văn Khoa', birthDate: '1975' },
          { fullName: 'Khoa', birthDate: '1990' },
        ]) {
          const r = await ask(token, { ...made, ...key });
          expect(r.errors).toBeUndefined();
          expect(r.data!.possibleDuplicates).toEqual([]);
        }
      }
  });

  it('still finds a person typed with a name and birth year in another organization, without an id outside the scope', async () => {
    const dtn = await t.serviceToken(Role.SECRETARIAT, 'DTN');
    const typed = { fullName: 'TRAN VAN KHOA', birthDate: '1990', idNumber: TARGET.id, organization: 'DTN' };
    const r = await ask(dtn, typed);
    expect(r.errors).toBeUndefined();
    expect(r.data!.possibleDuplicates).toHaveLength(1);
    const [found] = r.data!.possibleDuplicates;
    expect(found).toMatchObject({ organization: 'HND', verdict: 'LIKELY_SAME', personId: null, recordId: null, fullName: null });
    expect(found.explanation).toMatch(/cùng số định danh/i);
    // With the name and the full birth date, without a number: still found.
    const byName = await ask(dtn, { fullName: TARGET.name, birthDate: TARGET.birth, phone: TARGET.phone });
    expect(byName.data!.possibleDuplicates[0]).toMatchObject({ organization: 'HND', personId: null });
    // The Ban Dân vận reads every organization: it gets the record and its person.
    const danVan = await ask(await t.serviceToken(Role.DAN_VAN), typed);
    expect(danVan.data!.possibleDuplicates[0]).toMatchObject({ recordId: target.id, fullName: TARGET.name });
    expect(danVan.data!.possibleDuplicates[0].personId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses the 61st call in a minute with a Vietnamese message, as a client error', async () => {
    const token = await t.serviceToken(Role.SECRETARIAT, 'DTN');
    for (let i = 0; i < 60; i++) {
      const r = await ask(token, { fullName: `Đỗ Văn Thử`, birthDate: String(1950 + i) });
      expect(r.errors).toBeUndefined();
    }
    const refused = await ask(token, { fullName: 'Đỗ Văn Thử', birthDate: '2011' });
    expect(refused.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.errors?.[0].message).toBe('Kiểm tra trùng: quá 60 lần trong một phút. Vui lòng chờ một phút rồi thử lại.');
    // Another user is not held back.
    expect(
      (await ask(await t.serviceToken(Role.SECRETARIAT, 'DTN'), { fullName: 'Đỗ Văn Thử', birthDate: '1950' })).errors,
    ).toBeUndefined();
  });

  it('logs every call with keyed hashes of the probe, never the probe itself', async () => {
    const token = await t.serviceToken(Role.SECRETARIAT, 'DTN');
    const input = { fullName: TARGET.name, birthDate: '1990', idNumber: TARGET.id, phone: TARGET.phone };
    await ask(token, input);
    await ask(token, { fullName: 'Nguyễn Văn An', idNumber: TARGET.id });
    const [{ actor_id: tokenId }] = await t.sql<{ actor_id: string }>(
      `SELECT actor_id FROM audit_event WHERE subject_type = 'DUPLICATE_CHECK' ORDER BY id DESC LIMIT 1`,
    );
    const rows = await t.sql<{ action: string; detail: Record<string, unknown>; reason: string | null }>(
      `SELECT action, detail, reason FROM audit_event WHERE subject_type = 'DUPLICATE_CHECK' AND actor_id = $1 ORDER BY id`,
      [tokenId],
    );
    expect(rows.map((r) => [r.action, r.detail.outcome, r.detail.candidates])).toEqual([
      ['RECORD_READ', 'ANSWERED', 1],
      ['RECORD_READ', 'INVALID', 0],
    ]);
    expect(rows[0].detail.probe).toBe(keyedHash(t.key, probeText(input)).toString('base64'));
    expect(rows[0].detail.outOfScope).toBe(1);
    // The number's hash is the records' own: an administrator sees which record's number was asked about.
    expect(rows[1].detail.idNumberHash).toBe(target.id_number_hash.toString('base64'));
    // Every call of this file is there (461 + 16 + 3 + 62 + 2 at least), and none holds a clear probe.
    const all = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE subject_type = 'DUPLICATE_CHECK'`);
    expect(all[0].n).toBeGreaterThanOrEqual(461 + 16 + 3 + 62 + 2);
    // The keyed hashes (base64 of 32 bytes) left out: ~1,200 of them spell 'Khoa' or 'KHOA' by chance about one run in 200 (it happened).
    const text = JSON.stringify(await t.sql(`SELECT * FROM audit_event`)).replace(/[A-Za-z0-9+/]{43}=/g, '<hash>');
    for (const clear of [TARGET.id, TARGET.phone, '0010900120', 'Khoa', 'KHOA', 'Nguyễn Văn An', '001090000049'])
      expect(text).not.toContain(clear);
  });
});
