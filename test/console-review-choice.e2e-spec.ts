import type { Page } from 'playwright-core';
import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { CLEAN, eventually, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Mã xã,Mã đơn vị,Trạng thái';
const row = (code: string, name: string, birth: string, sex: string, unit: string) =>
  `${code},${name},${birth},${sex},00004,${unit},Đang sinh hoạt`;

type Side = { birthDate: string | null };
type QueuePair = {
  recordA: string;
  recordB: string;
  a: Side;
  b: Side;
  explanation: string;
  evidence: { field: string; sentence: string }[];
};

/**
 * A Ban Dân vận officer on the review screen (issue: link review wording): the decision she chose by
 * key is the button that looks chosen, and a same year read off two 01/01 dates is said as such.
 */
describe('the console: link review, the chosen decision and the 01/01 dates', () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HND', HEADER, [
      row('H1', 'Vi Thị Bình', '12/12/1982', 'Nữ', 'B1'),
      row('H3', 'Lường Văn Khánh', '01/01/1970', 'Nam', 'B1'),
    ]);
    await t.importRoster('CD', HEADER, [
      row('C1', 'Vi Thị Bính', '1982', 'Nữ', 'C1'),
      row('C3', 'Lường Văn Khanh', '01/01/1970', 'Nam', 'C1'),
    ]);
    await t.app.get(LinkerService).link();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const queue = async () => {
    const r = await t.gql<{ reviewQueue: QueuePair[] }>(
      `{ reviewQueue { recordA recordB explanation a { birthDate } b { birthDate } evidence { field sentence } } }`,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.reviewQueue;
  };

  it('says "cả hai ghi 01/01" for two records both written 01/01, and "một bên chỉ có năm" for a year alone', async () => {
    const pairs = await queue();
    const birthOf = (p: QueuePair) => p.evidence.find((e) => e.field === 'birth')!.sentence;
    const both = pairs.find((p) => p.a.birthDate === '01/01/1970' && p.b.birthDate === '01/01/1970');
    expect(both).toBeDefined();
    expect(birthOf(both!)).toMatch(/^cùng năm sinh \(cả hai ghi 01\/01, chỉ rõ năm\)/);
    expect(both!.explanation).toContain('cả hai ghi 01/01');
    const yearAlone = pairs.find((p) => [p.a.birthDate, p.b.birthDate].sort().join('|') === '12/12/1982|1982');
    expect(yearAlone).toBeDefined();
    expect(birthOf(yearAlone!)).toMatch(/^cùng năm sinh \(một bên chỉ có năm\)/);
  });

  it('says the same of a typed 01/01 date against a record written 01/01 in the duplicate check', async () => {
    const r = await t.gql<{ possibleDuplicates: { explanation: string; evidence: { field: string; sentence: string }[] }[] }>(
      `query($i: DuplicateCheckInput!) { possibleDuplicates(input: $i) { explanation evidence { field sentence } } }`,
      { i: { fullName: 'Lường Văn Khánh', birthDate: '01/01/1970', sex: 'Nam', communeCode: '00004', organization: 'HPN' } },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.possibleDuplicates.length).toBeGreaterThan(0);
    for (const c of r.data!.possibleDuplicates) {
      expect(c.evidence.find((e) => e.field === 'birth')!.sentence).toMatch(/^cùng năm sinh \(cả hai ghi 01\/01, chỉ rõ năm\)/);
      expect(c.explanation).toContain('cả hai ghi 01/01');
    }
  });

  it('after R the "Hai người khác nhau" button is the chosen one, and the decision is kept and logged as hers', async () => {
    const context = await b.context();
    const page: Page = await logInThroughPage(context, t.url, await t.createUser('bdv-chon', Role.DAN_VAN));
    await page.getByRole('link', { name: 'Rà soát liên kết' }).click();
    const confirm = page.getByRole('button', { name: 'Cùng một người (C)' });
    const reject = page.getByRole('button', { name: 'Hai người khác nhau (R)' });
    await reject.waitFor();
    const chosen = async () => ({
      confirm: [await confirm.getAttribute('aria-pressed'), /ant-btn-variant-solid/.test((await confirm.getAttribute('class')) ?? '')],
      reject: [await reject.getAttribute('aria-pressed'), /ant-btn-variant-solid/.test((await reject.getAttribute('class')) ?? '')],
    });
    // Before she chooses, neither looks chosen.
    expect(await chosen()).toEqual({ confirm: ['false', false], reject: ['false', false] });
    await page.keyboard.press('r');
    await eventually(async () => expect(await chosen()).toEqual({ confirm: ['false', false], reject: ['true', true] }));
    expect(await review(page)).toEqual(CLEAN);
    // Out of the reason box, C changes her mind: now that one is chosen.
    await page.keyboard.press('Escape');
    await page.keyboard.press('c');
    await eventually(async () => expect(await chosen()).toEqual({ confirm: ['true', true], reject: ['false', false] }));
    await reject.click();
    await eventually(async () => expect(await chosen()).toEqual({ confirm: ['false', false], reject: ['true', true] }));
    // Saved by its button (on a phone Enter is hard to find), once a reason is written.
    const save = page.getByRole('button', { name: 'Lưu quyết định' });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel('Lý do').fill('Chi hội xác nhận hai người');
    await save.click();
    await eventually(async () => {
      const kept = await t.sql<{ decision: string }>(`SELECT decision FROM link_review WHERE decided_by = 'bdv-chon'`);
      expect(kept).toEqual([{ decision: 'REJECT' }]);
      const logged = await t.sql<{ action: string }>(
        `SELECT action FROM audit_event WHERE actor_name = 'bdv-chon' AND subject_type = 'RECORD_PAIR'`,
      );
      expect(logged).toEqual([{ action: 'REVIEW_TWO_PEOPLE' }]);
    }, 10_000);
    await context.close();
  });
});
