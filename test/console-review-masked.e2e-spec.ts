import { Role } from '../src/access/role.js';
import { LinkerService } from '../src/linker/linker.service.js';
import { CLEAN, launchBrowser, logInThroughPage, review, type TestBrowser } from './support/browser.js';
import { createTestApp, type TestApp } from './test-app.js';

const HEADER = 'Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã xã,Mã đơn vị,Trạng thái';

/**
 * Two CCCDs that look alike once masked (0113******35) are two numbers: the pair's table says "Khác"
 * as its evidence does, never a green "Khớp" read from the masked text (a helper reviewing as the
 * Ban Dân vận trusted it).
 */
describe('the console: a pair whose numbers look alike masked', () => {
  let t: TestApp;
  let b: TestBrowser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.importRoster('HPN', HEADER, ['P1,Phan Thu Nga,14/02/1990,Nữ,011303650435,0912000435,00004,P1,Đang sinh hoạt']);
    await t.importRoster('HND', HEADER, ['N1,Phan Thu Nga,14/02/1990,Nữ,011303290435,0912000435,00004,N1,Đang sinh hoạt']);
    await t.app.get(LinkerService).link();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('says the two numbers differ, as the evidence beneath does', async () => {
    const queue = await t.gql<{ reviewQueue: { evidence: { field: string; level: string }[] }[] }>(
      `{ reviewQueue { evidence { field level } } }`,
    );
    expect(queue.data!.reviewQueue.map((p) => p.evidence.find((e) => e.field === 'id')?.level)).toEqual(['DIFFERENT']);
    const context = await b.context();
    const page = await logInThroughPage(context, t.url, await t.createUser('bdv-masked', Role.DAN_VAN));
    await page.getByRole('link', { name: 'Rà soát liên kết' }).click();
    const id = page.locator('.ant-card tbody tr').filter({ hasText: 'Số CCCD' });
    await id.waitFor();
    expect(await id.innerText()).toMatch(/0113\*+35\s+0113\*+35/);
    expect(await id.locator('.ant-tag').innerText()).toBe('Khác');
    // The same phone, unmasked to the same digits: "Khớp".
    expect(await page.locator('.ant-card tbody tr').filter({ hasText: 'Số điện thoại' }).locator('.ant-tag').innerText()).toBe('Khớp');
    expect(await review(page)).toEqual(CLEAN);
    await context.close();
  });
});
